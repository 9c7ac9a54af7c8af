using System;
using System.ComponentModel;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Timeseries
{
    /// <summary>
    /// The plate result of a timeseries plate (DESIGN 4.10): with every other factor of the plate folded in per
    /// element, the chain contributes M_t[S_t, S_{t-1}, other dims] for t = 0..T-1 (S: the particle dims of the
    /// plate's chains, S_{-1}: their inits' particles, held on the "previous" dims). The result is
    /// log sum_{S_{T-1}} (M_{T-1} M_{T-2} ... M_0) in the log semiring, batched over every other dim (ancestor
    /// particles, enclosing plates). It is one product, associated one of two ways (<see cref="Product"/>): where each
    /// batch element starts from one known init particle, left to right from that vector (T x S^2 per batch element);
    /// otherwise as a balanced binary tree of log-matmuls (depth ceil(log2 T), a constant number of tensor calls per
    /// level). Every log-matmul and log-sum-exp is <see cref="LogSpace"/>'s.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ChainProduct
    {
        /// <summary>Largest broadcast joint (elements) a log-matmul materialises to take the exact log-sum-exp; above it, max-shifted matmul in float64.</summary>
        public const long ExactJointElements = LogSpace.ExactJointElements;

        private static readonly long[] LastDim = { -1 };

        /// <summary>The previous particle's dim of the filter's joint [S', S, B].</summary>
        private static readonly long[] FilterPrevious = { 0 };

        /// <summary>
        /// Reduces the chain factor <paramref name="factor"/> (in the layout) along <paramref name="timeDim"/>.
        /// The result keeps the layout: <paramref name="timeDim"/> and <paramref name="stateDims"/> have size 1 (the
        /// last state is summed out), <paramref name="prevDims"/> hold the inits' particles, other dims are kept.
        /// </summary>
        /// <param name="factor">M: the plate's factors summed, over the state, previous, time and other dims.</param>
        /// <param name="stateDims">The chains' particle dims (the state at element t).</param>
        /// <param name="prevDims">The matching "previous element" dims, in the same order.</param>
        /// <param name="timeDim">The timeseries plate's dim.</param>
        /// <param name="initDims">
        /// When given (one per chain), the result's previous dims move onto these dims (the inits' particle dims,
        /// of size 1 in <paramref name="factor"/>). A chain's own previous dim there marks a self-starting chain, whose
        /// first element has its own distribution: M_0 does not depend on the previous particle, every start gives the
        /// same product, and the result keeps start 0 (its previous dim of size 1).
        /// </param>
        public static Tensor Reduce(Tensor factor, long[] stateDims, long[] prevDims, long timeDim, long[]? initDims = null)
        {
            if (stateDims.Length != prevDims.Length)
                throw new ArgumentException($"A chain has one previous-element dim per state dim; got {stateDims.Length} state dims and {prevDims.Length} previous dims.");
            bool knownStart = initDims is not null && SpansEveryInit(factor, prevDims, initDims);
            var reduced = Product(factor, stateDims, prevDims, timeDim, knownStart ? initDims : null);
            if (initDims is null || knownStart) return reduced;
            for (int i = 0; i < initDims.Length; i++)
            {
                if (initDims[i] == prevDims[i])
                {
                    // Self-starting: M_0 is the same for every previous particle, so is every start's product.
                    reduced = reduced.narrow(prevDims[i], 0, 1);
                    continue;
                }
                if (reduced.shape[initDims[i]] == 1 || reduced.shape[prevDims[i]] == 1)
                {
                    reduced = reduced.transpose(prevDims[i], initDims[i]);
                    continue;
                }
                // The factor already spans this init's particle dim (other latents of the plate read the init's
                // group), though not every init's: at the first element the previous particle is that same particle.
                reduced = KeepDiagonal(reduced, prevDims[i], initDims[i]);
            }
            return reduced;
        }

        /// <summary>
        /// True when every chain's init has its own particle dim in <paramref name="factor"/>, which already spans it
        /// (other factors of the plate read the init's group): each chain then starts from one known particle.
        /// </summary>
        internal static bool SpansEveryInit(Tensor factor, long[] prevDims, long[] initDims)
        {
            for (int i = 0; i < initDims.Length; i++)
            {
                // A self-starting chain starts from its previous particle 0 (M_0 does not depend on it).
                if (initDims[i] == prevDims[i]) continue;
                long k = factor.shape[initDims[i]];
                if (k == 1 || factor.shape[prevDims[i]] != k) return false;
            }
            return true;
        }

        /// <summary>
        /// r[prev = j, init = i] restricted to j = i and summed over j: log sum_j exp(r[j, i] + log 1{i = j}), the
        /// previous particle at the first element being the init's own. The previous dim is left with size 1.
        /// </summary>
        private static Tensor KeepDiagonal(Tensor r, long prevDim, long initDim)
        {
            long k = r.shape[prevDim];
            var maskShape = Enumerable.Repeat(1L, (int)r.dim()).ToArray();
            maskShape[prevDim] = k;
            maskShape[initDim] = k;
            var eye = torch.eye(k, dtype: ScalarType.Bool, device: r.device);
            if (prevDim > initDim) eye = eye.t();
            var mask = where(eye, zeros(1, dtype: r.dtype, device: r.device),
                full(1, Scalars.Of(double.NegativeInfinity), dtype: r.dtype, device: r.device)).reshape(maskShape);
            return LogSpace.LogSumExpOfTemporary(r.add(mask, Scalars.Of(1)), new[] { prevDim });
        }

        /// <summary>
        /// log sum_{S_{T-1}} (M_{T-1} ... M_0) over the chain's dims, in the layout (time and state dims of size 1).
        /// With <paramref name="knownInitDims"/> (every init spanned, <see cref="SpansEveryInit"/>) each batch element
        /// starts from its init's particle: alpha_0[s] = M_0[s, init] (<see cref="KeepDiagonal"/>), then the forward
        /// filter alpha_t = alpha_{t-1} M_t^T (the recursion of <see cref="ChainFilter.Forward"/> with one column, run with
        /// the batch innermost: <see cref="MemoryOrder"/>), which costs T x S^2 per
        /// batch element where the tree would multiply S x S matrices (T x S^3) only to keep their diagonal; the
        /// previous dims are left with size 1. Otherwise the product of the transposed factors,
        /// M_0^T M_1^T ... M_{T-1}^T [S_{-1}, S_{T-1}], is taken as a balanced tree of adjacent pairs, and the
        /// previous dims keep the inits' particles. Either way the last state is summed out.
        /// </summary>
        private static Tensor Product(Tensor factor, long[] stateDims, long[] prevDims, long timeDim, long[]? knownInitDims)
        {
            int rank = (int)factor.dim();
            var shape = factor.shape;
            // Each chain's state and previous dims hold the same particles: expand both to the larger size (a factor
            // that does not read one of them has size 1 there).
            var sizes = (long[])shape.Clone();
            for (int i = 0; i < stateDims.Length; i++)
            {
                long k = Math.Max(shape[stateDims[i]], shape[prevDims[i]]);
                sizes[stateDims[i]] = k;
                sizes[prevDims[i]] = k;
            }
            long steps = sizes[timeDim];
            if (steps == 0) throw new ArgumentException("A timeseries plate must have at least one element.");
            var expanded = factor.expand(sizes);
            var filterOrder = MemoryOrder(rank, stateDims, prevDims, timeDim);
            var batchDims = filterOrder.Skip(1 + 2 * stateDims.Length).ToArray();
            long batch = batchDims.Aggregate(1L, (p, d) => p * sizes[d]);
            long states = stateDims.Aggregate(1L, (p, d) => p * sizes[d]);
            // The tree: [batch..., T, S'..., S...] -> [B, T, S', S] (mT[b, t, s', s] = M_t[s, s']), previous before state, as
            // the generated layout has them.
            var order = batchDims.Append(timeDim).Concat(prevDims).Concat(stateDims).ToArray();

            Tensor result; // [B, S_{-1}] (S_{-1} of size 1 with a known start)
            long starts;
            if (knownInitDims is not null)
            {
                // The filter with the batch innermost, so that every step's elementwise passes and its reductions over the
                // previous particle run along the batch (long contiguous loops) instead of along K: alpha_0 [S, B], the later
                // elements [T-1, S', S, B] (a view when the factor's memory is in this order, as NormalFactor builds it; else one copy).
                var alpha = KnownStart(expanded.narrow(timeDim, 0, 1), prevDims, knownInitDims, filterOrder, states, batch);
                if (steps > 1)
                {
                    // unbind, not select per step: the backward pass writes every step's gradient into one buffer (a select's
                    // backward would fill a buffer of the whole factor per step).
                    var later = expanded.narrow(timeDim, 1, steps - 1).permute(filterOrder).reshape(steps - 1, states, states, batch).unbind(0);
                    foreach (var m in later)
                    {
                        // alpha_t[s, b] = log sum_{s'} exp(alpha_{t-1}[s', b] + M_t[s, s', b]), over [S', S, B] then s'.
                        var joint = m.add(alpha.unsqueeze(1), Scalars.Of(1));
                        alpha = LogSpace.LogSumExpOfTemporary(joint, FilterPrevious).squeeze(0);
                    }
                }
                result = alpha.t();
                starts = 1;
            }
            else
            {
                var m = expanded.permute(order).reshape(batch, steps, states, states);
                while (m.shape[1] > 1)
                {
                    long t = m.shape[1];
                    Tensor? last = null;
                    if (t % 2 == 1)
                    {
                        last = m.narrow(1, t - 1, 1);
                        m = m.narrow(1, 0, t - 1);
                    }
                    // Adjacent pairs (2i, 2i+1): M_{2i}^T M_{2i+1}^T = (M_{2i+1} M_{2i})^T, keeping time order.
                    var pairs = m.reshape(batch, t / 2, 2, states, states);
                    m = LogSpace.LogMatMul(pairs.select(2, 0), pairs.select(2, 1));
                    if (last is not null) m = cat(new[] { m, last }, 1);
                }
                result = m.select(1, 0);
                starts = states;
            }
            return ToLayout(result, sizes, batchDims, stateDims, prevDims, timeDim, starts);
        }

        /// <summary>
        /// alpha_0 [S, B] of a chain with a known start: the first element's factor <paramref name="first"/> (in the layout,
        /// its time dim of size 1) at each batch element's init particle, in <paramref name="filterOrder"/>.
        /// </summary>
        internal static Tensor KnownStart(Tensor first, long[] prevDims, long[] initDims, long[] filterOrder, long states, long batch)
        {
            for (int i = 0; i < initDims.Length; i++)
                first = initDims[i] == prevDims[i] ? first.narrow(prevDims[i], 0, 1) : KeepDiagonal(first, prevDims[i], initDims[i]);
            return first.permute(filterOrder).reshape(states, batch);
        }

        /// <summary>
        /// The chain product's result from the last filter vector <paramref name="result"/> [B, S_{T-1}] (a known start,
        /// <paramref name="starts"/> 1) or the product [B, S_{-1}, S_{T-1}]: the last state summed out, back in the layout (batch and
        /// previous dims in place, time and state dims of size 1).
        /// </summary>
        internal static Tensor ToLayout(Tensor result, long[] sizes, long[] batchDims, long[] stateDims, long[] prevDims, long timeDim, long starts)
        {
            // Sum out the last state: [B, S_{-1}].
            result = LogSpace.LogSumExp(result, LastDim).squeeze(-1);

            // Back to the layout: batch dims and previous dims in place, time and state dims of size 1.
            var unpermuted = batchDims.Select(d => sizes[d]).Concat(prevDims.Select(d => starts == 1 ? 1L : sizes[d])).ToArray();
            var back = result.reshape(unpermuted);
            var positions = batchDims.Concat(prevDims).ToArray();
            var inverse = new long[positions.Length];
            var sorted = positions.OrderBy(d => d).ToArray();
            for (int i = 0; i < sorted.Length; i++) inverse[i] = Array.IndexOf(positions, sorted[i]);
            var outShape = (long[])sizes.Clone();
            outShape[timeDim] = 1;
            foreach (var d in stateDims) outShape[d] = 1;
            if (starts == 1) foreach (var d in prevDims) outShape[d] = 1;
            return back.permute(inverse).reshape(outShape);
        }

        /// <summary>
        /// The order in which the chain product's forward filter reads a factor's dims: the time dim, the previous dims, the
        /// state dims, then every other dim (the batch of independent chains, innermost). A factor whose memory is in this
        /// order (strides decreasing along it) is read without a copy.
        /// </summary>
        public static long[] MemoryOrder(int rank, long[] stateDims, long[] prevDims, long timeDim)
        {
            var chainDims = stateDims.Concat(prevDims).Append(timeDim).ToHashSet();
            var batchDims = Enumerable.Range(0, rank).Select(d => (long)d).Where(d => !chainDims.Contains(d));
            return new[] { timeDim }.Concat(prevDims).Concat(stateDims).Concat(batchDims).ToArray();
        }

        /// <summary>
        /// A chain's <c>prev</c> in the layout: at element 0 the init's particles, at element t the chain's
        /// particles at t-1, both on prevDim (so a factor reading it spans state x previous). The chain's particles
        /// are on stateDim over its plate timeDim; the init's on initDim, of size 1 along timeDim.
        /// </summary>
        public static Tensor Previous(Tensor chain, Tensor init, long stateDim, long initDim, long prevDim, long timeDim)
        {
            long steps = chain.shape[timeDim];
            var first = init.transpose(initDim, prevDim);
            var shape = (long[])chain.shape.Clone();
            shape[stateDim] = 1;
            shape[prevDim] = first.shape[prevDim];
            shape[timeDim] = 1;
            first = first.expand(shape);
            if (steps == 1) return first;
            var earlier = chain.narrow(timeDim, 0, steps - 1).transpose(stateDim, prevDim);
            return cat(new[] { first, earlier }, timeDim);
        }

        /// <summary>
        /// A self-starting chain's <c>prev</c>: at element 0 there is no previous element, and the transition's factor
        /// there is replaced by the start's (<see cref="FromStart"/>); it reads the chain's own first element, on
        /// prevDim, so that the transition is evaluated at values of its domain. At element t it is the chain at t-1.
        /// </summary>
        public static Tensor PreviousOfSelfStarting(Tensor chain, long stateDim, long prevDim, long timeDim) =>
            Previous(chain, chain.narrow(timeDim, 0, 1), stateDim, stateDim, prevDim, timeDim);

        /// <summary>
        /// A self-starting chain's log-density: the start's <paramref name="start"/> at element 0 (no previous element),
        /// the transition's <paramref name="transition"/> after. The result does not depend on the previous particle at
        /// element 0, which <see cref="Reduce"/> relies on.
        /// </summary>
        public static Tensor FromStart(Tensor start, Tensor transition, long timeDim)
        {
            long steps = transition.shape[timeDim];
            var shape = Enumerable.Repeat(1L, (int)transition.dim()).ToArray();
            shape[timeDim] = steps;
            var first = arange(Scalars.Temporary(steps), device: transition.device).eq(Scalars.Of(0)).reshape(shape);
            return where(first, start, transition);
        }

        /// <summary>Throws when <paramref name="chunk"/> splits the timeseries plate <paramref name="plate"/> (its elements are chained).</summary>
        public static void ForbidSplit(Chunk? chunk, long timeDim, string plate, string method)
        {
            if (Chunk.Splits(chunk, timeDim))
                throw new ArgumentException(
                    $"{method}: ComputationStrategy.Split(\"{plate}\", ...) cannot split plate '{plate}': it holds a timeseries, whose elements are " +
                    "chained, so it is evaluated as one chain product; split an enclosing plate instead.");
        }

        /// <summary>The log-semiring matrix product over the last two dims: <see cref="LogSpace.LogMatMul"/>, the runtime's one log-matmul.</summary>
        public static Tensor LogMatMul(Tensor a, Tensor b) => LogSpace.LogMatMul(a, b);

        /// <summary>
        /// The max-shifted float64 log-matmul behind <see cref="LogMatMul"/> above <see cref="ExactJointElements"/>
        /// (<see cref="LogSpace.LogMatMulShifted"/>): with <paramref name="rescue"/> true it is <see cref="LogMatMul"/>'s
        /// exact result; false leaves entries whose shifted product underflows -inf or inexact.
        /// </summary>
        public static Tensor LogMatMulShifted(Tensor a, Tensor b, bool rescue = false) => LogSpace.LogMatMulShifted(a, b, rescue);
    }
}
