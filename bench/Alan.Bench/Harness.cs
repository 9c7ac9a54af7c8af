using System;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using TorchSharp;

namespace Alan.Bench
{
    /// <summary>How many iterations to run, and the time budget that shortens slow configurations.</summary>
    public sealed record Settings(int Warmup, int Runs, int Iterations, double BudgetSeconds)
    {
        public static Settings Full { get; } = new(Warmup: 20, Runs: 5, Iterations: 50, BudgetSeconds: 60);
        public static Settings Quick { get; } = new(Warmup: 3, Runs: 2, Iterations: 10, BudgetSeconds: 5);
    }

    /// <summary>The measurements of one configuration (one model, method and K).</summary>
    public sealed record Result(string Model, string Method, int K, int Warmup, int Runs, int Iterations,
                                double MsPerIter, double MinRunMs, double MaxRunMs, double MedianIterMs,
                                double PeakMB, double BaselineMB, double ManagedBytesPerIter)
    {
        private const string Tag = "RESULT";

        /// <summary>One line a parent process can parse (invariant culture).</summary>
        public string Serialize() => string.Join(' ', Tag, Model, Method,
            K.ToString(CultureInfo.InvariantCulture), Warmup.ToString(CultureInfo.InvariantCulture),
            Runs.ToString(CultureInfo.InvariantCulture), Iterations.ToString(CultureInfo.InvariantCulture),
            D(MsPerIter), D(MinRunMs), D(MaxRunMs), D(MedianIterMs), D(PeakMB), D(BaselineMB), D(ManagedBytesPerIter));

        public static Result? TryParse(string line)
        {
            string[] f = line.Split(' ');
            if (f.Length != 14 || f[0] != Tag) return null;
            int I(int i) => int.Parse(f[i], CultureInfo.InvariantCulture);
            double P(int i) => double.Parse(f[i], CultureInfo.InvariantCulture);
            return new Result(f[1], f[2], I(3), I(4), I(5), I(6), P(7), P(8), P(9), P(10), P(11), P(12), P(13));
        }

        private static string D(double v) => v.ToString("R", CultureInfo.InvariantCulture);
    }

    public static class Harness
    {
        /// <summary>
        /// Warm up, then time <c>Runs</c> runs of <c>Iterations</c> iterations each. ms/iter is the median
        /// of the per-run means. Managed bytes are counted on this thread over all measured iterations
        /// (the timing loop itself allocates nothing). A slow configuration gets fewer warm-up and
        /// measured iterations, so that it stays near the time budget (the result records the counts).
        /// Peak memory is the process's peak working set; run one configuration per process to make it
        /// the peak of that configuration.
        /// </summary>
        public static Result Measure(BenchCase c, Settings s)
        {
            double baselineMB = WorkingSetMB(peak: false);
            var clock = Stopwatch.StartNew();
            int warmup = 0;
            while (warmup < s.Warmup && (warmup == 0 || clock.Elapsed.TotalSeconds < s.BudgetSeconds / 4))
            {
                c.Step();
                warmup++;
            }
            double warmupMs = clock.Elapsed.TotalMilliseconds / warmup;
            int iterations = s.Iterations;
            if (s.Runs * iterations * warmupMs / 1000.0 > s.BudgetSeconds)
                iterations = Math.Max(1, (int)(s.BudgetSeconds * 1000.0 / (s.Runs * warmupMs)));

            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();

            var runMeans = new double[s.Runs];
            var iterMs = new double[s.Runs * iterations];
            double msPerTick = 1000.0 / Stopwatch.Frequency;
            long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            TimeSpan cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            for (int r = 0; r < s.Runs; r++)
            {
                long runStart = Stopwatch.GetTimestamp();
                for (int i = 0; i < iterations; i++)
                {
                    long t0 = Stopwatch.GetTimestamp();
                    c.Step();
                    iterMs[r * iterations + i] = (Stopwatch.GetTimestamp() - t0) * msPerTick;
                }
                runMeans[r] = (Stopwatch.GetTimestamp() - runStart) * msPerTick / iterations;
            }
            long allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
            // CPU time of the whole process (all threads) per measured iteration: on a loaded machine a steadier
            // figure than wall time; compare it with ALAN_BENCH_THREADS=1 (one intra-op thread).
            double cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / (s.Runs * iterations);
            Console.WriteLine($"cpu {cpuMs:F3} ms/iter ({torch.get_num_threads()} torch threads)");

            return new Result(c.Model, c.Method, c.K, warmup, s.Runs, iterations,
                              Median(runMeans), runMeans.Min(), runMeans.Max(), Median(iterMs),
                              WorkingSetMB(peak: true), baselineMB, (double)allocated / (s.Runs * iterations));
        }

        private static double WorkingSetMB(bool peak)
        {
            using var p = Process.GetCurrentProcess();
            return (peak ? p.PeakWorkingSet64 : p.WorkingSet64) / (1024.0 * 1024.0);
        }

        private static double Median(double[] values)
        {
            var sorted = (double[])values.Clone();
            Array.Sort(sorted);
            int n = sorted.Length;
            return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
        }
    }
}
