using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Gumbel (type-I extreme value, maximum) distribution with location <see cref="Loc"/> and scale <see cref="Scale"/>.</summary>
    [Distribution(Support.Real, Reparameterised = true, EventRank = 0)]
    public sealed class Gumbel : Distribution
    {
        /// <summary>Creates Gumbel(loc, scale).</summary>
        public Gumbel(Tensor loc, Tensor scale)
        {
            Loc = loc ?? throw new ArgumentNullException(nameof(loc));
            Scale = scale ?? throw new ArgumentNullException(nameof(scale));
        }

        /// <summary>The location (mode).</summary>
        public Tensor Loc { get; }

        /// <summary>The scale (positive).</summary>
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
            return -(z + (-z).exp()) - scale.log();
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var loc = Align(Loc, batchShape.Length, dtype);
            var scale = Align(Scale, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, loc.shape, scale.shape);
            var u = RandomUtil.OpenUniform(shape, dtype, loc.device);
            return loc - scale * (-u.log()).log();
        }
    }
}
