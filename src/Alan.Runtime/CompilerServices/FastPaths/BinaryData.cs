using System.ComponentModel;
using static TorchSharp.torch;

namespace Alan.CompilerServices.FastPaths
{
    /// <summary>
    /// Binary data whose distribution is the same for every element of its plate, summed over the plate by counting:
    /// <code>
    ///   sum_n log p(x_n) = n_1 log p(1) + n_0 log p(0),   n_1 = sum_n x_n,  n_0 = (plate size) - n_1,
    /// </code>
    /// so the particle dims of its parameters are broadcast over the enclosing plates only (occupancy's Seen: per site,
    /// not per visit). A count of 0 contributes 0 even where its log-probability is -inf.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class BinaryData
    {
        /// <summary>The log-density of <paramref name="values"/> (0s and 1s) summed over the plate at layout dim <paramref name="plateDim"/>.</summary>
        public static Tensor PlateLogProb(Distribution distribution, Tensor values, long plateDim, int layoutRank, ScalarType dtype)
        {
            var ones = values.to_type(dtype).sum(plateDim, keepdim: true);
            var zeros = -(ones - Scalars.Temporary(values.size((int)plateDim)));
            var (atZero, atOne) = BinaryLatent.LogProbs(distribution, layoutRank, dtype);
            return Counted(ones, atOne).add(Counted(zeros, atZero), Scalars.Of(1));
        }

        private static Tensor Counted(Tensor count, Tensor logProb) =>
            where(count.gt(Scalars.Of(0)), count * logProb, zeros_like(count));
    }
}
