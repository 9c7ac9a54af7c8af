using System;
using TorchSharp;
using static TorchSharp.torch;
using Alan.CompilerServices;

namespace Alan
{
    /// <summary>Dirichlet distribution on the probability simplex; <see cref="Concentration"/> has the event dimension last.</summary>
    [Distribution(Support.Simplex, Reparameterised = true, EventRank = 1)]
    [QemFamily(QemFamily.Dirichlet, "concentration")]
    public sealed class Dirichlet : Distribution
    {
        /// <summary>Creates Dirichlet(concentration) with concentration of shape [..., K].</summary>
        public Dirichlet(Tensor concentration)
        {
            Concentration = ShapeUtil.RequireRank(
                concentration ?? throw new ArgumentNullException(nameof(concentration)), 1, "Dirichlet", nameof(concentration));
        }

        /// <summary>The concentrations alpha, shape [..., K] (positive).</summary>
        public Tensor Concentration { get; }

        public override int EventRank => 1;
        public override bool IsReparameterised => true;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(Concentration);

        private Tensor AlignedConcentration(int batchRank, ScalarType dtype) =>
            ShapeUtil.PrefixBatch(Align(Concentration, 0, dtype), batchRank, 1);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var a = AlignedConcentration(batchRank, dtype);
            var nonNegative = x >= Scalars.Of(0);
            var xs = MathUtil.Safe(x, nonNegative, 1.0);
            var lp = torch.xlogy(a - Scalars.Of(1), xs).sum(-1).add(a.sum(-1).lgamma(), Scalars.Of(1)) - a.lgamma().sum(-1);
            return MathUtil.Mask(lp, nonNegative.all(-1));
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var a = AlignedConcentration(batchShape.Length, dtype);
            var batch = ShapeUtil.DrawShape(batchShape, ShapeUtil.DropLast(a.shape, 1));
            var g = RandomUtil.StandardGamma(a, ShapeUtil.Append(batch, a.shape[^1]));
            return (g / g.sum(-1, keepdim: true)).clamp_min(Scalars.Temporary(torch.finfo(dtype).tiny));
        }
    }
}
