using System;
using TorchSharp;
using static TorchSharp.torch;
using Alan.CompilerServices;

namespace Alan
{
    /// <summary>Beta distribution on [0, 1] with concentrations <see cref="Concentration1"/> (alpha) and <see cref="Concentration0"/> (beta).</summary>
    [Distribution(Support.UnitInterval, Reparameterised = true, EventRank = 0)]
    [QemFamily(QemFamily.Beta, "concentration1", "concentration0")]
    public sealed class Beta : Distribution
    {
        /// <summary>Creates Beta(concentration1, concentration0).</summary>
        public Beta(Tensor concentration1, Tensor concentration0)
        {
            Concentration1 = concentration1 ?? throw new ArgumentNullException(nameof(concentration1));
            Concentration0 = concentration0 ?? throw new ArgumentNullException(nameof(concentration0));
        }

        /// <summary>alpha, the exponent of x (positive).</summary>
        public Tensor Concentration1 { get; }

        /// <summary>beta, the exponent of 1 - x (positive).</summary>
        public Tensor Concentration0 { get; }

        public override int EventRank => 0;
        public override bool IsReparameterised => true;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(Concentration1, Concentration0);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var a = Align(Concentration1, batchRank, dtype);
            var b = Align(Concentration0, batchRank, dtype);
            var inSupport = (x >= Scalars.Of(0)).logical_and(x <= Scalars.Of(1));
            var xs = MathUtil.Safe(x, inSupport, 0.5);
            var lp = torch.xlogy(a - Scalars.Of(1), xs).add(torch.special.xlog1py(b - Scalars.Of(1), -xs), Scalars.Of(1)).add((a.add(b, Scalars.Of(1))).lgamma(), Scalars.Of(1)) - a.lgamma() - b.lgamma();
            return MathUtil.Mask(lp, inSupport);
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var a = Align(Concentration1, batchShape.Length, dtype);
            var b = Align(Concentration0, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, a.shape, b.shape);
            var ga = RandomUtil.StandardGamma(a, shape);
            var gb = RandomUtil.StandardGamma(b, shape);
            var fi = torch.finfo(dtype);
            return (ga / (ga.add(gb, Scalars.Of(1)))).clamp(Scalars.Temporary(fi.tiny), Scalars.Temporary(1 - fi.eps));
        }
    }
}
