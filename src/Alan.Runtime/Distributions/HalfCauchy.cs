using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Half-Cauchy distribution: |X| with X ~ Cauchy(0, <see cref="Scale"/>).</summary>
    [Distribution(Support.Positive, Reparameterised = true, EventRank = 0)]
    public sealed class HalfCauchy : Distribution
    {
        /// <summary>Creates HalfCauchy(scale).</summary>
        public HalfCauchy(Tensor scale)
        {
            Scale = scale ?? throw new ArgumentNullException(nameof(scale));
        }

        /// <summary>The scale (median, positive).</summary>
        public Tensor Scale { get; }

        public override int EventRank => 0;
        public override bool IsReparameterised => true;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(Scale);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var scale = Align(Scale, batchRank, dtype);
            var z = x / scale;
            return MathUtil.Mask(-(scale.log() - Scalars.Temporary(MathUtil.Log2 - MathUtil.LogPi)) - (z * z).log1p(), x >= Scalars.Of(0));
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var scale = Align(Scale, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, scale.shape);
            // Inverse CDF of |Cauchy|: scale * tan(pi u / 2).
            var u = RandomUtil.OpenUniform(shape, dtype, scale.device);
            return scale * (Scalars.Of(0.5 * Math.PI) * u).tan();
        }
    }
}
