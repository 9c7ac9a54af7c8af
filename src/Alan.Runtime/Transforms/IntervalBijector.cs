using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// y = low + (high - low) σ(x) onto (low, high);
    /// log |dy/dx| = log(high - low) + log σ(x) + log σ(-x).
    /// </summary>
    [Bijector(Support.Interval, EventRank = 0)]
    public sealed class IntervalBijector : Bijector
    {
        internal IntervalBijector(Tensor low, Tensor high)
        {
            Low = low ?? throw new ArgumentNullException(nameof(low));
            High = high ?? throw new ArgumentNullException(nameof(high));
            try { torch.broadcast_shapes(low.shape, high.shape); }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new ArgumentException(
                    $"Interval: low of shape [{string.Join(", ", low.shape)}] and high of shape [{string.Join(", ", high.shape)}] do not broadcast.",
                    nameof(high));
            }
        }

        /// <summary>The lower bound (broadcasts against the value).</summary>
        public Tensor Low { get; }

        /// <summary>The upper bound (broadcasts against the value).</summary>
        public Tensor High { get; }

        public override int EventRank => 0;
        public override Support Support => Support.Interval;
        public override string Name => "Interval";

        private protected override Tensor ForwardCore(Tensor x, int batchRank)
        {
            var low = Align(Low, batchRank, x.dtype);
            var high = Align(High, batchRank, x.dtype);
            // Scaling moves σ(x)'s distance from 0 or 1 onto the bounds' spacing, where it can round away: keep y inside.
            return Below(Above(low.add((high - low) * OpenSigmoid(x), Scalars.Of(1)), low), high);
        }

        /// <summary>x = log((y - low) / (high - y)), each distance taken from its own bound (no 1 - z cancellation).</summary>
        private protected override Tensor InverseCore(Tensor y, int batchRank) =>
            (y - Align(Low, batchRank, y.dtype)).log() - (Align(High, batchRank, y.dtype) - y).log();

        private protected override Tensor LogAbsDetJacobianCore(Tensor x, int batchRank) =>
            (Align(High, batchRank, x.dtype) - Align(Low, batchRank, x.dtype)).log().add(MathUtil.LogSigmoid(x), Scalars.Of(1)).add(MathUtil.LogSigmoid(x.neg()), Scalars.Of(1));

        internal override Tensor InSupport(Tensor y, int batchRank) =>
            (y > Align(Low, batchRank, y.dtype)).logical_and(y < Align(High, batchRank, y.dtype));
    }
}
