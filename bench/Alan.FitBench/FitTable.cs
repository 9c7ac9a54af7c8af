using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace Alan.FitBench
{
    /// <summary>
    /// The fit table in Markdown, from the stored runs under the results directory: <c>alan/&lt;model&gt;.json</c>
    /// (this program's fit), <c>nuts/&lt;model&gt;.json</c> (Stan's benchmark run) and <c>reference/&lt;model&gt;.json</c>
    /// (Stan's long run, the reference both are measured against).
    /// </summary>
    public static class FitTable
    {
        /// <summary>Models with a Stan reference run that this build cannot fit (their Alan side is not compiled in).</summary>
        public static IEnumerable<string> StanOnlyModels(string directory)
        {
            string references = Path.Combine(directory, "reference");
            return Directory.Exists(references)
                ? Directory.GetFiles(references, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().OrderBy(n => n, StringComparer.Ordinal)
                : Enumerable.Empty<string>();
        }

        public static string Markdown(string directory, IReadOnlyList<string> models)
        {
            var text = new StringBuilder();
            text.AppendLine("| model | Alan: method, iterations | Alan Fit CPU (wall) | Alan max mean error | Alan sd ratio | Pareto k | NUTS sampling CPU (wall) | NUTS compile | NUTS max mean error | NUTS sd ratio | NUTS divergences, min n_eff |");
            text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (string model in models)
            {
                string Path_(string kind) => Path.Combine(directory, kind, model + ".json");
                NutsRun? reference = File.Exists(Path_("reference")) ? NutsRun.Read(Path_("reference")) : null;
                NutsRun? nuts = File.Exists(Path_("nuts")) ? NutsRun.Read(Path_("nuts")) : null;
                AlanFit? alan = File.Exists(Path_("alan")) ? AlanFit.Read(Path_("alan")) : null;
                string failed = Path.Combine(directory, "alan", model + ".failed.txt");

                string alanCells;
                if (alan is not null)
                {
                    string accuracy = reference is null ? "no reference | no reference" : Cells(Accuracy.Of(alan.Parameters, reference.Parameters, $"{model} (Alan)"));
                    alanCells = $"{alan.Method}, {alan.Iterations:N0}{(alan.Converged ? "" : " (not converged)")} | {Seconds(alan.CpuSeconds)} ({Seconds(alan.WallSeconds)}) | {accuracy} | {alan.ParetoK:F2}";
                }
                else if (File.Exists(failed))
                    alanCells = $"{File.ReadLines(failed).First().Split(": ", 2)[^1]} | - | - | - | -";
                else
                    alanCells = "not run | - | - | - | -";

                // Where no long run was affordable, the benchmark run itself is the reference (a copy of it).
                bool nutsIsReference = nuts is not null && reference is not null && nuts.Chains == reference.Chains && nuts.Draws == reference.Draws &&
                                       nuts.SamplingSeconds == reference.SamplingSeconds;
                string nutsCells = nuts is null
                    ? "not run | - | - | - | -"
                    : $"{Seconds(nuts.SamplingSeconds)} ({(nuts.SamplingWallSeconds > 0 ? Seconds(nuts.SamplingWallSeconds) : "-")}) | {Seconds(nuts.CompileSeconds)} | " +
                      $"{(reference is null ? "no reference | no reference" : nutsIsReference ? "is the reference | is the reference" : Cells(Accuracy.Of(nuts.Parameters, reference.Parameters, $"{model} (NUTS)")))} | " +
                      $"{nuts.Divergences}, {(nuts.MinNEff is double n ? n.ToString("F0", CultureInfo.InvariantCulture) : "-")}";
                text.AppendLine($"| {model} | {alanCells} | {nutsCells} |");
            }
            return text.ToString();
        }

        private static string Cells(Accuracy a) =>
            string.Create(CultureInfo.InvariantCulture, $"{a.MaxMeanError:F2} ({a.WorstMean}) | {a.MinSdRatio:F2}-{a.MaxSdRatio:F2}");

        private static string Seconds(double s) => string.Create(CultureInfo.InvariantCulture, $"{s:F1} s");
    }
}
