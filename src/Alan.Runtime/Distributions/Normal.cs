using System;
using TorchSharp;
using static TorchSharp.torch;
using Alan.CompilerServices;

namespace Alan
{
    /// <summary>Normal (Gaussian) distribution with mean <see cref="LocationScaleDistribution.Loc"/> and standard deviation <see cref="LocationScaleDistribution.Scale"/>.</summary>
    [Distribution(Support.Real, Reparameterised = true, EventRank = 0)]
    [QemFamily(QemFamily.Normal, "loc", "scale")]
    public sealed class Normal : LocationScaleDistribution
    {
        /// <summary>Creates Normal(loc, scale).</summary>
        public Normal(Tensor loc, Tensor scale) : base(loc, scale) { }

        /// <inheritdoc/>
        protected override Tensor LogDensity(Tensor x, Tensor loc, Tensor scale)
        {
            // Few full-size temporaries: z is needed by square's backward, the rest is updated in place
            // (scalar multiply and subtraction need no saved values for their gradients).
            var diff = x - loc;
            var z = ShapeUtil.Covers(diff, scale) ? diff.div_(scale) : diff / scale;
            var c = scale.log().add_(ScalarConstants.HalfLog2Pi, ScalarConstants.One);
            var q = z.square().mul_(ScalarConstants.MinusHalf);
            return ShapeUtil.Covers(q, c) ? q.sub_(c) : q - c;
        }

        /// <inheritdoc/>
        protected override Tensor Draw(Tensor loc, Tensor scale, long[] shape, ScalarType dtype)
        {
            return loc + scale * RandomUtil.Normal(shape, dtype, loc.device);
        }
    }
}
