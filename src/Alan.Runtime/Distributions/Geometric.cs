using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// Geometric distribution: the number of failures before the first success, pmf p (1 - p)^k for k = 0, 1, ...;
    /// parameterised by exactly one of <see cref="Probs"/> or <see cref="Logits"/> (as in torch.distributions).
    /// </summary>
    [Distribution(Support.Count, Reparameterised = false, EventRank = 0)]
    public sealed class Geometric : Distribution
    {
        private readonly Tensor _param;

        /// <summary>Creates Geometric(probs | logits); exactly one must be given.</summary>
        public Geometric(Tensor? probs = null, Tensor? logits = null)
        {
            _param = ProbsOrLogits.Choose("Geometric", probs, logits);
            Probs = probs;
            Logits = logits;
        }

        /// <summary>The success probability p of each trial, when given.</summary>
        public Tensor? Probs { get; }

        /// <summary>The log-odds of success, when given.</summary>
        public Tensor? Logits { get; }

        public override int EventRank => 0;
        public override bool IsReparameterised => false;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(_param);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var k = ShapeUtil.Value(value, dtype);
            var q = Align(_param, batchRank, dtype);
            bool isLogits = Logits is not null;
            return ProbsOrLogits.XLog1mP(k, q, isLogits) + ProbsOrLogits.LogP(q, isLogits);
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var q = Align(_param, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, q.shape);
            // Inverse CDF: floor(log u / log(1 - p)).
            var u = RandomUtil.OpenUniform(shape, dtype, q.device);
            return (u.log() / ProbsOrLogits.Log1mP(q, Logits is not null)).floor();
        }
    }
}
