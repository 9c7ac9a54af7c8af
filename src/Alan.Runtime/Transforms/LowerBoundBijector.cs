using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>y = low + exp(x) onto (low, ∞); log |dy/dx| = x.</summary>
    /// <remarks>Its support is reported as <see cref="Support.Interval"/>: an interval whose bound is a parameter.</remarks>
    [Bijector(Support.Interval, EventRank = 0)]
    public sealed class LowerBoundBijector : Bijector
    {
        internal LowerBoundBijector(Tensor low)
        {
            Low = low ?? throw new ArgumentNullException(nameof(low));
        }

        /// <summary>The lower bound (broadcasts against the value).</summary>
        public Tensor Low { get; }

        public override int EventRank => 0;
        public override Support Support => Support.Interval;
        public override string Name => "LowerBound";

        /// <summary>low + exp(x), kept above low where exp(x) is below half its spacing.</summary>
        private protected override Tensor ForwardCore(Tensor x, int batchRank)
        {
            var low = Align(Low, batchRank, x.dtype);
            return Above(low.add(x.exp(), Scalars.Of(1)), low);
        }

        private protected override Tensor InverseCore(Tensor y, int batchRank) => (y - Align(Low, batchRank, y.dtype)).log();

        private protected override Tensor LogAbsDetJacobianCore(Tensor x, int batchRank) =>
            x.add(Align(Low, batchRank, x.dtype).zeros_like(), Scalars.Of(1));

        internal override Tensor InSupport(Tensor y, int batchRank) => y > Align(Low, batchRank, y.dtype);
    }
}
