using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Cauchy distribution with location (median) <see cref="Loc"/> and scale (half-width) <see cref="Scale"/>.</summary>
    [Distribution(Support.Real, Reparameterised = true, EventRank = 0)]
    public sealed class Cauchy : Distribution
    {
        /// <summary>Creates Cauchy(loc, scale).</summary>
        public Cauchy(Tensor loc, Tensor scale)
        {
            Loc = loc ?? throw new ArgumentNullException(nameof(loc));
            Scale = scale ?? throw new ArgumentNullException(nameof(scale));
        }

        /// <summary>The location (median).</summary>
        public Tensor Loc { get; }

        /// <summary>The scale (half width at half maximum, positive).</summary>
        public Tensor Scale { get; }

        public override int EventRank => 0;
        public override bool IsReparameterised => true;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(Loc, Scale);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var loc = Align(Loc, batchRank, dtype);
            var scale = Align(Scale, batchRank, dtype);
            var z = (x - loc) / scale;
            return -(z * z).log1p() - scale.log() - MathUtil.LogPi;
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var loc = Align(Loc, batchShape.Length, dtype);
            var scale = Align(Scale, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, loc.shape, scale.shape);
            var u = RandomUtil.OpenUniform(shape, dtype, loc.device);
            return loc + scale * (Math.PI * (u - 0.5)).tan();
        }
    }
}
