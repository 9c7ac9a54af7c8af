using System.Linq;
using ScottPlot;

namespace Alan.Samples.Common
{
    /// <summary>A PNG (ScottPlot) of a run: the ELBO of every iteration, and the held-out predictive log-likelihood, against iteration.</summary>
    public static class TrainingPlot
    {
        public static void Write(string path, TrainingResult result)
        {
            var o = result.Options;
            var multiplot = new Multiplot();
            multiplot.AddPlots(2);
            multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
            string title = $"{o.Model}, {SampleOptions.Name(o.Method).ToUpperInvariant()}, K = {o.K}, lr = {o.LearningRate}";

            var elboPlot = multiplot.GetPlot(0);
            elboPlot.Title(title);
            elboPlot.XLabel("iteration");
            elboPlot.YLabel("ELBO (log P-hat)");
            double[] xs = Enumerable.Range(1, result.Elbos.Count).Select(i => (double)i).ToArray();
            double[] ys = result.Elbos.ToArray();
            elboPlot.Add.ScatterLine(xs, ys, Colors.C0).LineWidth = 1.5f;
            // The first iterations (Q still the initial proposal) are far below the rest: clip the lowest 5%.
            var sorted = ys.OrderBy(v => v).ToArray();
            double low = sorted[(int)(0.05 * (sorted.Length - 1))], high = sorted[^1];
            double pad = 0.08 * (high - low) + 1e-9;
            elboPlot.Axes.SetLimitsY(low - pad, high + pad);

            var llPlot = multiplot.GetPlot(1);
            llPlot.Title($"held-out predictive log-likelihood (N = {o.EvalDraws})");
            llPlot.XLabel("iteration");
            llPlot.YLabel("predictive log-likelihood");
            var points = llPlot.Add.ScatterLine(result.Predictive.Select(p => (double)p.Iteration).ToArray(),
                                                result.Predictive.Select(p => p.LogLikelihood).ToArray(), Colors.C1);
            points.MarkerSize = 6;
            points.LineWidth = 1.5f;

            multiplot.SavePng(path, 1400, 550);
        }
    }
}
