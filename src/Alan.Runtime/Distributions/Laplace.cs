using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Laplace (double exponential) distribution with location <see cref="Loc"/> and scale <see cref="Scale"/>.</summary>
    [Distribution(Support.Real, Reparameterised = true, EventRank = 0)]
    public sealed class Laplace : Distribution
    {
        /// <summary>Creates Laplace(loc, scale).</summary>
        public Laplace(Tensor loc, Tensor scale)
        {
            Loc = loc ?? throw new ArgumentNullException(nameof(loc));
            Scale = scale ?? throw new ArgumentNullException(nameof(scale));
        }

        /// <summary>The location (mean and median).</summary>
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
            return -(x - loc).abs() / scale - scale.log() - MathUtil.Log2;
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var loc = Align(Loc, batchShape.Length, dtype);
            var scale = Align(Scale, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, loc.shape, scale.shape);
            // u uniform on [eps - 1, 1): inverse CDF loc - scale * sign(u) * log(1 - |u|).
            var eps = torch.finfo(dtype).eps;
            var u = torch.rand(shape, dtype, loc.device) * (2 - eps) + (eps - 1);
            return loc - scale * u.sign() * (-u.abs()).log1p();
        }
    }
}
