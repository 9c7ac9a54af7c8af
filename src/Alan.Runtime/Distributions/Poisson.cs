using System;
using TorchSharp;
using static TorchSharp.torch;
using Alan.CompilerServices;
using Alan.Distributions.Authoring;

namespace Alan
{
    /// <summary>Poisson distribution with mean <see cref="Rate"/>.</summary>
    [Distribution(Support.Count, Reparameterised = false, EventRank = 0)]
    [QemFamily(QemFamily.Poisson, "rate")]
    public sealed class Poisson : Distribution
    {
        /// <summary>Creates Poisson(rate).</summary>
        public Poisson(Tensor rate)
        {
            Rate = rate ?? throw new ArgumentNullException(nameof(rate));
        }

        /// <summary>The rate (mean, non-negative).</summary>
        public Tensor Rate { get; }

        public override int EventRank => 0;
        public override bool IsReparameterised => false;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(Rate);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var k = ShapeUtil.Value(value, dtype);
            var rate = Align(Rate, batchRank, dtype);
            return torch.xlogy(k, rate) - rate - (k.add(Scalars.Of(1), Scalars.Of(1))).lgamma();
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var rate = Align(Rate, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, rate.shape);
            return torch.poisson(rate.expand(shape).contiguous(), RandomUtil.CurrentGenerator);
        }
    }
}
