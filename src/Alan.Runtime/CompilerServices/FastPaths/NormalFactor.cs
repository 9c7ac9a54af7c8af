using System;
using System.ComponentModel;
using static TorchSharp.torch;

namespace Alan.CompilerServices.FastPaths
{
    /// <summary>
    /// A chain's factor M_t whose transition is a Normal (the planner's <c>NormalChainFactorPath</c>): the transition's
    /// log-density spans the chain's state and previous dims and every ancestor group its loc and scale read (covid:
    /// K^4 per region and day), while everything else in M_t (Q's log-density, log K, the plate's data factors) spans
    /// fewer dims. So the rest is summed first, at its own size, and added in the same pass that builds the density:
    /// <code>
    ///   M_t = log N(x | loc, scale) + rest = (rest - log scale - log(2 pi) / 2) + (x - loc)^2 * (-1 / (2 scale^2)),
    /// </code>
    /// one addcmul at the full size instead of four full-size passes (square times precision, less the constant, less
    /// Q's term, plus the data), and one full-size reduction fewer in the backward pass. The result's memory is laid out
    /// in the order the chain product reads it (<see cref="Timeseries.ChainProduct.MemoryOrder"/>: time, then previous,
    /// then state innermost), so the chain product reads it without a full-size copy.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class NormalFactor
    {
        /// <summary>
        /// log p(<paramref name="value"/>) + <paramref name="rest"/>, broadcast: one pass at the full size when
        /// <paramref name="distribution"/> is a <see cref="Normal"/>, else its log-density plus the rest.
        /// </summary>
        /// <param name="distribution">P's transition given its parents (the previous element on the previous dims).</param>
        /// <param name="value">The chain's particles.</param>
        /// <param name="rest">The rest of M_t: the data factors less (lq + log K), spanning no dim the transition does not.</param>
        /// <param name="layoutRank">The layout's rank.</param>
        /// <param name="dtype">The work dtype.</param>
        /// <param name="stateDims">The chain's state dims (<paramref name="value"/>'s particle dims along the chain).</param>
        /// <param name="prevDims">The matching previous-element dims.</param>
        /// <param name="timeDim">The timeseries plate's dim.</param>
        public static Tensor LogProbPlus(Distribution distribution, Tensor value, Tensor rest, int layoutRank, ScalarType dtype,
            long[] stateDims, long[] prevDims, long timeDim)
        {
            if (distribution is null) throw new ArgumentNullException(nameof(distribution));
            if (value is null) throw new ArgumentNullException(nameof(value));
            if (rest is null) throw new ArgumentNullException(nameof(rest));
            if (stateDims is null) throw new ArgumentNullException(nameof(stateDims));
            if (prevDims is null) throw new ArgumentNullException(nameof(prevDims));
            if (distribution is Normal normal)
            {
                var order = Timeseries.ChainProduct.MemoryOrder(layoutRank, stateDims, prevDims, timeDim);
                return normal.LogProbPlus(value, rest.to_type(dtype), layoutRank, dtype, order);
            }
            return distribution.LogProb(value, layoutRank, dtype).add(rest.to_type(dtype), Scalars.Of(1));
        }
    }
}
