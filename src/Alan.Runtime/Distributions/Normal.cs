using System;
using TorchSharp;
using static TorchSharp.torch;
using Alan.CompilerServices;

namespace Alan
{
    /// <summary>Normal (Gaussian) distribution with mean <see cref="LocationScaleDistribution.Loc"/> and standard deviation <see cref="LocationScaleDistribution.Scale"/>.</summary>
    [Distribution(Support.Real, Reparameterised = true, EventRank = 0)]
    [QemFamily(QemFamily.Normal, "loc", "scale")]
    public sealed class Normal : LocationScaleDistribution
    {
        /// <summary>Creates Normal(loc, scale).</summary>
        public Normal(Tensor loc, Tensor scale) : base(loc, scale) { }

        /// <inheritdoc/>
        protected override Tensor LogDensity(Tensor x, Tensor loc, Tensor scale)
        {
            // Few full-size temporaries: z is needed by square's backward, the rest is updated in place
            // (scalar multiply and subtraction need no saved values for their gradients).
            var diff = x - loc;
            var c = scale.log().add_(ScalarConstants.HalfLog2Pi, ScalarConstants.One);
            if (!ShapeUtil.Covers(diff, scale))
            {
                // The scale spans dims that x - loc does not (covid's noise scale has its region's particles, the
                // difference the globals', the previous and the current day's): -(x - loc)^2 / (2 scale^2) squares the
                // smaller tensor and broadcasts once, instead of dividing, squaring and scaling at the full size.
                var precision = scale.pow(Scalars.Of(2)).mul_(ScalarConstants.MinusTwo).reciprocal(); // -1 / (2 scale^2)
                return (diff.pow(Scalars.Of(2)) * precision).sub_(c);
            }
            var z = diff.div_(scale);
            var q = z.pow(Scalars.Of(2)).mul_(ScalarConstants.MinusHalf);
            return ShapeUtil.Covers(q, c) ? q.sub_(c) : q - c;
        }

        /// <summary>Loc and scale aligned to a layout of rank <paramref name="batchRank"/>, in <paramref name="dtype"/>.</summary>
        internal (Tensor Loc, Tensor Scale) AlignedParameters(int batchRank, ScalarType dtype) =>
            (Align(Loc, batchRank, dtype), Align(Scale, batchRank, dtype));

        /// <summary>
        /// log N(x | loc, scale) + <paramref name="rest"/> at every element of their broadcast, as one pass at that size:
        /// rest - log scale - log(2 pi) / 2 - (x - loc)^2 / (2 scale^2), with (x - loc)^2 squared at the broadcast of x and
        /// loc and every factor of the scale at its own size (<see cref="CompilerServices.FastPaths.NormalFactor"/>). A value with
        /// event dims beyond <paramref name="batchRank"/> is summed over them first (<see cref="LogProbSummed"/>), then added.
        /// The result's memory follows <paramref name="memoryOrder"/> (a permutation of the batch dims, outermost first):
        /// every operand is permuted to it and made contiguous at its own size, so the full-size result is allocated in that
        /// order, and it is returned permuted back to the layout (a view).
        /// </summary>
        internal Tensor LogProbPlus(Tensor value, Tensor rest, int batchRank, ScalarType dtype, long[] memoryOrder)
        {
            var x = ShapeUtil.Value(value, dtype);
            var alignedLoc = Align(Loc, batchRank, dtype);
            var alignedScale = Align(Scale, batchRank, dtype);
            if (x.dim() != batchRank || alignedLoc.dim() > batchRank || alignedScale.dim() > batchRank || rest.dim() != batchRank
                || memoryOrder.Length != batchRank)
                return LogProbSummed(value, batchRank, dtype).add(rest, Scalars.Of(1));
            Tensor Ordered(Tensor t) => t.dim() == batchRank ? t.permute(memoryOrder).contiguous() : t;
            var loc = Ordered(alignedLoc);
            var scale = Ordered(alignedScale);
            var diff = Ordered(x) - loc;
            var precision = scale.pow(Scalars.Of(2)).mul_(ScalarConstants.MinusTwo).reciprocal(); // -1 / (2 scale^2)
            var constant = Ordered(rest) - scale.log().add_(ScalarConstants.HalfLog2Pi, ScalarConstants.One);
            var inverse = new long[batchRank];
            for (int i = 0; i < batchRank; i++) inverse[memoryOrder[i]] = i;
            return constant.addcmul(diff.pow(Scalars.Of(2)), precision, ScalarConstants.One).permute(inverse);
        }

        /// <summary>
        /// Summed over event dims that the value and the parameters broadcast against each other (MovieLens' Z: its
        /// particles x Users x 18 genres against MuZ's and PsiZ's particles), the quadratic expansion contracts the
        /// event dims without the broadcast elementwise density (<see cref="NormalEventSum"/>); otherwise elementwise.
        /// </summary>
        protected override Tensor LogProbSummed(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var loc = Align(Loc, batchRank, dtype);
            var scale = Align(Scale, batchRank, dtype);
            if (NormalEventSum.Pays(x, loc, scale, batchRank)) return NormalEventSum.LogProb(x, loc, scale, batchRank, dtype);
            return SumBeyond(LogDensity(x, loc, scale), batchRank);
        }

        /// <inheritdoc/>
        protected override Tensor Draw(Tensor loc, Tensor scale, long[] shape, ScalarType dtype)
        {
            return loc.add(scale * RandomUtil.Normal(shape, dtype, loc.device), Scalars.Of(1));
        }
    }
}
