using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Weibull distribution with scale <see cref="Scale"/> (lambda) and shape <see cref="Concentration"/> (k).</summary>
    [Distribution(Support.Positive, Reparameterised = true, EventRank = 0)]
    public sealed class Weibull : Distribution
    {
        /// <summary>Creates Weibull(scale, concentration).</summary>
        public Weibull(Tensor scale, Tensor concentration)
        {
            Scale = scale ?? throw new ArgumentNullException(nameof(scale));
            Concentration = concentration ?? throw new ArgumentNullException(nameof(concentration));
        }

        /// <summary>The scale lambda (positive).</summary>
        public Tensor Scale { get; }

        /// <summary>The shape k (positive).</summary>
        public Tensor Concentration { get; }

        public override int EventRank => 0;
        public override bool IsReparameterised => true;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(Scale, Concentration);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var scale = Align(Scale, batchRank, dtype);
            var k = Align(Concentration, batchRank, dtype);
            var inSupport = x >= Scalars.Of(0);
            var z = MathUtil.Safe(x, inSupport, 1.0) / scale;
            return MathUtil.Mask((k.log() - scale.log()).add(torch.xlogy(k - Scalars.Of(1), z), Scalars.Of(1)) - z.pow(k), inSupport);
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var scale = Align(Scale, batchShape.Length, dtype);
            var k = Align(Concentration, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, scale.shape, k.shape);
            var e = -RandomUtil.OpenUniform(shape, dtype, scale.device).log(); // Exponential(1)
            return scale * e.pow(k.reciprocal());
        }
    }
}
