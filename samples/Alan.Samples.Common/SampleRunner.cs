using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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

        /// <summary>
        /// Runs the sample: the fixed training loop, or the library's <c>Fit</c> with <c>--fit</c>; returns the posterior
        /// summary of every latent either printed from.
        /// </summary>
        public static IReadOnlyList<PosteriorSummaryRow> Run(SampleOptions options, TrainingTarget target)
        {
            CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
            return options.Fit is not null ? RunFit(options, options.Fit, target).Summary() : RunTraining(options, target).Summary;
        }

        /// <summary>
        /// <c>problem.Fit</c> with the command line's options: progress lines while it trains, then its verdict, the
        /// pooled draws' summary of the interpretable latents and the held-out check from a fresh sample of Fit's K.
        /// </summary>
        public static IFitResult RunFit(SampleOptions options, FitOptions fitOptions, TrainingTarget target)
        {
            int k = fitOptions.K ?? (fitOptions.Method == FitMethod.Qem ? Alan.CompilerServices.Fitting.FitEngine.DefaultQemK : Alan.CompilerServices.Fitting.FitEngine.DefaultK);
            Console.WriteLine($"{options.Model}: Fit (method {fitOptions.Method}, K {(fitOptions.K is null ? "default" : fitOptions.K)}, " +
                              $"at most {(fitOptions.MaxIterations is null ? "the default number of" : fitOptions.MaxIterations)} iterations, seed {fitOptions.Seed})");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var fit = target.Problem.Fit(fitOptions with
            {
                Strategy = target.StrategyFor(k, Evaluation.Estimate),
                Progress = new Progress(p => Console.WriteLine($"  {p.Message}")),
            });
            double seconds = clock.Elapsed.TotalSeconds;
            var latents = target.SummaryLatents ?? target.Problem.Latents;
            var summary = fit.Summary().Where(r => latents.Contains(r.Latent)).ToList();
            Console.WriteLine();
            Console.WriteLine($"Posterior summary ({fit.DrawsByLatent.Values.FirstOrDefault()?.shape[0]} draws pooled over independent samples; ESS of the pooled particles):");
            Console.Write(PosteriorSummary.Format(summary, SummaryRowsPerLatent));
            Console.WriteLine($"Pareto k {fit.ParetoK:F2}, effective samples {fit.EffectiveSamples:F1} (Kish, over the pooled samples' estimates of p(data)): {fit.Diagnosis}");
            double predictive = Trainer.Evaluate(options with { K = fit.K }, target);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"result: model={options.Model} fit method={SampleOptions.Name(ToMethod(fit.Method))} K={fit.K} iterations={fit.Iterations} converged={fit.Converged} " +
                $"pareto_k={fit.ParetoK:F2} effective_samples={fit.EffectiveSamples:F1} log_evidence={fit.LogEvidence:F2} predictive_ll={predictive:F2} seconds={seconds:F1}"));
            return fit;
        }

        private static Method ToMethod(FitMethod m) => m switch { FitMethod.Vi => Method.Vi, FitMethod.Rws => Method.Rws, _ => Method.Qem };

        /// <summary>Reports synchronously (System.Progress would post to the thread pool and reorder the lines).</summary>
        private sealed class Progress : IProgress<FitProgress>
        {
            private readonly Action<FitProgress> _report;
            public Progress(Action<FitProgress> report) => _report = report;
            public void Report(FitProgress value) => _report(value);
        }

        /// <summary>The fixed training loop of the original experiments, its summary, plot and result line.</summary>
        public static TrainingResult RunTraining(SampleOptions options, TrainingTarget target)
        {
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
