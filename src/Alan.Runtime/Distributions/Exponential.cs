using System;
using TorchSharp;
using static TorchSharp.torch;
using Alan.CompilerServices;

namespace Alan
{
    /// <summary>Exponential distribution with rate <see cref="Rate"/> (mean 1 / rate).</summary>
    [Distribution(Support.Positive, Reparameterised = true, EventRank = 0)]
    [QemFamily(QemFamily.Exponential, "rate")]
    public sealed class Exponential : Distribution
    {
        /// <summary>Creates Exponential(rate).</summary>
        public Exponential(Tensor rate)
        {
            Rate = rate ?? throw new ArgumentNullException(nameof(rate));
        }

        /// <summary>The rate (inverse mean, positive).</summary>
        public Tensor Rate { get; }

        public override int EventRank => 0;
        public override bool IsReparameterised => true;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(Rate);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var rate = Align(Rate, batchRank, dtype);
            return MathUtil.Mask(rate.log() - rate * x, x >= Scalars.Of(0));
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var rate = Align(Rate, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, rate.shape);
            return -RandomUtil.OpenUniform(shape, dtype, rate.device).log() / rate;
        }
    }
}
