using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Half-Student-t distribution: |X| with X ~ StudentT(<see cref="Df"/>, 0, <see cref="Scale"/>).</summary>
    [Distribution(Support.Positive, Reparameterised = true, EventRank = 0)]
    public sealed class HalfStudentT : Distribution
    {
        /// <summary>Creates HalfStudentT(df, scale).</summary>
        public HalfStudentT(Tensor df, Tensor scale)
        {
            Df = df ?? throw new ArgumentNullException(nameof(df));
            Scale = scale ?? throw new ArgumentNullException(nameof(scale));
        }

        /// <summary>Degrees of freedom (positive).</summary>
        public Tensor Df { get; }

        /// <summary>The scale (positive).</summary>
        public Tensor Scale { get; }

        public override int EventRank => 0;
        public override bool IsReparameterised => true;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(Df, Scale);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var df = Align(Df, batchRank, dtype);
            var scale = Align(Scale, batchRank, dtype);
            var y = x / scale;
            var norm = ((df.add(Scalars.Of(1), Scalars.Of(1))) * Scalars.Of(0.5)).lgamma() - (df * Scalars.Of(0.5)).lgamma() - Scalars.Of(0.5) * df.log() - Scalars.Temporary(0.5 * MathUtil.LogPi) - scale.log();
            return MathUtil.Mask(norm.add(Scalars.Temporary(MathUtil.Log2), Scalars.Of(1)) - Scalars.Of(0.5) * (df.add(Scalars.Of(1), Scalars.Of(1))) * (y * y / df).log1p(), x >= Scalars.Of(0));
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var df = Align(Df, batchShape.Length, dtype);
            var scale = Align(Scale, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, df.shape, scale.shape);
            // |Z| / sqrt(V / df) with V ~ Chi2(df) = 2 Gamma(df / 2, 1).
            var chi2 = Scalars.Of(2) * RandomUtil.StandardGamma(df * Scalars.Of(0.5), shape);
            var t = RandomUtil.Normal(shape, dtype, scale.device).abs() * (chi2 / df).rsqrt();
            return scale * t;
        }
    }
}
