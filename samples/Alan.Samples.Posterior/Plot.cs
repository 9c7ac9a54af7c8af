using System;
using System.Collections.Generic;
using System.Linq;
using ScottPlot;

namespace Alan.Samples.Posterior
{
    /// <summary>One panel of the plot: a part's ELBO traces and, optionally, a horizontal reference value.</summary>
    internal sealed record ElboPanel(string Title, IReadOnlyList<ElboTrace> Traces, double? Reference = null, string? ReferenceLabel = null);

    /// <summary>Writes the ELBO curves of all parts as one PNG (ScottPlot): one panel per part, side by side.</summary>
    internal static class Plot
    {
        private const int Smoothing = 25;   // window of the moving average drawn over the raw estimates

        public static void Write(string path, IReadOnlyList<ElboPanel> panels)
        {
            var multiplot = new Multiplot();
            multiplot.AddPlots(panels.Count);
            multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
            var palette = new ScottPlot.Palettes.Category10();
            for (int p = 0; p < panels.Count; p++)
            {
                var plot = multiplot.GetPlot(p);
                var panel = panels[p];
                var traces = panel.Traces;
                plot.Title(panel.Title);
                plot.XLabel("iteration");
                plot.YLabel("ELBO (log P-hat)");
                var all = new List<double>();
                for (int t = 0; t < traces.Count; t++)
                {
                    var trace = traces[t];
                    var color = palette.GetColor(t);
                    double[] xs = Enumerable.Range(trace.Start, trace.Values.Count).Select(i => (double)i).ToArray();
                    double[] ys = trace.Values.ToArray();
                    var raw = plot.Add.ScatterLine(xs, ys, color.WithAlpha(0.25));
                    raw.LineWidth = 1;
                    var smooth = plot.Add.ScatterLine(xs, MovingAverage(ys, Smoothing), color);
                    smooth.LineWidth = 2.5f;
                    smooth.LegendText = trace.Start == 0
                        ? $"{trace.Name} ({Smoothing}-iteration mean)"
                        : $"{trace.Name} from iteration {trace.Start} ({Smoothing}-iteration mean)";
                    if (trace.Start > 0) plot.Add.VerticalLine(trace.Start - 0.5, 1, Colors.Gray, LinePattern.Dashed);
                    all.AddRange(ys);
                }
                if (panel.Reference is double reference)
                {
                    var line = plot.Add.HorizontalLine(reference, 1.5f, Colors.Black, LinePattern.Dotted);
                    line.LegendText = panel.ReferenceLabel ?? "";
                    all.Add(reference);
                }
                // The first iterations (Q still the initial proposal) are far below the rest: clip them so the
                // converged part stays readable.
                var sorted = all.OrderBy(v => v).ToArray();
                double low = sorted[(int)(0.05 * (sorted.Length - 1))], high = sorted[^1];
                double pad = 0.08 * (high - low);
                plot.Axes.SetLimitsY(low - pad, high + pad);
                plot.ShowLegend(Alignment.LowerRight);
            }
            multiplot.SavePng(path, 1400, 550);
        }

        private static double[] MovingAverage(double[] ys, int window)
        {
            var result = new double[ys.Length];
            double sum = 0.0;
            for (int i = 0; i < ys.Length; i++)
            {
                sum += ys[i];
                if (i >= window) sum -= ys[i - window];
                result[i] = sum / Math.Min(i + 1, window);
            }
            return result;
        }
    }
}
