using System;
using TorchSharp;
using static TorchSharp.torch;
using Alan.Distributions.Authoring;

namespace Alan
{
    /// <summary>
    /// Negative binomial distribution as in torch.distributions: the number of successes k before
    /// <see cref="TotalCount"/> failures, pmf C(k + r - 1, k) (1 - p)^r p^k, where p (given by <see cref="ProbsOrLogitsDistribution.Probs"/>
    /// or <see cref="ProbsOrLogitsDistribution.Logits"/>) is the success probability. Mean r p / (1 - p).
    /// </summary>
    [Distribution(Support.Count, Reparameterised = false, EventRank = 0)]
    public sealed class NegativeBinomial : ProbsOrLogitsDistribution
    {
        /// <summary>Creates NegativeBinomial(totalCount, probs | logits); exactly one of probs/logits must be given.</summary>
        public NegativeBinomial(Tensor totalCount, Tensor? probs = null, Tensor? logits = null)
            : base("NegativeBinomial", probs, logits)
        {
            TotalCount = totalCount ?? throw new ArgumentNullException(nameof(totalCount));
        }

        /// <summary>The number of failures r (positive, need not be an integer).</summary>
        public Tensor TotalCount { get; }

        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(TotalCount, Parameter);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var k = ShapeUtil.Value(value, dtype);
            var r = Align(TotalCount, batchRank, dtype);
            var q = Align(Parameter, batchRank, dtype);
            bool isLogits = IsLogits;
            var logChoose = ((r.add(k, Scalars.Of(1))).lgamma() - (k.add(Scalars.Of(1), Scalars.Of(1))).lgamma() - r.lgamma()).masked_fill(r.add(k, Scalars.Of(1)) == Scalars.Of(0), Scalars.Of(0.0));
            return logChoose.add(ProbsOrLogits.XLog1mP(r, q, isLogits), Scalars.Of(1)).add(ProbsOrLogits.XLogP(k, q, isLogits), Scalars.Of(1));
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var r = Align(TotalCount, batchShape.Length, dtype);
            var q = Align(Parameter, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, r.shape, q.shape);
            // Gamma-Poisson mixture: k ~ Poisson(G * p / (1 - p)), G ~ Gamma(r, 1).
            var rate = RandomUtil.StandardGamma(r, shape) * ProbsOrLogits.Odds(q, IsLogits);
            return torch.poisson(rate, RandomUtil.CurrentGenerator);
        }
    }
}
