using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// Base of the reparameterisable location-scale families (Normal, LogNormal, Laplace, Cauchy, Gumbel):
    /// holds <see cref="Loc"/> and <see cref="Scale"/>, aligns them to the layout, and leaves the density and
    /// the inverse-CDF draw to the family.
    /// </summary>
    public abstract class LocationScaleDistribution : Distribution
    {
        /// <summary>Stores the two parameters (neither may be null).</summary>
        protected LocationScaleDistribution(Tensor loc, Tensor scale)
        {
            Loc = loc ?? throw new ArgumentNullException(nameof(loc));
            Scale = scale ?? throw new ArgumentNullException(nameof(scale));
        }

        /// <summary>The location.</summary>
        public Tensor Loc { get; }

        /// <summary>The scale (positive).</summary>
        public Tensor Scale { get; }

        /// <inheritdoc/>
        public override int EventRank => 0;

        /// <inheritdoc/>
        public override bool IsReparameterised => true;

        /// <inheritdoc/>
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(Loc, Scale);

        /// <summary>Elementwise log-density of x given aligned loc and scale.</summary>
        protected abstract Tensor LogDensity(Tensor x, Tensor loc, Tensor scale);

        /// <summary>A draw of the given shape (differentiable in loc and scale).</summary>
        protected abstract Tensor Draw(Tensor loc, Tensor scale, long[] shape, ScalarType dtype);

        /// <inheritdoc/>
        protected sealed override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype) =>
            LogDensity(ShapeUtil.Value(value, dtype), Align(Loc, batchRank, dtype), Align(Scale, batchRank, dtype));

        /// <inheritdoc/>
        protected sealed override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var loc = Align(Loc, batchShape.Length, dtype);
            var scale = Align(Scale, batchShape.Length, dtype);
            return Draw(loc, scale, ShapeUtil.DrawShape(batchShape, loc.shape, scale.shape), dtype);
        }
    }
}
