using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Timeseries
{
    /// <summary>
    /// Exact posterior draws of a timeseries plate's chain particles (DESIGN 4.10) by forward-filter
    /// backward-sample, given the indices already drawn for the inits and the ancestors. With M_t[s, s'] the chain
    /// factor and s0 the init's drawn particle: alpha_0[s] = M_0[s, s0], alpha_t[s] = log sum_{s'} exp(M_t[s, s'] +
    /// alpha_{t-1}[s']); then s_{T-1} ~ exp(alpha_{T-1}) and s_t ~ exp(alpha_t[s] + M_{t+1}[s_{t+1}, s]). One draw
    /// per (n, element of the enclosing plates). The walk over the elements is sequential (sampling only). Both the
    /// filter and the draws are <see cref="ChainFilter"/>'s: when M does not depend on the draw (no ancestor particle
    /// dims), the filter is computed once for every init particle (one column each) and shared by all draws; otherwise
    /// draws are taken in blocks, each with M at its ancestors' indices and one column (its init's particle), so memory
    /// stays bounded.
    /// </summary>
    internal static class ChainSampler
    {
        /// <summary>Elements of M materialised per block of draws when M depends on the draw.</summary>
        private const long BlockElements = 1L << 24;

        /// <summary>
        /// Draws the chains' state dims into <paramref name="idx"/> from <paramref name="generator"/>; false (drawing nothing)
        /// when M has NaN entries.
        /// </summary>
        public static bool Draw(int n, Tensor joint, ChainDims chain, Tensor?[] idx, Generator? generator)
        {
            if (joint.isnan().any().item<bool>()) return false;
            int rank = (int)joint.dim();
            var full = (long[])joint.shape.Clone();
            for (int i = 0; i < chain.States.Length; i++)
            {
                long k = Math.Max(full[chain.States[i]], full[chain.Previous[i]]);
                full[chain.States[i]] = k;
                full[chain.Previous[i]] = k;
            }
            var chainDims = new HashSet<long>(chain.States.Concat(chain.Previous).Append(chain.Time));
            var gathered = Enumerable.Range(0, rank).Where(d => !chainDims.Contains(d) && idx[d] is not null && full[d] > 1).ToArray();
            var batchDims = Enumerable.Range(0, rank).Select(d => (long)d).Where(d => !chainDims.Contains(d)).ToArray();
            long states = chain.States.Aggregate(1L, (p, d) => p * full[d]);
            long steps = full[chain.Time];
            // [N, layout] -> [N, batch..., T, S'..., S...] (N first; the layout dims shifted by one; previous before state,
            // as ChainFilter takes the factors).
            var order = new[] { 0L }.Concat(batchDims.Select(d => d + 1)).Append(chain.Time + 1)
                .Concat(chain.Previous.Select(d => d + 1)).Concat(chain.States.Select(d => d + 1)).ToArray();

            // Per-draw shape of one element: the batch dims as M has them after gathering the ancestors.
            var drawShape = new long[rank + 1];
            drawShape[0] = n;
            for (int d = 0; d < rank; d++) drawShape[d + 1] = chainDims.Contains(d) || gathered.Contains(d) ? 1 : full[d];
            long batch = batchDims.Aggregate(1L, (p, d) => p * drawShape[d + 1]);
            var start = InitIndex(chain, full, idx, drawShape, order, n * batch, joint.device); // [N*B]

            Tensor flatStates;
            if (gathered.Length == 0)
            {
                // M shared by every draw, [B, T, S', S]: the filter from every init particle at once (C = S' columns,
                // alpha_0[b, s0, s] = M_0[b, s, s0]), then each draw reads the column of its init.
                var m = joint.expand(full).unsqueeze(0).permute(order).reshape(batch, steps, states, states).unbind(1);
                var later = new ArraySegment<Tensor>(m, 1, m.Length - 1);
                var alpha = ChainFilter.Forward(m[0], later);
                flatStates = ChainFilter.Backward(later, alpha, start.view(n, batch), generator).reshape(n * batch, steps);
            }
            else
            {
                // M per draw (at its ancestors' particles), in blocks of draws: one row per (draw, batch element), whose
                // filter starts from its init's particle (C = 1, alpha_0[r, 0, s] = M_0[r, s, s0[r]]).
                long perDraw = batch * steps * states * states;
                long block = Math.Max(1, BlockElements / Math.Max(1, perDraw));
                var parts = new List<Tensor>();
                for (long first = 0; first < n; first += block)
                {
                    long count = Math.Min(block, n - first);
                    var l = joint.expand(full).unsqueeze(0).expand(new[] { count }.Concat(full).ToArray());
                    foreach (var d in gathered)
                    {
                        var target = (long[])l.shape.Clone();
                        target[d + 1] = 1;
                        l = l.gather(d + 1, idx[d]!.narrow(0, first, count).expand(target));
                    }
                    long rows = count * batch;
                    var m = l.permute(order).reshape(rows, steps, states, states).unbind(1);
                    var init = start.narrow(0, first * batch, rows).view(rows, 1, 1).expand(rows, 1, states);
                    var later = new ArraySegment<Tensor>(m, 1, m.Length - 1);
                    var alpha = ChainFilter.Forward(m[0].gather(1, init), later);
                    parts.Add(ChainFilter.Backward(later, alpha, zeros(1, rows, dtype: ScalarType.Int64, device: joint.device), generator).squeeze(0));
                }
                flatStates = cat(parts.ToArray(), 0);
            }

            // Back to [N, layout] per chain: its state index at every element, ones at the other chain dims.
            var inverse = new long[order.Length];
            for (int i = 0; i < order.Length; i++) inverse[order[i]] = i;
            var shaped = new long[order.Length];
            for (int i = 0; i < order.Length; i++) shaped[i] = 1;
            shaped[0] = n;
            for (int i = 0; i < batchDims.Length; i++) shaped[1 + i] = drawShape[batchDims[i] + 1];
            shaped[1 + batchDims.Length] = steps;
            long divisor = states;
            for (int i = 0; i < chain.States.Length; i++)
            {
                long k = full[chain.States[i]];
                divisor /= k;
                var local = flatStates.div(Scalars.Temporary(divisor), rounding_mode: RoundingMode.floor).remainder(Scalars.Temporary(k));
                idx[chain.States[i]] = local.reshape(shaped).permute(inverse).contiguous();
            }
            return true;
        }

        /// <summary>The inits' drawn particles flattened like the previous dims (row-major): [N*B].</summary>
        private static Tensor InitIndex(ChainDims chain, long[] full, Tensor?[] idx, long[] drawShape, long[] order, long rows, Device device)
        {
            Tensor? start = null;
            long stride = 1;
            for (int i = chain.Inits.Length - 1; i >= 0; i--)
            {
                // A self-starting chain (its own previous dim as its init) starts from previous particle 0.
                if (chain.Inits[i] == chain.Previous[i])
                {
                    start ??= zeros(rows, dtype: ScalarType.Int64, device: device);
                    stride *= full[chain.Previous[i]];
                    continue;
                }
                var init = idx[chain.Inits[i]] ?? throw new InvalidOperationException(
                    $"The chain's init (layout dim {chain.Inits[i]}) must be drawn before the chain.");
                var flat = init.expand(drawShape).permute(order).reshape(rows) * Scalars.Temporary(stride);
                start = start is null ? flat : start.add(flat, Scalars.Of(1));
                stride *= full[chain.Previous[i]];
            }
            return start!;
        }
    }
}
