using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>The posterior summary of one element of a latent (one plate position, one event index).</summary>
    /// <param name="Latent">The latent's name.</param>
    /// <param name="Index">The element's indices over the latent's plates and event dimensions (empty for a scalar latent).</param>
    /// <param name="Mean">Posterior mean estimated from the importance samples.</param>
    /// <param name="Sd">Posterior standard deviation (the central one, divisor N).</param>
    /// <param name="Q05">5% quantile (linear interpolation between order statistics).</param>
    /// <param name="Q95">95% quantile (linear interpolation between order statistics).</param>
    /// <param name="Ess">Effective sample size of the element's particles (NaN when not given).</param>
    public sealed record PosteriorSummaryRow(string Latent, IReadOnlyList<long> Index, double Mean, double Sd, double Q05, double Q95, double Ess)
    {
        /// <summary>The latent's name with its index, e.g. <c>StateMean[2]</c> or <c>Psi[0, 7]</c>.</summary>
        public string Label => Index.Count == 0 ? Latent : $"{Latent}[{string.Join(", ", Index)}]";
    }

    /// <summary>
    /// Posterior summaries (mean, sd, 5% and 95% quantiles, effective sample size) of latents, element by element,
    /// from exact posterior draws such as <c>sample.ImportanceSample(N)</c> and the particle weights' ESS from
    /// <c>sample.Marginals().Ess()</c>.
    /// </summary>
    /// <remarks>
    /// The quantile at level q of N sorted draws x_(0) &lt;= ... &lt;= x_(N-1) is x_(h) interpolated linearly at
    /// h = q (N - 1) (the usual "type 7" definition, numpy's default). Everything is computed in float64.
    /// </remarks>
    public static class PosteriorSummary
    {
        /// <summary>
        /// Summarises the draws <paramref name="draws"/>, shaped [N, plates..., event...], element by element.
        /// <paramref name="ess"/>, if given, is the ESS per plate element, shaped [plates...] (a prefix of the
        /// element shape); it is repeated over the event dimensions.
        /// </summary>
        public static IReadOnlyList<PosteriorSummaryRow> Of(string latent, Tensor draws, Tensor? ess = null)
        {
            if (latent is null) throw new ArgumentNullException(nameof(latent));
            if (draws is null) throw new ArgumentNullException(nameof(draws));
            if (draws.dim() < 1 || draws.shape[0] < 1)
                throw new ArgumentException(
                    $"Draws of '{latent}' must be shaped [N, plates..., event...] with N >= 1, but have shape [{string.Join(", ", draws.shape)}].",
                    nameof(draws));
            long n = draws.shape[0];
            long[] elementShape = draws.shape.Skip(1).ToArray();
            long elements = elementShape.Aggregate(1L, (a, b) => a * b);

            using var scope = NewDisposeScope();
            var x = draws.detach().to(CPU).to_type(ScalarType.Float64).reshape(n, elements);
            var mean = x.mean(new long[] { 0 });
            var sd = (x - mean).pow(Scalars.Of(2)).mean(new long[] { 0 }).sqrt();
            var sorted = x.sort(0).Values;
            double[] means = mean.data<double>().ToArray();
            double[] sds = sd.data<double>().ToArray();
            double[] q05 = Quantile(sorted, 0.05);
            double[] q95 = Quantile(sorted, 0.95);
            double[] esses = EssPerElement(latent, ess, elementShape, elements);

            var rows = new List<PosteriorSummaryRow>((int)elements);
            for (long e = 0; e < elements; e++)
                rows.Add(new PosteriorSummaryRow(latent, Unravel(e, elementShape), means[e], sds[e], q05[e], q95[e], esses[e]));
            return rows;
        }

        /// <summary>
        /// Renders rows as a fixed-width text table (columns latent, mean, sd, 5%, 95%, ESS), at most
        /// <paramref name="maxRowsPerLatent"/> rows per latent (a line says how many were left out).
        /// </summary>
        public static string Format(IEnumerable<PosteriorSummaryRow> rows, int maxRowsPerLatent = int.MaxValue)
        {
            if (rows is null) throw new ArgumentNullException(nameof(rows));
            var list = rows.ToList();
            int width = Math.Max("latent".Length, list.Count == 0 ? 0 : list.Max(r => r.Label.Length));
            var text = new StringBuilder();
            text.AppendLine($"{"latent".PadRight(width)} {"mean",10} {"sd",10} {"5%",10} {"95%",10} {"ESS",8}");
            foreach (var latent in list.GroupBy(r => r.Latent))
            {
                int shown = 0, total = latent.Count();
                foreach (var r in latent)
                {
                    if (shown++ == maxRowsPerLatent) break;
                    text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                        $"{r.Label.PadRight(width)} {r.Mean,10:F4} {r.Sd,10:F4} {r.Q05,10:F4} {r.Q95,10:F4} {r.Ess,8:F1}"));
                }
                if (total > maxRowsPerLatent)
                    text.AppendLine($"{"".PadRight(width)} ... {total - maxRowsPerLatent} more elements of {latent.Key}");
            }
            return text.ToString();
        }

        /// <summary>Type-7 quantile of each column of <paramref name="sorted"/> ([N, elements], sorted along N).</summary>
        private static double[] Quantile(Tensor sorted, double q)
        {
            long n = sorted.shape[0];
            double h = q * (n - 1);
            long lo = (long)Math.Floor(h);
            long hi = Math.Min(lo + 1, n - 1);
            double frac = h - lo;
            var low = sorted[lo];
            var high = sorted[hi];
            return (low.add((high - low) * Scalars.Temporary(frac), Scalars.Of(1))).data<double>().ToArray();
        }

        private static double[] EssPerElement(string latent, Tensor? ess, long[] elementShape, long elements)
        {
            if (ess is null) return Enumerable.Repeat(double.NaN, (int)elements).ToArray();
            long[] essShape = ess.shape;
            bool prefix = essShape.Length <= elementShape.Length && essShape.Select((d, i) => d == elementShape[i]).All(b => b);
            if (!prefix)
                throw new ArgumentException(
                    $"ESS of '{latent}' must be shaped like the draws' plate dimensions (a prefix of [{string.Join(", ", elementShape)}]), " +
                    $"but has shape [{string.Join(", ", essShape)}].", nameof(ess));
            long[] target = elementShape;
            long[] view = essShape.Concat(Enumerable.Repeat(1L, elementShape.Length - essShape.Length)).ToArray();
            using var scope = NewDisposeScope();
            return ess.detach().to(CPU).to_type(ScalarType.Float64).reshape(view).expand(target).reshape(elements).data<double>().ToArray();
        }

        private static long[] Unravel(long flat, long[] shape)
        {
            var index = new long[shape.Length];
            for (int d = shape.Length - 1; d >= 0; d--)
            {
                index[d] = flat % shape[d];
                flat /= shape[d];
            }
            return index;
        }
    }
}
