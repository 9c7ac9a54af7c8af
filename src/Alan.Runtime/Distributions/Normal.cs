using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Normal (Gaussian) distribution with mean <see cref="LocationScaleDistribution.Loc"/> and standard deviation <see cref="LocationScaleDistribution.Scale"/>.</summary>
    [Distribution(Support.Real, Reparameterised = true, EventRank = 0)]
    public sealed class Normal : LocationScaleDistribution
    {
        /// <summary>Creates Normal(loc, scale).</summary>
        public Normal(Tensor loc, Tensor scale) : base(loc, scale) { }

        /// <inheritdoc/>
        protected override Tensor LogDensity(Tensor x, Tensor loc, Tensor scale)
        {
            var z = (x - loc) / scale;
            return -0.5 * z * z - scale.log() - MathUtil.HalfLog2Pi;
        }

        /// <inheritdoc/>
        protected override Tensor Draw(Tensor loc, Tensor scale, long[] shape, ScalarType dtype)
        {
            return loc + scale * RandomUtil.Normal(shape, dtype, loc.device);
        }
    }
}
