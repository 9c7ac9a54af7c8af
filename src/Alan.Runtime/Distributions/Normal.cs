using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Normal (Gaussian) distribution with mean <see cref="Loc"/> and standard deviation <see cref="Scale"/>.</summary>
    [Distribution(Support.Real, Reparameterised = true, EventRank = 0)]
    public sealed class Normal : Distribution
    {
        /// <summary>Creates Normal(loc, scale).</summary>
        public Normal(Tensor loc, Tensor scale)
        {
            Loc = loc ?? throw new ArgumentNullException(nameof(loc));
            Scale = scale ?? throw new ArgumentNullException(nameof(scale));
        }

        /// <summary>The mean.</summary>
        public Tensor Loc { get; }

        /// <summary>The standard deviation (positive).</summary>
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
            return -0.5 * z * z - scale.log() - MathUtil.HalfLog2Pi;
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var loc = Align(Loc, batchShape.Length, dtype);
            var scale = Align(Scale, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, loc.shape, scale.shape);
            return loc + scale * RandomUtil.Normal(shape, dtype, loc.device);
        }
    }
}
