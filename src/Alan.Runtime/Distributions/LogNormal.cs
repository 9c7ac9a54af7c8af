using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Log-normal distribution: exp(X) with X ~ Normal(<see cref="LocationScaleDistribution.Loc"/>, <see cref="LocationScaleDistribution.Scale"/>).</summary>
    [Distribution(Support.Positive, Reparameterised = true, EventRank = 0)]
    public sealed class LogNormal : LocationScaleDistribution
    {
        /// <summary>Creates LogNormal(loc, scale).</summary>
        public LogNormal(Tensor loc, Tensor scale) : base(loc, scale) { }

        /// <inheritdoc/>
        protected override Tensor LogDensity(Tensor x, Tensor loc, Tensor scale)
        {
            var inSupport = x > Scalars.Of(0);
            var y = MathUtil.Safe(x, inSupport, 1.0).log();
            var z = (y - loc) / scale;
            return MathUtil.Mask(Scalars.Of(-0.5) * z * z - scale.log() - Scalars.Temporary(MathUtil.HalfLog2Pi) - y, inSupport);
        }

        /// <inheritdoc/>
        protected override Tensor Draw(Tensor loc, Tensor scale, long[] shape, ScalarType dtype)
        {
            return (loc.add(scale * RandomUtil.Normal(shape, dtype, loc.device), Scalars.Of(1))).exp();
        }
    }
}
