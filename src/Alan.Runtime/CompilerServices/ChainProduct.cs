using System;
using System.ComponentModel;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.CompilerServices
{
    /// <summary>
    /// The plate result of a timeseries plate (DESIGN 4.10): with every other factor of the plate folded in per
    /// element, the chain contributes M_t[S_t, S_{t-1}, other dims] for t = 0..T-1 (S: the particle dims of the
    /// plate's chains, S_{-1}: their inits' particles, held on the "previous" dims). The result is
    /// log sum_{S_{T-1}} (M_{T-1} M_{T-2} ... M_0) in the log semiring, computed as a balanced binary tree of
    /// batched log-matmuls: depth ceil(log2 T), a constant number of tensor calls per level, batched over every
    /// other dim (ancestor particles, enclosing plates).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ChainProduct
    {
        /// <summary>Largest broadcast joint (elements) a log-matmul materialises to take the exact log-sum-exp; above it, max-shifted matmul in float64.</summary>
        public const long ExactJointElements = 1L << 25;

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
        /// of size 1 in <paramref name="factor"/>).
        /// </param>
        public static Tensor Reduce(Tensor factor, long[] stateDims, long[] prevDims, long timeDim, long[]? initDims = null)
        {
            if (initDims is not null && SpansEveryInit(factor, prevDims, initDims))
                return ReduceFromKnownStart(factor, stateDims, prevDims, timeDim, initDims);
            var reduced = Reduce(factor, stateDims, prevDims, timeDim);
            if (initDims is null) return reduced;
            for (int i = 0; i < initDims.Length; i++)
            {
                if (initDims[i] == prevDims[i]) continue;
                long k = reduced.shape[prevDims[i]];
                if (reduced.shape[initDims[i]] == 1 || k == 1)
                {
                    reduced = reduced.transpose(prevDims[i], initDims[i]);
                    continue;
                }
                // The factor already spans the init's particle dim (other latents of the plate read the init's
                // group): at the first element the previous particle is that same particle, so keep the diagonal,
                // log sum_j exp(r[prev = j, init = i] + log 1{i = j}).
                var maskShape = Enumerable.Repeat(1L, (int)reduced.dim()).ToArray();
                maskShape[prevDims[i]] = k;
                maskShape[initDims[i]] = k;
                var eye = torch.eye(k, dtype: ScalarType.Bool, device: reduced.device);
                if (prevDims[i] > initDims[i]) eye = eye.t();
                var mask = where(eye, zeros(1, dtype: reduced.dtype, device: reduced.device),
                    full(1, double.NegativeInfinity, dtype: reduced.dtype, device: reduced.device)).reshape(maskShape);
                reduced = (reduced + mask).logsumexp(prevDims[i], keepdim: true);
            }
            return reduced;
        }

        /// <summary>
        /// True when every chain's init has its own particle dim in <paramref name="factor"/>, which already spans it
        /// (other factors of the plate read the init's group): each chain then starts from one known particle.
        /// </summary>
        private static bool SpansEveryInit(Tensor factor, long[] prevDims, long[] initDims)
        {
            for (int i = 0; i < initDims.Length; i++)
            {
                long k = factor.shape[initDims[i]];
                if (initDims[i] == prevDims[i] || k == 1 || factor.shape[prevDims[i]] != k) return false;
            }
            return true;
        }

        /// <summary>
        /// The chain when each batch element starts from one known particle (<see cref="SpansEveryInit"/>): at the
        /// first element the previous particle is the init's own, so M_0 keeps its diagonal, a vector
        /// alpha_0[s] = M_0[s, init]; then alpha_t[s] = log sum_j exp(M_t[s, j] + alpha_{t-1}[j]), and the result is
        /// log sum_s exp alpha_{T-1}[s]. Each step is exact (the joint of one step, batch x S x S) and the whole costs
        /// T x batch x S^2, where the balanced tree would multiply state-by-state matrices (T x batch x S^3) only to
        /// keep their diagonal at the end. The result has the layout of <see cref="Reduce(Tensor, long[], long[], long, long[])"/>,
        /// the inits' particles on their own dims.
        /// </summary>
        private static Tensor ReduceFromKnownStart(Tensor factor, long[] stateDims, long[] prevDims, long timeDim, long[] initDims)
        {
            int rank = (int)factor.dim();
            var sizes = (long[])factor.shape.Clone();
            for (int i = 0; i < stateDims.Length; i++)
            {
                long k = Math.Max(sizes[stateDims[i]], sizes[prevDims[i]]);
                sizes[stateDims[i]] = k;
                sizes[prevDims[i]] = k;
            }
            long steps = sizes[timeDim];
            if (steps == 0) throw new ArgumentException("A timeseries plate must have at least one element.");
            var expanded = factor.expand(sizes);

            // M_0 at each init's own particle: log sum_j exp(M_0[prev = j] + log 1{j = init}).
            var first = expanded.narrow(timeDim, 0, 1);
            for (int i = 0; i < initDims.Length; i++)
            {
                long k = sizes[initDims[i]];
                var maskShape = Enumerable.Repeat(1L, rank).ToArray();
                maskShape[prevDims[i]] = k;
                maskShape[initDims[i]] = k;
                var eye = torch.eye(k, dtype: ScalarType.Bool, device: factor.device);
                if (prevDims[i] > initDims[i]) eye = eye.t();
                var mask = where(eye, zeros(1, dtype: factor.dtype, device: factor.device),
                    full(1, double.NegativeInfinity, dtype: factor.dtype, device: factor.device)).reshape(maskShape);
                first = SafeLogSumExp(first + mask, prevDims[i]).unsqueeze(prevDims[i]);
            }

            var chainDims = stateDims.Concat(prevDims).Append(timeDim).ToHashSet();
            var batchDims = Enumerable.Range(0, rank).Select(d => (long)d).Where(d => !chainDims.Contains(d)).ToArray();
            long batch = batchDims.Aggregate(1L, (p, d) => p * sizes[d]);
            long states = stateDims.Aggregate(1L, (p, d) => p * sizes[d]);
            // Previous before state, as the generated layout has them: the permute is then usually a view.
            var order = batchDims.Append(timeDim).Concat(prevDims).Concat(stateDims).ToArray();
            // alpha_0 [B, S]; the later elements as T-1 tensors [B, S', S] (unbind: one gradient buffer for all of them).
            var alpha = first.permute(order).reshape(batch, states);
            if (steps > 1)
            {
                var rest = expanded.narrow(timeDim, 1, steps - 1).permute(order).reshape(batch, steps - 1, states, states).unbind(1);
                foreach (var m in rest)
                    alpha = SafeLogSumExp(m + alpha.unsqueeze(2), 1);
            }
            var result = SafeLogSumExp(alpha, -1);
            var outShape = (long[])sizes.Clone();
            outShape[timeDim] = 1;
            foreach (var d in stateDims) outShape[d] = 1;
            foreach (var d in prevDims) outShape[d] = 1;
            return result.reshape(outShape);
        }

        private static Tensor Reduce(Tensor factor, long[] stateDims, long[] prevDims, long timeDim)
        {
            if (stateDims.Length != prevDims.Length)
                throw new ArgumentException($"A chain has one previous-element dim per state dim; got {stateDims.Length} state dims and {prevDims.Length} previous dims.");
            int rank = (int)factor.dim();
            var shape = factor.shape;
            // Each chain's state and previous dims hold the same particles: expand both to the larger size (a factor
            // that does not read one of them has size 1 there).
            var full = (long[])shape.Clone();
            for (int i = 0; i < stateDims.Length; i++)
            {
                long k = Math.Max(shape[stateDims[i]], shape[prevDims[i]]);
                full[stateDims[i]] = k;
                full[prevDims[i]] = k;
            }
            var chainDims = stateDims.Concat(prevDims).Append(timeDim).ToHashSet();
            var batchDims = Enumerable.Range(0, rank).Select(d => (long)d).Where(d => !chainDims.Contains(d)).ToArray();
            long batch = batchDims.Aggregate(1L, (p, d) => p * full[d]);
            long states = stateDims.Aggregate(1L, (p, d) => p * full[d]);
            long steps = full[timeDim];
            if (steps == 0) throw new ArgumentException("A timeseries plate must have at least one element.");

            // [batch..., T, S..., S'...] -> [B, T, S, S'] (m[b, t, s, s'] = M_t[s, s']).
            var order = batchDims.Append(timeDim).Concat(stateDims).Concat(prevDims).ToArray();
            var m = factor.expand(full).permute(order).reshape(batch, steps, states, states);

            while (m.shape[1] > 1)
            {
                long t = m.shape[1];
                Tensor? last = null;
                if (t % 2 == 1)
                {
                    last = m.narrow(1, t - 1, 1);
                    m = m.narrow(1, 0, t - 1);
                }
                // Adjacent pairs (2i, 2i+1): M_{2i+1} M_{2i}, keeping time order.
                var pairs = m.reshape(batch, t / 2, 2, states, states);
                m = LogMatMul(pairs.select(2, 1), pairs.select(2, 0));
                if (last is not null) m = cat(new[] { m, last }, 1);
            }

            // Sum out the last state: [B, 1, S'].
            var result = m.select(1, 0).logsumexp(1, keepdim: false);
            // Back to the layout: batch dims and previous dims in place, time and state dims of size 1.
            var unpermuted = batchDims.Select(d => full[d]).Concat(prevDims.Select(d => full[d])).ToArray();
            var back = result.reshape(unpermuted);
            var positions = batchDims.Concat(prevDims).ToArray();
            var inverse = new long[positions.Length];
            var sorted = positions.OrderBy(d => d).ToArray();
            for (int i = 0; i < sorted.Length; i++) inverse[i] = Array.IndexOf(positions, sorted[i]);
            var outShape = (long[])full.Clone();
            outShape[timeDim] = 1;
            foreach (var d in stateDims) outShape[d] = 1;
            return back.permute(inverse).reshape(outShape);
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

        /// <summary>Throws when <paramref name="chunk"/> splits the timeseries plate <paramref name="plate"/> (its elements are chained).</summary>
        public static void ForbidSplit(Chunk? chunk, long timeDim, string plate, string method)
        {
            if (Chunk.Splits(chunk, timeDim))
                throw new ArgumentException(
                    $"{method}: ComputationStrategy.Split(\"{plate}\", ...) cannot split plate '{plate}': it holds a timeseries, whose elements are " +
                    "chained, so it is evaluated as one chain product; split an enclosing plate instead.");
        }

        /// <summary>
        /// log (exp a @ exp b) over the last two dims, batched over the (broadcast) leading ones, exact whatever the
        /// factors' scales. Up to <see cref="ExactJointElements"/> it is the log-sum-exp of the broadcast joint.
        /// Beyond, a max-shifted matmul in float64 (memory of the operands only, <see cref="LogMatMulShifted"/>)
        /// gives every entry whose sum keeps full precision; the entries it cannot represent (the operands' peaks lie
        /// more than about 575 nats apart, e.g. log-densities of -1e3 that differ between particles) are
        /// recomputed exactly, matrix by matrix (<see cref="ExactLogMatMul"/>).
        /// </summary>
        public static Tensor LogMatMul(Tensor a, Tensor b)
        {
            long joint = a.shape.Aggregate(1L, (p, d) => p * d) * b.shape[^1];
            if (joint <= ExactJointElements) return SafeLogSumExp(a.unsqueeze(-1) + b.unsqueeze(-3), -2);
            return LogMatMulShifted(a, b, rescue: true);
        }

        /// <summary>log sum over <paramref name="dim"/> of exp(x), -inf where every term is -inf, with no NaN gradient there.</summary>
        private static Tensor SafeLogSumExp(Tensor x, long dim)
        {
            var max = LogSpace.SafeMax(x, new[] { dim });
            var sum = LogSpace.ExpInPlace(x - max).sum(dim, keepdim: true);
            var positive = sum.gt(0.0);
            var log = where(positive, sum, ones_like(sum)).log();
            log = where(positive, log, full_like(log, double.NegativeInfinity));
            return (log + max).squeeze(dim);
        }

        /// <summary>Below this the float64 product of shifted exponentials may have lost terms to underflow.</summary>
        private const double LeastFullPrecisionProduct = 1e-250;

        /// <summary>
        /// log (exp a @ exp b) by a max-shifted matmul in float64: each operand is shifted by its max along the
        /// contracted dim (rows of a, columns of b), so no entry overflows. With <paramref name="rescue"/> false an
        /// entry whose shifted product underflows (operands peaking more than about 575 nats apart) is -inf or
        /// inexact; with it true those entries are recomputed exactly. Rows or columns of -inf give -inf.
        /// </summary>
        public static Tensor LogMatMulShifted(Tensor a, Tensor b, bool rescue = false)
        {
            // Common batch shape, then [N, S, J] and [N, J, S2].
            var batchShape = broadcast_shapes(a.shape[..^2], b.shape[..^2]);
            long rowsOut = a.shape[^2], inner = a.shape[^1], colsOut = b.shape[^1];
            a = a.expand(batchShape.Append(rowsOut).Append(inner).ToArray());
            b = b.expand(batchShape.Append(inner).Append(colsOut).ToArray());
            long n = batchShape.Aggregate(1L, (p, d) => p * d);
            var a3 = a.reshape(n, rowsOut, inner);
            var b3 = b.reshape(n, inner, colsOut);

            var aMax = LogSpace.SafeMax(a3, new long[] { -1 });
            var bMax = LogSpace.SafeMax(b3, new long[] { -2 });
            var dtype = a.dtype;
            var ea = LogSpace.ExpInPlace((a3 - aMax).to_type(ScalarType.Float64));
            var eb = LogSpace.ExpInPlace((b3 - bMax).to_type(ScalarType.Float64));
            var product = ea.matmul(eb);
            // log 0 = -inf without a NaN gradient: the log reads 1 where the product is 0.
            var positive = product.gt(0.0);
            var logProduct = where(positive, product, ones_like(product)).log();
            logProduct = where(positive, logProduct, full_like(logProduct, double.NegativeInfinity));
            var result = logProduct.to_type(dtype) + aMax + bMax;
            if (rescue)
            {
                // Matrices with an entry whose sum may have lost terms (a finite row of a and column of b, yet a
                // product below full precision) are recomputed exactly.
                Tensor lost;
                using (no_grad())
                    lost = product.lt(LeastFullPrecisionProduct)
                        .logical_and_(a3.detach().amax(new long[] { -1 }, keepdim: true).isfinite())
                        .logical_and_(b3.detach().amax(new long[] { -2 }, keepdim: true).isfinite())
                        .flatten(1).any(1);
                if (lost.any().item<bool>())
                {
                    var which = lost.nonzero().squeeze(1);
                    var exact = ExactLogMatMul.Compute(a3.index_select(0, which), b3.index_select(0, which));
                    result = result.index_copy(0, which, exact);
                }
            }
            return result.reshape(batchShape.Append(rowsOut).Append(colsOut).ToArray());
        }
    }
}
