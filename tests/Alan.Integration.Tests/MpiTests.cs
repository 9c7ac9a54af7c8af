using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using NUnit.Framework;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// ComputationStrategy.Sharded over Open MPI: tests/Alan.MpiProbe launched by
    /// <c>mpirun --allow-run-as-root --oversubscribe -np 2</c>. Skipped, with the reason, where mpirun is not installed;
    /// .ci/run installs Open MPI first, so CI runs them.
    /// </summary>
    [NonParallelizable]
    public class MpiTests
    {
        private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

        [Test]
        public void TwoRanksGiveTheValuesAndGradientsOfOneProcess()
        {
            var run = Launch("equal");
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Output + run.Error);
            for (int rank = 0; rank < 2; rank++)
            {
                Assert.That(run.Output, Does.Contain($"rank {rank}: equal Float64"), "float64, tolerance 1e-9");
                Assert.That(run.Output, Does.Contain($"rank {rank}: equal Float32"), "float32, tolerance 1e-5");
                Assert.That(run.Output, Does.Contain($"rank {rank}: equal global parameters and ELBO after 5 sharded steps"));
            }
        }

        [Test]
        public void TwoRanksDrawTheGlobalLatentsOfOneProcessAndSummariseTheWholePlate()
        {
            var run = Launch("draws");
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Output + run.Error);
            for (int rank = 0; rank < 2; rank++)
            {
                Assert.That(run.Output, Does.Contain($"rank {rank}: equal draws and summary of global latents"), "float64, tolerance 1e-9");
                Assert.That(run.Output, Does.Contain($"rank {rank}: equal global draws and whole-plate summary with local latents"));
            }
        }

        [Test]
        public void TwoRanksFitAsOneProcess()
        {
            var run = Launch("fit");
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Output + run.Error);
            for (int rank = 0; rank < 2; rank++)
                Assert.That(run.Output, Does.Contain($"rank {rank}: equal fit"), "summary, ELBO trace and diagnostics within 1e-9 (float64)");
        }

        [Test]
        public void RanksWithDifferentSeedsAreRefusedOnEveryRank()
        {
            var run = Launch("mismatch");
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Output + run.Error);
            for (int rank = 0; rank < 2; rank++)
                Assert.That(run.Output, Does.Contain($"rank {rank}: refused: Sharded plate 'Item': the ranks hold different global particles"));
        }

        [Test]
        public void ARankThatStopsEndsTheLaunchAfterTheTimeoutWithAMessage()
        {
            var clock = Stopwatch.StartNew();
            var run = Launch("stall");
            Assert.That(run.ExitCode, Is.Not.EqualTo(0), "the launch is aborted");
            Assert.That(run.Output + run.Error, Does.Contain("Alan MPI rank 0 of 2: AllReduce (Max) of 4 values did not complete within 3 s"));
            // Rank 1 sleeps 5 minutes: the launch ends long before that (3 s timeout, plus start-up).
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(120)));
        }

        private static (int ExitCode, string Output, string Error) Launch(string mode)
        {
            if (!OperatingSystem.IsLinux()) Assert.Ignore("the MPI binding is Open MPI on Linux");
            var mpirun = FindOnPath("mpirun");
            if (mpirun is null)
                Assert.Ignore("mpirun is not installed (Debian: apt-get install openmpi-bin libopenmpi-dev); .ci/run installs it, so CI runs these tests");
            var start = new ProcessStartInfo(mpirun!) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { "--allow-run-as-root", "--oversubscribe", "-np", "2", "dotnet", ProbePath(), mode }) start.ArgumentList.Add(a);
            using var process = Process.Start(start)!;
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(Limit))
            {
                process.Kill(entireProcessTree: true);
                Assert.Fail($"mpirun did not finish within {Limit.TotalMinutes} minutes: {output.Result}{error.Result}");
            }
            return (process.ExitCode, output.Result, error.Result);
        }

        private static string? FindOnPath(string name) =>
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);

        /// <summary>The probe's assembly, built beside this one (tests/Alan.MpiProbe/bin/&lt;configuration&gt;/&lt;framework&gt;).</summary>
        private static string ProbePath()
        {
            var here = Path.GetDirectoryName(typeof(MpiTests).Assembly.Location)!;
            var path = Path.Combine(here.Replace(Path.Combine("tests", "Alan.Integration.Tests"), Path.Combine("tests", "Alan.MpiProbe")), "Alan.MpiProbe.dll");
            Assert.That(File.Exists(path), Is.True, $"the probe is built with this project: {path}");
            return path;
        }
    }
}
