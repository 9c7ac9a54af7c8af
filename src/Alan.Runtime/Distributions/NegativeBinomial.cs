using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// Negative binomial distribution as in torch.distributions: the number of successes k before
    /// <see cref="TotalCount"/> failures, pmf C(k + r - 1, k) (1 - p)^r p^k, where p (given by <see cref="Probs"/>
    /// or <see cref="Logits"/>) is the success probability. Mean r p / (1 - p).
    /// </summary>
    [Distribution(Support.Count, Reparameterised = false, EventRank = 0)]
    public sealed class NegativeBinomial : Distribution
    {
        private readonly Tensor _param;

        /// <summary>Creates NegativeBinomial(totalCount, probs | logits); exactly one of probs/logits must be given.</summary>
        public NegativeBinomial(Tensor totalCount, Tensor? probs = null, Tensor? logits = null)
        {
            TotalCount = totalCount ?? throw new ArgumentNullException(nameof(totalCount));
            _param = ProbsOrLogits.Choose("NegativeBinomial", probs, logits);
            Probs = probs;
            Logits = logits;
        }

        /// <summary>The number of failures r (positive, need not be an integer).</summary>
        public Tensor TotalCount { get; }

        /// <summary>The success probability p, when given.</summary>
        public Tensor? Probs { get; }

        /// <summary>The log-odds of success, when given.</summary>
        public Tensor? Logits { get; }

        public override int EventRank => 0;
        public override bool IsReparameterised => false;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(TotalCount, _param);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var k = ShapeUtil.Value(value, dtype);
            var r = Align(TotalCount, batchRank, dtype);
            var q = Align(_param, batchRank, dtype);
            bool isLogits = Logits is not null;
            var logChoose = ((r + k).lgamma() - (k + 1).lgamma() - r.lgamma()).masked_fill(r + k == 0, 0.0);
            return logChoose + ProbsOrLogits.XLog1mP(r, q, isLogits) + ProbsOrLogits.XLogP(k, q, isLogits);
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var r = Align(TotalCount, batchShape.Length, dtype);
            var q = Align(_param, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, r.shape, q.shape);
            // Gamma-Poisson mixture: k ~ Poisson(G * p / (1 - p)), G ~ Gamma(r, 1).
            var rate = RandomUtil.StandardGamma(r, shape) * ProbsOrLogits.Odds(q, Logits is not null);
            return torch.poisson(rate);
        }
    }
}
