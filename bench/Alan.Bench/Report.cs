using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Alan.Bench
{
    public static class Report
    {
        public static string Table(IReadOnlyList<Result> results)
        {
            var sb = new StringBuilder();
            sb.AppendLine("| model | method | K | ms/iter | peak MB | original ms/iter (peak MB) | speed-up | peak vs original | managed B/iter | iterations (warm-up + runs x n) |");
            sb.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
            foreach (var r in results)
            {
                var o = Reference.Of(r.Model, r.Method, r.K);
                string oneThread = o is { OneThread: true } ? " (1t)" : "";
                string original = o is null ? "" : FormatMs(o.Ms) + (o.PeakMB > 0 ? $" ({o.PeakMB:F0})" : "") + oneThread;
                string ratio = o is null ? "" : $"{o.Ms / r.MsPerIter:F1}x{oneThread}";
                string memory = o is { PeakMB: > 0 } ? $"{100 * r.PeakMB / o.PeakMB:F0}%" : "";
                sb.AppendLine($"| {r.Model} | {r.Method} | {r.K} | {FormatMs(r.MsPerIter)} | {r.PeakMB:F0} | {original} | {ratio} | {memory} | " +
                              $"{r.ManagedBytesPerIter:F0} | {r.Warmup} + {r.Runs} x {r.Iterations} |");
            }
            return sb.ToString().TrimEnd();
        }

        /// <summary>Managed bytes per iteration across K, per model and method: they must not grow with K.</summary>
        public static string ManagedGrowth(IReadOnlyList<Result> results)
        {
            var sb = new StringBuilder();
            sb.AppendLine("Managed bytes per iteration vs K (the same managed objects are allocated whatever K is):");
            foreach (var g in results.GroupBy(r => (r.Model, r.Method)))
            {
                var byK = g.OrderBy(r => r.K).ToArray();
                sb.AppendLine($"  {g.Key.Model,-6} {g.Key.Method,-4} K = {string.Join("/", byK.Select(r => r.K))}: " +
                              $"{string.Join(" / ", byK.Select(r => $"{r.ManagedBytesPerIter:F0}"))} B/iter  (max/min {Ratio(byK):F3})");
            }
            return sb.ToString().TrimEnd();
        }

        public static string Summary(IReadOnlyList<Result> results, string table, Settings s, bool quick, string heapSetting,
                                     string loadAverages, string[]? only = null)
        {
            double worst = results.GroupBy(r => (r.Model, r.Method)).Select(g => Ratio(g.ToArray()))
                .DefaultIfEmpty(1.0).Max();
            double baseline = results.Select(r => r.BaselineMB).DefaultIfEmpty(0.0).Min();
            var sb = new StringBuilder();
            sb.AppendLine("### Benchmark");
            sb.AppendLine();
            string options = string.Join(" ", new[] { quick ? "--quick" : "", heapSetting.StartsWith("ALAN_NATIVE_HEAP") ? "--system-heap" : "",
                                                  only is null ? "" : "--only " + string.Join(",", only) }
                .Where(o => o.Length > 0));
            sb.AppendLine($"`dotnet run -c Release --project bench/Alan.Bench{(options.Length > 0 ? " -- " + options : "")}` on {Machine.Short()}; " +
                          $"native heap: {heapSetting}; load average at start / end {loadAverages}.");
            sb.AppendLine("One iteration = `Sample(K)` + `ElboVi()` (VI) or `Sample(K, reparam: false)` + `ElboRws()` (RWS), then backward and an Adam step; float32. " +
                          "QEM: `Sample(K, reparam: false)` + `UpdateQemParams(lr)` (which returns the ELBO the samples log). " +
                          "intro: Mu ~ N(0,1) with 30 observations. radon: 4 states x 150 zips (train split), Q mean-field with the two globals grouped. " +
                          "bus: bus_breakdown train split, 2 years x 3 boroughs x 150 ids, Q groups {Psi, Phi, SigmaBeta, MuBeta} and {Beta, SigmaAlpha}. " +
                          "chimpanzees, occupancy, movielens (synthetic, 450 x 20) and covid (92 regions x 109 days, all regions at once: its chain " +
                          "is filtered from the Normal transition's parts, never built): " +
                          "the samples' own training step at their default learning rates. " +
                          "original: the original alan (torch 1.13 CPU) on this machine type (Reference.cs), not re-measured here: figures measured by hand, " +
                          "and, marked (1t), bench/original/time_original.py's at one torch thread (like for like when this run used one torch " +
                          "thread, else the ratio overstates the speed-up); peak vs original: our peak memory as a share of the original's.");
            sb.AppendLine($"ms/iter: median of the per-run mean over {s.Runs} runs of {s.Iterations} iterations after {s.Warmup} warm-up iterations " +
                          "(slow configurations get fewer, see the last column). " +
                          "peak MB: `Process.PeakWorkingSet64` of a fresh process per configuration " +
                          $"(TorchSharp and the data loaded, the process holds about {baseline:F0} MB before the first iteration). " +
                          "managed B/iter: `GC.GetAllocatedBytesForCurrentThread()` over the measured iterations.");
            sb.AppendLine();
            sb.AppendLine(table);
            sb.AppendLine();
            sb.AppendLine("Managed allocation per iteration is the TorchSharp tensor handles of a fixed sequence of operations per chunk: it does not " +
                          "grow with K, except where a larger K makes a call run in chunks (the automatic split: the float64 pass of chimpanzees' " +
                          $"and occupancy's QEM at K = 30 runs in two) (largest max/min ratio over K within one model and method: {worst:F3}). " +
                          "Time and native memory grow as K^(particle dims in the largest factor) times the plate sizes: " +
                          "radon's observation factor carries the particle dims of its four state-level latents; summed over its plate through " +
                          "the plate's statistics it is K^4 x 4 elements, not K^4 x 4 x 150.");
            return sb.ToString().TrimEnd();
        }

        private static double Ratio(IReadOnlyCollection<Result> rs) =>
            rs.Max(r => r.ManagedBytesPerIter) / Math.Max(rs.Min(r => r.ManagedBytesPerIter), 1.0);

        private static string FormatMs(double ms) => ms switch
        {
            < 10 => ms.ToString("F3"),
            < 100 => ms.ToString("F2"),
            < 1000 => ms.ToString("F1"),
            _ => ms.ToString("F0"),
        };
    }
}
