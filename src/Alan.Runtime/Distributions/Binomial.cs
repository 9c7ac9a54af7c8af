using System;
using TorchSharp;
using static TorchSharp.torch;
using Alan.Distributions.Authoring;

namespace Alan
{
    /// <summary>Binomial distribution: successes in <see cref="TotalCount"/> trials with success probability given by <see cref="ProbsOrLogitsDistribution.Probs"/> or <see cref="ProbsOrLogitsDistribution.Logits"/>.</summary>
    [Distribution(Support.BoundedCount, Reparameterised = false, EventRank = 0)]
    public sealed class Binomial : ProbsOrLogitsDistribution
    {
        /// <summary>Creates Binomial(totalCount, probs | logits); exactly one of probs/logits must be given.</summary>
        public Binomial(Tensor totalCount, Tensor? probs = null, Tensor? logits = null)
            : base("Binomial", probs, logits)
        {
            TotalCount = totalCount ?? throw new ArgumentNullException(nameof(totalCount));
        }

        /// <summary>The number of trials n (non-negative integer values).</summary>
        public Tensor TotalCount { get; }

        internal override Tensor? MaxValue(int batchRank, ScalarType dtype) => Align(TotalCount, batchRank, dtype);

        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(TotalCount, Parameter);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var k = ShapeUtil.Value(value, dtype);
            var n = Align(TotalCount, batchRank, dtype);
            var q = Align(Parameter, batchRank, dtype);
            bool isLogits = IsLogits;
            var logChoose = (n.add(Scalars.Of(1), Scalars.Of(1))).lgamma() - (k.add(Scalars.Of(1), Scalars.Of(1))).lgamma() - ((n - k).add(Scalars.Of(1), Scalars.Of(1))).lgamma();
            return logChoose.add(ProbsOrLogits.XLogP(k, q, isLogits), Scalars.Of(1)).add(ProbsOrLogits.XLog1mP(n - k, q, isLogits), Scalars.Of(1));
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var n = Align(TotalCount, batchShape.Length, dtype);
            var q = Align(Parameter, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, n.shape, q.shape);
            var p = ProbsOrLogits.ToProbs(q, IsLogits);
            return torch.binomial(n.expand(shape).contiguous(), p.expand(shape).contiguous(), RandomUtil.CurrentGenerator);
        }
    }
}
