using System;
using System.Collections.Generic;
using System.Linq;
using Spectre.Console;

namespace Alan.Samples.Posterior
{
    /// <summary>One training phase: <paramref name="Step"/> runs iteration i (0-based within the phase) and returns its ELBO.</summary>
    internal sealed record Phase(string Name, int Iterations, Func<int, double> Step);

    /// <summary>The ELBO of every iteration of one phase; <see cref="Start"/> is its first iteration counted over all phases.</summary>
    internal sealed record ElboTrace(string Name, int Start, IReadOnlyList<double> Values);

    /// <summary>
    /// Runs training phases one after another. In a terminal a Spectre.Console progress bar shows each phase
    /// (with the latest ELBO); the report lines are printed above it. Without a terminal (output redirected
    /// to a file or a pipe, CI) only the report lines are printed.
    /// </summary>
    internal static class Progress
    {
        /// <summary>True when stdout is an interactive terminal that can redraw a progress bar.</summary>
        public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

        /// <summary>
        /// Runs <paramref name="phases"/> in order. Every <paramref name="reportEvery"/> iterations (and after the
        /// last one) <paramref name="report"/> is called with the phase, the overall iteration count so far and
        /// the mean ELBO of the iterations since the previous report; the line it returns is printed.
        /// </summary>
        public static IReadOnlyList<ElboTrace> Run(IReadOnlyList<Phase> phases, int reportEvery, Func<Phase, int, double, string> report)
        {
            var traces = new List<ElboTrace>();
            if (!Interactive)
            {
                RunAll(phases, reportEvery, report, traces, onStep: null, print: Console.WriteLine);
                return traces;
            }

            AnsiConsole.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 30 },
                         new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var tasks = phases.Select(p => ctx.AddTask(Describe(p, double.NaN), autoStart: false, maxValue: p.Iterations)).ToArray();
                    RunAll(phases, reportEvery, report, traces,
                        onStep: (index, elbo) =>
                        {
                            var task = tasks[index];
                            if (!task.IsStarted) task.StartTask();
                            task.Increment(1);
                            task.Description = Describe(phases[index], elbo);
                        },
                        // Lines written through AnsiConsole while the progress display is live appear above it.
                        print: line => AnsiConsole.WriteLine(line));
                });
            return traces;
        }

        private static void RunAll(IReadOnlyList<Phase> phases, int reportEvery, Func<Phase, int, double, string> report,
                                   List<ElboTrace> traces, Action<int, double>? onStep, Action<string> print)
        {
            int overall = 0;
            for (int index = 0; index < phases.Count; index++)
            {
                var phase = phases[index];
                var values = new List<double>(phase.Iterations);
                traces.Add(new ElboTrace(phase.Name, overall, values));
                double sinceReport = 0.0;
                int count = 0;
                for (int i = 0; i < phase.Iterations; i++)
                {
                    double elbo = phase.Step(i);
                    values.Add(elbo);
                    overall++;
                    sinceReport += elbo;
                    count++;
                    onStep?.Invoke(index, elbo);
                    if (overall % reportEvery == 0 || i == phase.Iterations - 1)
                    {
                        print(report(phase, overall, sinceReport / count));
                        sinceReport = 0.0;
                        count = 0;
                    }
                }
            }
        }

        private static string Describe(Phase phase, double elbo) =>
            Markup.Escape(double.IsNaN(elbo) ? $"{phase.Name,-12}" : $"{phase.Name,-12} ELBO {elbo,9:F2}");
    }
}
