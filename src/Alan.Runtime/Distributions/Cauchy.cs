using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Cauchy distribution with location (median) <see cref="LocationScaleDistribution.Loc"/> and scale (half-width) <see cref="LocationScaleDistribution.Scale"/>.</summary>
    [Distribution(Support.Real, Reparameterised = true, EventRank = 0)]
    public sealed class Cauchy : LocationScaleDistribution
    {
        /// <summary>Creates Cauchy(loc, scale).</summary>
        public Cauchy(Tensor loc, Tensor scale) : base(loc, scale) { }

        /// <inheritdoc/>
        protected override Tensor LogDensity(Tensor x, Tensor loc, Tensor scale)
        {
            var z = (x - loc) / scale;
            return -(z * z).log1p() - scale.log() - Scalars.Temporary(MathUtil.LogPi);
        }

        /// <inheritdoc/>
        protected override Tensor Draw(Tensor loc, Tensor scale, long[] shape, ScalarType dtype)
        {
            var u = RandomUtil.OpenUniform(shape, dtype, loc.device);
            return loc.add(scale * (Scalars.Of(Math.PI) * (u - Scalars.Of(0.5))).tan(), Scalars.Of(1));
        }
    }
}
