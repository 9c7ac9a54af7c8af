using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Log-normal distribution: exp(X) with X ~ Normal(<see cref="Loc"/>, <see cref="Scale"/>).</summary>
    [Distribution(Support.Positive, Reparameterised = true, EventRank = 0)]
    public sealed class LogNormal : Distribution
    {
        /// <summary>Creates LogNormal(loc, scale).</summary>
        public LogNormal(Tensor loc, Tensor scale)
        {
            Loc = loc ?? throw new ArgumentNullException(nameof(loc));
            Scale = scale ?? throw new ArgumentNullException(nameof(scale));
        }

        /// <summary>The mean of the underlying normal (log-scale).</summary>
        public Tensor Loc { get; }

        /// <summary>The standard deviation of the underlying normal (positive).</summary>
        public Tensor Scale { get; }

        public override int EventRank => 0;
        public override bool IsReparameterised => true;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(Loc, Scale);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var loc = Align(Loc, batchRank, dtype);
            var scale = Align(Scale, batchRank, dtype);
            var inSupport = x > 0;
            var y = MathUtil.Safe(x, inSupport, 1.0).log();
            var z = (y - loc) / scale;
            return MathUtil.Mask(-0.5 * z * z - scale.log() - MathUtil.HalfLog2Pi - y, inSupport);
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var loc = Align(Loc, batchShape.Length, dtype);
            var scale = Align(Scale, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, loc.shape, scale.shape);
            return (loc + scale * RandomUtil.Normal(shape, dtype, loc.device)).exp();
        }
    }
}
