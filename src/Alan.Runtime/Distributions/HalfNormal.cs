using System;
using TorchSharp;
using static TorchSharp.torch;
using Alan.CompilerServices;

namespace Alan
{
    /// <summary>Half-normal distribution: |X| with X ~ Normal(0, <see cref="Scale"/>).</summary>
    [Distribution(Support.Positive, Reparameterised = true, EventRank = 0)]
    [QemFamily(QemFamily.HalfNormal, "scale")]
    public sealed class HalfNormal : Distribution
    {
        /// <summary>Creates HalfNormal(scale).</summary>
        public HalfNormal(Tensor scale)
        {
            Scale = scale ?? throw new ArgumentNullException(nameof(scale));
        }

        /// <summary>The scale of the underlying normal (positive).</summary>
        public Tensor Scale { get; }

        public override int EventRank => 0;
        public override bool IsReparameterised => true;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(Scale);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var scale = Align(Scale, batchRank, dtype);
            var z = x / scale;
            return MathUtil.Mask((Scalars.Of(-0.5) * z * z - scale.log() - Scalars.Temporary(MathUtil.HalfLog2Pi)).add(Scalars.Temporary(MathUtil.Log2), Scalars.Of(1)), x >= Scalars.Of(0));
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var scale = Align(Scale, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, scale.shape);
            return (scale * RandomUtil.Normal(shape, dtype, scale.device)).abs();
        }
    }
}
