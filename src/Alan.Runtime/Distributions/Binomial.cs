using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Binomial distribution: successes in <see cref="TotalCount"/> trials with success probability given by <see cref="Probs"/> or <see cref="Logits"/>.</summary>
    [Distribution(Support.BoundedCount, Reparameterised = false, EventRank = 0)]
    public sealed class Binomial : Distribution
    {
        private readonly Tensor _param;

        /// <summary>Creates Binomial(totalCount, probs | logits); exactly one of probs/logits must be given.</summary>
        public Binomial(Tensor totalCount, Tensor? probs = null, Tensor? logits = null)
        {
            TotalCount = totalCount ?? throw new ArgumentNullException(nameof(totalCount));
            _param = ProbsOrLogits.Choose("Binomial", probs, logits);
            Probs = probs;
            Logits = logits;
        }

        /// <summary>The number of trials n (non-negative integer values).</summary>
        public Tensor TotalCount { get; }

        /// <summary>The success probability, when given.</summary>
        public Tensor? Probs { get; }

        /// <summary>The log-odds of success, when given.</summary>
        public Tensor? Logits { get; }

        public override int EventRank => 0;
        public override bool IsReparameterised => false;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(TotalCount, _param);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var k = ShapeUtil.Value(value, dtype);
            var n = Align(TotalCount, batchRank, dtype);
            var q = Align(_param, batchRank, dtype);
            bool isLogits = Logits is not null;
            var logChoose = (n + 1).lgamma() - (k + 1).lgamma() - (n - k + 1).lgamma();
            return logChoose + ProbsOrLogits.XLogP(k, q, isLogits) + ProbsOrLogits.XLog1mP(n - k, q, isLogits);
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var n = Align(TotalCount, batchShape.Length, dtype);
            var q = Align(_param, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, n.shape, q.shape);
            var p = ProbsOrLogits.ToProbs(q, Logits is not null);
            return torch.binomial(n.expand(shape).contiguous(), p.expand(shape).contiguous());
        }
    }
}
