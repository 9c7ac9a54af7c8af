using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Student's t distribution with <see cref="Df"/> degrees of freedom, location <see cref="Loc"/> and scale <see cref="Scale"/>.</summary>
    [Distribution(Support.Real, Reparameterised = true, EventRank = 0)]
    public sealed class StudentT : Distribution
    {
        /// <summary>Creates StudentT(df, loc, scale).</summary>
        public StudentT(Tensor df, Tensor loc, Tensor scale)
        {
            Df = df ?? throw new ArgumentNullException(nameof(df));
            Loc = loc ?? throw new ArgumentNullException(nameof(loc));
            Scale = scale ?? throw new ArgumentNullException(nameof(scale));
        }

        /// <summary>Degrees of freedom (positive).</summary>
        public Tensor Df { get; }

        /// <summary>The location (median).</summary>
        public Tensor Loc { get; }

        /// <summary>The scale (positive).</summary>
        public Tensor Scale { get; }

        public override int EventRank => 0;
        public override bool IsReparameterised => true;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(Df, Loc, Scale);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var df = Align(Df, batchRank, dtype);
            var loc = Align(Loc, batchRank, dtype);
            var scale = Align(Scale, batchRank, dtype);
            var y = (x - loc) / scale;
            var norm = ((df.add(Scalars.Of(1), Scalars.Of(1))) * Scalars.Of(0.5)).lgamma() - (df * Scalars.Of(0.5)).lgamma() - Scalars.Of(0.5) * df.log() - Scalars.Temporary(0.5 * MathUtil.LogPi) - scale.log();
            return norm - Scalars.Of(0.5) * (df.add(Scalars.Of(1), Scalars.Of(1))) * (y * y / df).log1p();
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var df = Align(Df, batchShape.Length, dtype);
            var loc = Align(Loc, batchShape.Length, dtype);
            var scale = Align(Scale, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, df.shape, loc.shape, scale.shape);
            // Z / sqrt(V / df) with V ~ Chi2(df) = 2 Gamma(df / 2, 1).
            var chi2 = Scalars.Of(2) * RandomUtil.StandardGamma(df * Scalars.Of(0.5), shape);
            var t = RandomUtil.Normal(shape, dtype, loc.device) * (chi2 / df).rsqrt();
            return loc.add(scale * t, Scalars.Of(1));
        }
    }
}
