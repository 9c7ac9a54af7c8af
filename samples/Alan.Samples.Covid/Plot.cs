using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace Alan.Samples.Covid
{
    /// <summary>The ELBO curve as a PNG (ScottPlot), with the final predictive log-likelihood in the title.</summary>
    internal static class Plot
    {
        public static void Write(string path, string method, IReadOnlyList<double> elbos, double predictive)
        {
            var plot = new ScottPlot.Plot();
            plot.Title($"covid, {method}: ELBO per iteration (predictive log-likelihood of the held-out days {predictive:F1})");
            plot.XLabel("iteration");
            plot.YLabel("ELBO (log P-hat)");
            var xs = Enumerable.Range(0, elbos.Count).Select(i => (double)i).ToArray();
            var line = plot.Add.ScatterLine(xs, elbos.ToArray());
            line.LegendText = "ELBO";
            // The first iterations are far below the rest: clip them so the converged part stays readable.
            var sorted = elbos.OrderBy(v => v).ToArray();
            double low = sorted[(int)(0.1 * (sorted.Length - 1))], high = sorted[^1];
            plot.Axes.SetLimitsY(low - 0.05 * (high - low + 1), high + 0.05 * (high - low + 1));
            plot.SavePng(path, 1000, 600);
        }
    }
}
