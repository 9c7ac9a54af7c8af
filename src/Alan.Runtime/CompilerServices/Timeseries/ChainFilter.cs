using System.Collections.Generic;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Timeseries
{
    /// <summary>
    /// The forward filter of a chain and the backward draws from it (DESIGN 4.10), for the chain sampler
    /// (<see cref="ChainSampler"/>); the chain product with a known start runs the same recursion with the batch innermost
    /// (<see cref="ChainProduct"/>).
    /// <para>
    /// The chain factors after the first element are given transposed, later[t - 1] [R, S', S] = M_t[s, s'] for
    /// t = 1..T-1 (previous particle s' first, as the generated layout holds them), R rows of independent chains. The
    /// filter carries C start columns per row: alpha_0 [R, C, S] is given (M_0 read at the start), and
    /// <code>
    ///   alpha_t[r, c, s] = log sum_{s'} exp(alpha_{t-1}[r, c, s'] + M_t[r, s, s'])   (alpha_t = alpha_{t-1} M_t^T, log semiring)
    /// </code>
    /// one <see cref="LogSpace.LogMatMul"/> per element. With C = 1 it is the vector recursion of a chain whose start is
    /// known; with one column per init particle it is every start's filter at once.
    /// </para>
    /// </summary>
    internal static class ChainFilter
    {
        /// <summary>alpha_0 = <paramref name="first"/> [R, C, S], then alpha_t for each element of <paramref name="later"/>: T tensors [R, C, S].</summary>
        public static Tensor[] Forward(Tensor first, IReadOnlyList<Tensor> later)
        {
            var alpha = new Tensor[later.Count + 1];
            alpha[0] = first;
            for (int t = 1; t < alpha.Length; t++) alpha[t] = LogSpace.LogMatMul(alpha[t - 1], later[t - 1]);
            return alpha;
        }

        /// <summary>
        /// Backward sampling from the filter: N draws per row, draw (n, r) in column <paramref name="column"/>[n, r] ([N, R]).
        /// s_{T-1} ~ exp(alpha_{T-1}[r, c, s]), then s_t ~ exp(alpha_t[r, c, s] + M_{t+1}[r, s_{t+1}, s]) (the posterior of
        /// s_t given the chain after it), each by <see cref="GumbelMax"/> from <paramref name="generator"/>. Returns the states [N, R, T].
        /// </summary>
        public static Tensor Backward(IReadOnlyList<Tensor> later, Tensor[] alpha, Tensor column, Generator? generator)
        {
            long n = column.shape[0], rows = column.shape[1];
            long columns = alpha[0].shape[1], states = alpha[0].shape[2];
            int steps = alpha.Length;
            // alpha_t at each draw's column: [N, R, S].
            var at = column.view(n, rows, 1, 1).expand(n, rows, 1, states);
            Tensor Row(Tensor a) => a.unsqueeze(0).expand(n, rows, columns, states).gather(2, at).squeeze(2);
            var drawn = new Tensor[steps];
            drawn[steps - 1] = GumbelMax.Draw(Row(alpha[steps - 1]), generator);
            for (int t = steps - 2; t >= 0; t--)
            {
                // M_{t+1}[r, s_{t+1}[n, r], :] -> [N, R, S].
                var next = later[t].unsqueeze(0).expand(n, rows, states, states)
                    .gather(3, drawn[t + 1].view(n, rows, 1, 1).expand(n, rows, states, 1)).squeeze(3);
                drawn[t] = GumbelMax.Draw(Row(alpha[t]).add(next, Scalars.Of(1)), generator);
            }
            return stack(drawn, 2);
        }
    }
}
