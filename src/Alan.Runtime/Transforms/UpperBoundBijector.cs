using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>y = high - exp(x) onto (-∞, high); log |dy/dx| = x.</summary>
    /// <remarks>Its support is reported as <see cref="Support.Interval"/>: an interval whose bound is a parameter.</remarks>
    [Bijector(Support.Interval, EventRank = 0)]
    public sealed class UpperBoundBijector : Bijector
    {
        internal UpperBoundBijector(Tensor high)
        {
            High = high ?? throw new ArgumentNullException(nameof(high));
        }

        /// <summary>The upper bound (broadcasts against the value).</summary>
        public Tensor High { get; }

        public override int EventRank => 0;
        public override Support Support => Support.Interval;
        public override string Name => "UpperBound";

        /// <summary>high - exp(x), kept below high where exp(x) is below half its spacing.</summary>
        private protected override Tensor ForwardCore(Tensor x, int batchRank)
        {
            var high = Align(High, batchRank, x.dtype);
            return Below(high - x.exp(), high);
        }

        private protected override Tensor InverseCore(Tensor y, int batchRank) => (Align(High, batchRank, y.dtype) - y).log();

        private protected override Tensor LogAbsDetJacobianCore(Tensor x, int batchRank) =>
            x.add(Align(High, batchRank, x.dtype).zeros_like(), Scalars.Of(1));

        internal override Tensor InSupport(Tensor y, int batchRank) => y < Align(High, batchRank, y.dtype);
    }
}
