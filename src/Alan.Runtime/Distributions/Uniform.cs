using System;
using TorchSharp;
using static TorchSharp.torch;
using Alan.Distributions.Authoring;

namespace Alan
{
    /// <summary>Continuous uniform distribution on [<see cref="Low"/>, <see cref="High"/>).</summary>
    [Distribution(Support.Interval, Reparameterised = true, EventRank = 0)]
    public sealed class Uniform : Distribution
    {
        /// <summary>Creates Uniform(low, high).</summary>
        public Uniform(Tensor low, Tensor high)
        {
            Low = low ?? throw new ArgumentNullException(nameof(low));
            High = high ?? throw new ArgumentNullException(nameof(high));
        }

        /// <summary>The lower bound (inclusive).</summary>
        public Tensor Low { get; }

        /// <summary>The upper bound (exclusive).</summary>
        public Tensor High { get; }

        public override int EventRank => 0;
        public override bool IsReparameterised => true;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(Low, High);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var low = Align(Low, batchRank, dtype);
            var high = Align(High, batchRank, dtype);
            var inSupport = (x >= low).logical_and(x < high);
            return MathUtil.Mask(-(high - low).log(), inSupport);
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var low = Align(Low, batchShape.Length, dtype);
            var high = Align(High, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, low.shape, high.shape);
            return low.add((high - low) * torch.rand(shape, dtype, low.device, generator: RandomUtil.CurrentGenerator), Scalars.Of(1));
        }
    }
}
