using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Alan.CompilerServices
{
    /// <summary>
    /// Exact posterior draws of a timeseries plate's chain particles (DESIGN 4.10) by forward-filter
    /// backward-sample, given the indices already drawn for the inits and the ancestors: alpha_0[s] = M_0[s, init],
    /// alpha_t[s] = log sum_{s'} exp(M_t[s, s'] + alpha_{t-1}[s']); then s_{T-1} ~ exp(alpha_{T-1}) and
    /// s_t ~ exp(alpha_t[s] + M_{t+1}[s_{t+1}, s]). One draw per (n, element of the enclosing plates), batched;
    /// the walk over the elements is sequential (T steps for each of the filter and the sampler).
    /// </summary>
    internal static class ChainSampler
    {
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

            // [N, layout]: M at the ancestors' drawn indices (every particle dim that is not the chains').
            var l = joint.expand(full).unsqueeze(0).expand(new[] { (long)n }.Concat(full).ToArray());
            for (int d = 0; d < rank; d++)
            {
                if (chainDims.Contains(d) || idx[d] is not Tensor index || l.shape[d + 1] == 1) continue;
                var target = (long[])l.shape.Clone();
                target[d + 1] = 1;
                l = l.gather(d + 1, index.expand(target));
            }

            // [N, batch..., T, S..., S'...] -> [N*B, T, S, S'].
            var batchDims = Enumerable.Range(0, rank).Select(d => (long)d).Where(d => !chainDims.Contains(d)).ToArray();
            var order = new[] { 0L }.Concat(batchDims.Select(d => d + 1)).Append(chain.Time + 1)
                .Concat(chain.States.Select(d => d + 1)).Concat(chain.Previous.Select(d => d + 1)).ToArray();
            var permuted = l.permute(order);
            long rows = n * batchDims.Aggregate(1L, (p, d) => p * l.shape[d + 1]);
            long states = chain.States.Aggregate(1L, (p, d) => p * full[d]);
            long steps = full[chain.Time];
            var m = permuted.reshape(rows, steps, states, states);

            // The inits' drawn particles, flattened like the previous dims (row-major).
            var oneElement = (long[])l.shape.Clone();
            foreach (var d in chainDims) oneElement[d + 1] = 1;
            Tensor? start = null;
            long stride = 1;
            for (int i = chain.Inits.Length - 1; i >= 0; i--)
            {
                var init = idx[chain.Inits[i]] ?? throw new InvalidOperationException(
                    $"The chain's init (layout dim {chain.Inits[i]}) must be drawn before the chain.");
                var flat = init.expand(oneElement).permute(order).reshape(rows) * stride;
                start = start is null ? flat : start + flat;
                stride *= full[chain.Previous[i]];
            }

            // Forward filter.
            var alpha = new Tensor[steps];
            alpha[0] = m.select(1, 0).gather(2, start!.view(rows, 1, 1).expand(rows, states, 1)).squeeze(-1);
            for (long t = 1; t < steps; t++)
                alpha[t] = (m.select(1, t) + alpha[t - 1].unsqueeze(1)).logsumexp(2, keepdim: false);

            // Backward sample.
            var drawn = new Tensor[steps];
            drawn[steps - 1] = GumbelMax(alpha[steps - 1]);
            for (long t = steps - 2; t >= 0; t--)
            {
                var next = m.select(1, t + 1).gather(1, drawn[t + 1].view(rows, 1, 1).expand(rows, 1, states)).squeeze(1);
                drawn[t] = GumbelMax(alpha[t] + next);
            }
            var flatStates = stack(drawn, 1); // [N*B, T]

            // Back to [N, layout] per chain: its state index at every element, ones at the other chain dims.
            var inverse = new long[order.Length];
            for (int i = 0; i < order.Length; i++) inverse[order[i]] = i;
            var permutedShape = permuted.shape;
            var shaped = (long[])permutedShape.Clone();
            for (int i = 2 + batchDims.Length; i < shaped.Length; i++) shaped[i] = 1;
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

        /// <summary>One categorical draw per row of <paramref name="logits"/> (Gumbel-max).</summary>
        private static Tensor GumbelMax(Tensor logits)
        {
            var u = rand_like(logits).clamp(1e-12, 1.0 - 1e-12);
            return (logits - u.log().neg().log()).argmax(-1);
        }
    }
}
