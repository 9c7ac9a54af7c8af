using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Bernoulli distribution on {0, 1}, parameterised by exactly one of <see cref="Probs"/> or <see cref="Logits"/>.</summary>
    [Distribution(Support.Binary, Reparameterised = false, EventRank = 0)]
    public sealed class Bernoulli : Distribution
    {
        private readonly Tensor _param;

        /// <summary>Creates Bernoulli(probs) or Bernoulli(logits: ...); exactly one must be given.</summary>
        public Bernoulli(Tensor? probs = null, Tensor? logits = null)
        {
            _param = ProbsOrLogits.Choose("Bernoulli", probs, logits);
            Probs = probs;
            Logits = logits;
        }

        /// <summary>The probability of 1, when given.</summary>
        public Tensor? Probs { get; }

        /// <summary>The log-odds of 1, when given.</summary>
        public Tensor? Logits { get; }

        public override int EventRank => 0;
        public override bool IsReparameterised => false;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(_param);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var q = Align(_param, batchRank, dtype);
            bool isLogits = Logits is not null;
            return ProbsOrLogits.XLogP(x, q, isLogits) + ProbsOrLogits.XLog1mP(1 - x, q, isLogits);
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var q = Align(_param, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, q.shape);
            return torch.bernoulli(ProbsOrLogits.ToProbs(q, Logits is not null).expand(shape));
        }
    }
}
