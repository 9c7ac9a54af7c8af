using System;
using Alan;
using Alan.Distributions.Authoring;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests.Models
{
    /// <summary>
    /// A distribution defined outside the runtime, as a user would write one (docs/custom-distributions.md):
    /// Kumaraswamy(a, b) on (0, 1), density a b x^(a-1) (1 - x^a)^(b-1), CDF 1 - (1 - x^a)^b, drawn by inverting the CDF.
    /// </summary>
    [Distribution(Support.UnitInterval, Reparameterised = true)]
    public sealed class Kumaraswamy : Distribution
    {
        /// <summary>Creates Kumaraswamy(a, b); both positive.</summary>
        public Kumaraswamy(Tensor a, Tensor b)
        {
            A = a ?? throw new ArgumentNullException(nameof(a));
            B = b ?? throw new ArgumentNullException(nameof(b));
        }

        /// <summary>The exponent a of x.</summary>
        public Tensor A { get; }

        /// <summary>The exponent b of 1 - x^a.</summary>
        public Tensor B { get; }

        public override int EventRank => 0;
        public override bool IsReparameterised => true;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(A, B);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var a = Align(A, batchRank, dtype);
            var b = Align(B, batchRank, dtype);
            var inSupport = (x > 0).logical_and(x < 1);
            var logX = MathUtil.Safe(x, inSupport, 0.5).log();
            // log a + log b + (a - 1) log x + (b - 1) log(1 - x^a), with x^a = exp(a log x).
            var lp = a.log() + b.log() + (a - 1) * logX + (b - 1) * (-(a * logX).exp()).log1p();
            return MathUtil.Mask(lp, inSupport);
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var a = Align(A, batchShape.Length, dtype);
            var b = Align(B, batchShape.Length, dtype);
            var u = RandomUtil.OpenUniform(ShapeUtil.DrawShape(batchShape, a.shape, b.shape), dtype, a.device);
            // x = F^-1(1 - u) = (1 - u^(1/b))^(1/a) (1 - u is uniform as well), with 1 - u^(1/b) = -expm1(log(u) / b).
            var x = (-(u.log() / b).expm1()).pow(a.reciprocal());
            var fi = torch.finfo(dtype);
            return x.clamp(fi.tiny, 1 - fi.eps);
        }
    }
}
