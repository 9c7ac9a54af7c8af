using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Gumbel (type-I extreme value, maximum) distribution with location <see cref="LocationScaleDistribution.Loc"/> and scale <see cref="LocationScaleDistribution.Scale"/>.</summary>
    [Distribution(Support.Real, Reparameterised = true, EventRank = 0)]
    public sealed class Gumbel : LocationScaleDistribution
    {
        /// <summary>Creates Gumbel(loc, scale).</summary>
        public Gumbel(Tensor loc, Tensor scale) : base(loc, scale) { }

        /// <inheritdoc/>
        protected override Tensor LogDensity(Tensor x, Tensor loc, Tensor scale)
        {
            var z = (x - loc) / scale;
            return -(z.add((-z).exp(), Scalars.Of(1))) - scale.log();
        }

        /// <inheritdoc/>
        protected override Tensor Draw(Tensor loc, Tensor scale, long[] shape, ScalarType dtype)
        {
            var u = RandomUtil.OpenUniform(shape, dtype, loc.device);
            return loc - scale * (-u.log()).log();
        }
    }
}
