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
    /// Q's term, plus the data), and one full-size reduction fewer in the backward pass.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class NormalFactor
    {
        /// <summary>
        /// log p(<paramref name="value"/>) + <paramref name="rest"/>, broadcast: one pass at the full size when
        /// <paramref name="distribution"/> is a <see cref="Normal"/>, else its log-density plus the rest.
        /// </summary>
        public static Tensor LogProbPlus(Distribution distribution, Tensor value, Tensor rest, int layoutRank, ScalarType dtype)
        {
            if (distribution is null) throw new ArgumentNullException(nameof(distribution));
            if (value is null) throw new ArgumentNullException(nameof(value));
            if (rest is null) throw new ArgumentNullException(nameof(rest));
            if (distribution is Normal normal) return normal.LogProbPlus(value, rest.to_type(dtype), layoutRank, dtype);
            return distribution.LogProb(value, layoutRank, dtype).add(rest.to_type(dtype), Scalars.Of(1));
        }
    }
}
