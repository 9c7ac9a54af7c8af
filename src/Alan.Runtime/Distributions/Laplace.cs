using System;
using TorchSharp;
using static TorchSharp.torch;
using Alan.Distributions.Authoring;

namespace Alan
{
    /// <summary>Laplace (double exponential) distribution with location <see cref="LocationScaleDistribution.Loc"/> and scale <see cref="LocationScaleDistribution.Scale"/>.</summary>
    [Distribution(Support.Real, Reparameterised = true, EventRank = 0)]
    public sealed class Laplace : LocationScaleDistribution
    {
        /// <summary>Creates Laplace(loc, scale).</summary>
        public Laplace(Tensor loc, Tensor scale) : base(loc, scale) { }

        /// <inheritdoc/>
        protected override Tensor LogDensity(Tensor x, Tensor loc, Tensor scale)
        {
            return -(x - loc).abs() / scale - scale.log() - Scalars.Temporary(MathUtil.Log2);
        }

        /// <inheritdoc/>
        protected override Tensor Draw(Tensor loc, Tensor scale, long[] shape, ScalarType dtype)
        {
            // u uniform on [eps - 1, 1): inverse CDF loc - scale * sign(u) * log(1 - |u|).
            var eps = torch.finfo(dtype).eps;
            var u = (torch.rand(shape, dtype, loc.device, generator: RandomUtil.CurrentGenerator) * (Scalars.Temporary(2 - eps))).add((Scalars.Temporary(eps - 1)), Scalars.Of(1));
            return loc - scale * u.sign() * (-u.abs()).log1p();
        }
    }
}
