using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Alan.CompilerServices
{
    /// <summary>
    /// Exact posterior draws of a timeseries plate's chain particles (DESIGN 4.10) by forward-filter
    /// backward-sample, given the indices already drawn for the inits and the ancestors. With M_t[s, s'] the chain
    /// factor and s0 the init's drawn particle: alpha_0[s] = M_0[s, s0], alpha_t[s] = log sum_{s'} exp(M_t[s, s'] +
    /// alpha_{t-1}[s']); then s_{T-1} ~ exp(alpha_{T-1}) and s_t ~ exp(alpha_t[s] + M_{t+1}[s_{t+1}, s]). One draw
    /// per (n, element of the enclosing plates). The walk over the elements is sequential (sampling only).
    /// When M does not depend on the draw (no ancestor particle dims), the filter is computed once for every init
    /// particle (prefix products of the chain) and shared by all draws; otherwise draws are taken in blocks, each
    /// with M at its ancestors' indices, so memory stays bounded.
    /// </summary>
    internal static class ChainSampler
    {
        /// <summary>Elements of M materialised per block of draws when M depends on the draw.</summary>
        private const long BlockElements = 1L << 24;

        /// <summary>Draws the chains' state dims into <paramref name="idx"/>; false (drawing nothing) when M has NaN entries.</summary>
        public static bool Draw(int n, Tensor joint, ChainDims chain, Tensor?[] idx)
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
            // [N, layout] -> [N, batch..., T, S..., S'...] (N first; the layout dims shifted by one).
            var order = new[] { 0L }.Concat(batchDims.Select(d => d + 1)).Append(chain.Time + 1)
                .Concat(chain.States.Select(d => d + 1)).Concat(chain.Previous.Select(d => d + 1)).ToArray();

            // Per-draw shape of one element: the batch dims as M has them after gathering the ancestors.
            var drawShape = new long[rank + 1];
            drawShape[0] = n;
            for (int d = 0; d < rank; d++) drawShape[d + 1] = chainDims.Contains(d) || gathered.Contains(d) ? 1 : full[d];
            long batch = batchDims.Aggregate(1L, (p, d) => p * drawShape[d + 1]);
            var start = InitIndex(chain, full, idx, drawShape, order, n * batch); // [N*B]

            Tensor flatStates;
            if (gathered.Length == 0)
            {
                // M shared by every draw: [B, T, S, S'].
                var m = joint.expand(full).unsqueeze(0).permute(order).reshape(batch, steps, states, states);
                flatStates = SharedFilter(m, start.view(n, batch)).reshape(n * batch, steps);
            }
            else
            {
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
                    var m = l.permute(order).reshape(count * batch, steps, states, states);
                    parts.Add(RowFilter(m, start.narrow(0, first * batch, count * batch)));
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
                var local = flatStates.div(divisor, rounding_mode: RoundingMode.floor).remainder(k);
                idx[chain.States[i]] = local.reshape(shaped).permute(inverse).contiguous();
            }
            return true;
        }

        /// <summary>The inits' drawn particles flattened like the previous dims (row-major): [N*B].</summary>
        private static Tensor InitIndex(ChainDims chain, long[] full, Tensor?[] idx, long[] drawShape, long[] order, long rows)
        {
            Tensor? start = null;
            long stride = 1;
            for (int i = chain.Inits.Length - 1; i >= 0; i--)
            {
                var init = idx[chain.Inits[i]] ?? throw new InvalidOperationException(
                    $"The chain's init (layout dim {chain.Inits[i]}) must be drawn before the chain.");
                var flat = init.expand(drawShape).permute(order).reshape(rows) * stride;
                start = start is null ? flat : start + flat;
                stride *= full[chain.Previous[i]];
            }
            return start!;
        }

        /// <summary>
        /// M shared by all draws ([B, T, S, S']), inits per draw ([N, B]): the filter for every init particle at once
        /// (alpha_t[b, s, s0], prefix log-matmuls), then the backward pass per draw. Returns [N, B, T].
        /// </summary>
        private static Tensor SharedFilter(Tensor m, Tensor start)
        {
            long batch = m.shape[0], steps = m.shape[1], states = m.shape[2];
            long n = start.shape[0];
            var alpha = new Tensor[steps];
            alpha[0] = m.select(1, 0);
            for (long t = 1; t < steps; t++) alpha[t] = ChainProduct.LogMatMul(m.select(1, t), alpha[t - 1]);
            // Row of each draw: alpha_t[b, :, s0[n, b]] -> [N, B, S].
            Tensor Row(Tensor a) => a.unsqueeze(0).expand(n, batch, states, states)
                .gather(3, start.view(n, batch, 1, 1).expand(n, batch, states, 1)).squeeze(-1);
            var drawn = new Tensor[steps];
            drawn[steps - 1] = GumbelMax(Row(alpha[steps - 1]));
            for (long t = steps - 2; t >= 0; t--)
            {
                // M_{t+1}[b, s_{t+1}[n, b], :] -> [N, B, S].
                var next = m.select(1, t + 1).unsqueeze(0).expand(n, batch, states, states)
                    .gather(2, drawn[t + 1].view(n, batch, 1, 1).expand(n, batch, 1, states)).squeeze(2);
                drawn[t] = GumbelMax(Row(alpha[t]) + next);
            }
            return stack(drawn, 2);
        }

        /// <summary>M per row ([R, T, S, S']) with each row's init ([R]): the filter and backward pass per row. Returns [R, T].</summary>
        private static Tensor RowFilter(Tensor m, Tensor start)
        {
            long rows = m.shape[0], steps = m.shape[1], states = m.shape[2];
            var alpha = new Tensor[steps];
            alpha[0] = m.select(1, 0).gather(2, start.view(rows, 1, 1).expand(rows, states, 1)).squeeze(-1);
            for (long t = 1; t < steps; t++)
                alpha[t] = (m.select(1, t) + alpha[t - 1].unsqueeze(1)).logsumexp(2, keepdim: false);
            var drawn = new Tensor[steps];
            drawn[steps - 1] = GumbelMax(alpha[steps - 1]);
            for (long t = steps - 2; t >= 0; t--)
            {
                var next = m.select(1, t + 1).gather(1, drawn[t + 1].view(rows, 1, 1).expand(rows, 1, states)).squeeze(1);
                drawn[t] = GumbelMax(alpha[t] + next);
            }
            return stack(drawn, 1);
        }

        /// <summary>One categorical draw per row of <paramref name="logits"/> (Gumbel-max).</summary>
        private static Tensor GumbelMax(Tensor logits)
        {
            var u = rand_like(logits).clamp(1e-12, 1.0 - 1e-12);
            return (logits - u.log().neg().log()).argmax(-1);
        }
    }
}
