using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using NUnit.Framework;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// Calls whose largest tensor is 0.8 GB, each run in a child process (tests/Alan.MemoryProbe) under a 2 GiB budget:
    /// each either completes with a peak resident set size below the budget or is refused before it allocates, with a
    /// message naming K, the plate and the bytes. The peak is the child's own VmHWM (Linux).
    /// </summary>
    [NonParallelizable]
    public class MemoryBudgetTests
    {
        private const long Budget = 2L << 30;

        [TestCase(100, 1000, "float64", "train", null, true, TestName = "A root latent and 100 latents at K = 1,000 (float64) complete in chunks")]
        [TestCase(3, 10000, "float64", "train", 1, false, TestName = "3 items at K = 10,000 with Split(Items, 1) are refused")]
        [TestCase(20000, 100, "float32", "train", null, true, TestName = "20,000 items at K = 100 (float32) complete in chunks")]
        [TestCase(2000, 1000, "float32", "train", 100, false, TestName = "2,000 items at K = 1,000 with Split(Items, 100) are refused")]
        [TestCase(1, 10000, "float64", "train", null, false, TestName = "1 item at K = 10,000 (float64) is refused: one item cannot be split")]
        [TestCase(100, 1000, "float64", "moments", null, true, TestName = "Moments of 100 latents at K = 1,000 complete in chunks")]
        [TestCase(100, 1000, "float32", "draws", null, true, TestName = "ImportanceSample of 100 latents at K = 1,000 (float32) completes in chunks")]
        public void ACallCompletesWithinItsBudgetOrIsRefusedBeforeAllocating(int items, int k, string dtype, string call, int? split, bool completes)
        {
            var (outcome, peak) = Probe(new[] { "ALAN_MEMORY_BUDGET=2G" }, items, k, dtype, call, split);
            if (completes)
            {
                Assert.That(outcome, Is.EqualTo("completed"));
                Assert.That(peak, Is.LessThan(Budget), "the peak resident set size stays within the budget");
            }
            else
            {
                Assert.That(outcome, Does.StartWith("refused: "));
                Assert.That(outcome, Does.Contain($"K = {k}").And.Contain("Items=").And.Contain("bytes").And.Contain("ALAN_MEMORY_BUDGET"));
                // The whole factor would be 0.4-0.8 GB: a refused call allocated none of it (the process itself is ~0.25 GB).
                Assert.That(peak, Is.LessThan(600L << 20), "refused before allocating");
            }
        }

        [Test]
        public void AnUnreadableBudgetIsAnErrorNamingTheVariableAndTheValue()
        {
            foreach (var value in new[] { "abc", "-1", "0", "1.5X" })
            {
                var run = Run(new[] { $"ALAN_MEMORY_BUDGET={value}" }, "3", "10", "float64", "train");
                Assert.That(run.ExitCode, Is.Not.EqualTo(0), value);
                Assert.That(run.Error, Does.Contain("ALAN_MEMORY_BUDGET").And.Contain($"'{value}'").And.Contain("not a positive memory size"), value);
            }
        }

        [Test]
        public void TheReusingHeapPeaksNoHigherThanTheSystemHeap()
        {
            // Items = 1 at K = 10,000: one K x K factor (0.4 GB in float32). In float64 the reusing heap (the probe's
            // default, as an executable's) used to peak at 6.5 GB against the system heap's 4.1 GB; the stated margin is 10%.
            var (reuse, reusePeak) = Probe(Array.Empty<string>(), 1, 10000, "float32", "train", null);
            var (system, systemPeak) = Probe(new[] { "ALAN_NATIVE_HEAP=system" }, 1, 10000, "float32", "train", null);
            Assert.That(reuse, Is.EqualTo("completed"));
            Assert.That(system, Is.EqualTo("completed"));
            Assert.That(reusePeak, Is.LessThan(systemPeak * 1.1), $"reusing heap {reusePeak:N0} bytes, system heap {systemPeak:N0} bytes");
        }

        private static (string Outcome, long PeakBytes) Probe(string[] environment, int items, int k, string dtype, string call, int? split)
        {
            var args = new[] { items.ToString(CultureInfo.InvariantCulture), k.ToString(CultureInfo.InvariantCulture), dtype, call }
                .Concat(split is int n ? new[] { n.ToString(CultureInfo.InvariantCulture) } : Array.Empty<string>()).ToArray();
            var run = Run(environment, args);
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Error);
            var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var peak = lines.Single(l => l.StartsWith("VmHWM: ", StringComparison.Ordinal));
            long kilobytes = long.Parse(peak.Substring(7), CultureInfo.InvariantCulture);
            Assert.That(kilobytes, Is.GreaterThan(0), "the child read its peak from /proc/self/status");
            return (lines[0], kilobytes * 1024);
        }

        private static (int ExitCode, string Output, string Error) Run(string[] environment, params string[] args)
        {
            if (!OperatingSystem.IsLinux()) Assert.Ignore("the peak resident set size is read from /proc (Linux)");
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(ProbePath());
            foreach (var a in args) start.ArgumentList.Add(a);
            start.Environment.Remove("ALAN_MEMORY_BUDGET");
            start.Environment.Remove("ALAN_NATIVE_HEAP");
            foreach (var e in environment)
            {
                var parts = e.Split('=', 2);
                start.Environment[parts[0]] = parts[1];
            }
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, output, error.Result);
        }

        /// <summary>The probe's assembly, built beside this one (tests/Alan.MemoryProbe/bin/&lt;configuration&gt;/&lt;framework&gt;).</summary>
        private static string ProbePath()
        {
            var here = Path.GetDirectoryName(typeof(MemoryBudgetTests).Assembly.Location)!;
            var path = here.Replace(Path.Combine("tests", "Alan.Integration.Tests"), Path.Combine("tests", "Alan.MemoryProbe"));
            path = Path.Combine(path, "Alan.MemoryProbe.dll");
            Assert.That(File.Exists(path), Is.True, $"the probe is built with this project: {path}");
            return path;
        }
    }
}
