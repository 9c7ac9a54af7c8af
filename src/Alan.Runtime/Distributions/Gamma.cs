using System;
using TorchSharp;
using static TorchSharp.torch;
using Alan.CompilerServices;

namespace Alan
{
    /// <summary>Gamma distribution with shape <see cref="Concentration"/> and rate <see cref="Rate"/> (mean concentration / rate).</summary>
    [Distribution(Support.Positive, Reparameterised = true, EventRank = 0)]
    [QemFamily(QemFamily.Gamma, "concentration", "rate")]
    public sealed class Gamma : Distribution
    {
        /// <summary>Creates Gamma(concentration, rate).</summary>
        public Gamma(Tensor concentration, Tensor rate)
        {
            Concentration = concentration ?? throw new ArgumentNullException(nameof(concentration));
            Rate = rate ?? throw new ArgumentNullException(nameof(rate));
        }

        /// <summary>The shape parameter (positive).</summary>
        public Tensor Concentration { get; }

        /// <summary>The rate (inverse scale, positive).</summary>
        public Tensor Rate { get; }

        public override int EventRank => 0;
        public override bool IsReparameterised => true;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(Concentration, Rate);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var a = Align(Concentration, batchRank, dtype);
            var rate = Align(Rate, batchRank, dtype);
            var inSupport = x >= Scalars.Of(0);
            var xs = MathUtil.Safe(x, inSupport, 1.0);
            return MathUtil.Mask((a * rate.log()).add(torch.xlogy(a - Scalars.Of(1), xs), Scalars.Of(1)) - rate * xs - a.lgamma(), inSupport);
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var a = Align(Concentration, batchShape.Length, dtype);
            var rate = Align(Rate, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, a.shape, rate.shape);
            return RandomUtil.StandardGamma(a, shape) / rate;
        }
    }
}
