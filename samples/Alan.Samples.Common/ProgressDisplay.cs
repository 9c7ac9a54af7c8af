using System;
using System.Globalization;
using Spectre.Console;

namespace Alan.Samples.Common
{
    /// <summary>
    /// Runs the training iterations under a Spectre.Console progress bar when stdout is an interactive terminal
    /// (report lines appear above the bar); without a terminal (redirected output, CI) only the report lines are printed.
    /// </summary>
    public static class ProgressDisplay
    {
        /// <summary>True when stdout is an interactive terminal that can redraw a progress bar.</summary>
        public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

        /// <summary>
        /// Calls <paramref name="step"/> for iterations 0 .. <paramref name="iterations"/> - 1; it returns the iteration's
        /// ELBO and may print report lines through the action it is given.
        /// </summary>
        public static void Run(int iterations, Func<int, Action<string>, double> step, Action<string> print)
        {
            if (!Interactive)
            {
                for (int i = 0; i < iterations; i++) step(i, print);
                return;
            }
            AnsiConsole.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 30 },
                         new PercentageColumn(), new ElapsedTimeColumn(), new RemainingTimeColumn())
                .Start(ctx =>
                {
                    var task = ctx.AddTask("training", maxValue: iterations);
                    // Lines written through AnsiConsole while the display is live appear above the bar.
                    Action<string> above = line => AnsiConsole.WriteLine(line);
                    for (int i = 0; i < iterations; i++)
                    {
                        double elbo = step(i, above);
                        task.Increment(1);
                        task.Description = Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"training  ELBO {elbo,12:F2}"));
                    }
                });
        }
    }
}
