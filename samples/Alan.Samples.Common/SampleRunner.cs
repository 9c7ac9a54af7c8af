using System;
using System.Globalization;
using Spectre.Console;

namespace Alan.Samples.Common
{
    /// <summary>
    /// A sample's whole run: train, print the posterior summary of the interpretable latents, write the plot if asked,
    /// and end with the result line.
    /// </summary>
    public static class SampleRunner
    {
        /// <summary>Rows of the summary table per latent (the rest are counted).</summary>
        public const int SummaryRowsPerLatent = 12;

        public static TrainingResult Run(SampleOptions options, TrainingTarget target)
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            Console.WriteLine($"{options.Model}: method {SampleOptions.Name(options.Method)}, K = {options.K}, {options.Iterations} iterations, " +
                              $"lr {options.LearningRate.ToString(CultureInfo.InvariantCulture)}, seed {options.Seed}; " +
                              $"predictive log-likelihood from {options.EvalDraws} importance samples");
            var result = Trainer.Train(options, target);
            var summary = Trainer.Summarise(options, target);
            result = result with { Summary = summary };
            if (summary.Count > 0)
            {
                Console.WriteLine();
                Console.WriteLine($"Posterior summary ({options.EvalDraws} importance samples; ESS of the K = {options.K} particles per plate element):");
                Console.Write(PosteriorSummary.Format(summary, SummaryRowsPerLatent));
            }
            if (options.PlotPath is not null)
            {
                TrainingPlot.Write(options.PlotPath, result);
                Console.WriteLine($"plot: {options.PlotPath}");
            }
            Console.WriteLine(result.ResultLine);
            return result;
        }

        /// <summary>Runs <paramref name="main"/>, turning a bad command line or data error into a message and exit code 2.</summary>
        public static int Guard(Func<int> main)
        {
            try
            {
                return main();
            }
            catch (Exception e) when (e is ArgumentException or System.IO.IOException or FormatException)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
        }
    }
}
