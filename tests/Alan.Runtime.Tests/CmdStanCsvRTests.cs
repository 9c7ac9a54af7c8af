using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using NUnit.Framework;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// The CmdStan CSV files as R reads them: rstan's <c>read_stan_csv</c> and the <c>posterior</c> package (Debian:
    /// r-cran-rstan, r-cran-posterior; .ci/run installs them). Where Rscript or the package is missing the test is
    /// ignored with the reason. R's means are compared with the means of the written draws computed here, to 1e-12 of
    /// the spread (R sums in long double, this test in double: the sums differ in the last bits only).
    /// </summary>
    [TestFixture, Category("R")]
    public class CmdStanCsvRTests
    {
        private const int Draws = 200;
        private string _folder = "";
        private TorchSharp.torch.Tensor _mu = null!, _theta = null!, _z = null!;

        [OneTimeSetUp]
        public void WriteDraws()
        {
            _folder = Path.Combine(Path.GetTempPath(), "alan-cmdstan-r-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(_folder);
            var generator = new TorchSharp.torch.Generator(0).manual_seed(7);
            _mu = randn(Draws, dtype: ScalarType.Float64, generator: generator) + 3.0;
            _theta = randn(new long[] { Draws, 4 }, dtype: ScalarType.Float64, generator: generator).exp();
            // Z's element (i, j) has mean 10 i + j, so a transposed or shifted reading gives other means.
            var offsets = (arange(2, dtype: ScalarType.Float64).reshape(2, 1) * 10 + arange(3, dtype: ScalarType.Float64)).unsqueeze(0);
            _z = randn(new long[] { Draws, 2, 3 }, dtype: ScalarType.Float64, generator: generator) * 0.01 + offsets;
            CmdStanCsv.Write(CsvPath, new[] { ("Mu", _mu), ("Theta", _theta), ("Z", _z) }, "RCheck",
                new DrawsOrigin("a test", ParetoK: 0.25, LogEvidence: -3.5));
        }

        [OneTimeTearDown]
        public void DeleteFolder()
        {
            if (_folder.Length > 0 && Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
        }

        private string CsvPath => Path.Combine(_folder, "rcheck.csv");

        /// <summary>The expected mean of each parameter, under rstan's names (Theta[1], Z[1,2]), computed from the tensors.</summary>
        private Dictionary<string, double> ExpectedMeans()
        {
            var means = new Dictionary<string, double> { ["Mu"] = _mu.mean().item<double>(), ["lp__"] = 0.0 };
            for (int i = 0; i < 4; i++) means[$"Theta[{i + 1}]"] = _theta.select(1, i).mean().item<double>();
            for (int i = 0; i < 2; i++)
                for (int j = 0; j < 3; j++) means[$"Z[{i + 1},{j + 1}]"] = _z.select(1, i).select(1, j).mean().item<double>();
            return means;
        }

        [Test]
        public void Rstan_ReadStanCsv_ReadsEveryColumnUnderItsIndexedName_WithTheSameMeans()
        {
            RequireRPackage("rstan");
            var output = RunR("""
                suppressPackageStartupMessages(library(rstan))
                options(warn = 2)  # any warning but the one below fails the test
                fit <- withCallingHandlers(read_stan_csv(commandArgs(TRUE)[1]), warning = function(w)
                  if (grepl("Elapsed Time", conditionMessage(w))) invokeRestart("muffleWarning"))
                m <- as.matrix(fit)
                cat(sprintf("mean:%s=%.17g\n", colnames(m), colMeans(m)), sep = "")
                cat(sprintf("dims:%s=%s\n", names(fit@par_dims), sapply(fit@par_dims, function(d) paste(d, collapse = "x"))), sep = "")
                cat(sprintf("chains=%d\nsampler=%s\n", fit@sim$chains, fit@stan_args[[1]]$algorithm), sep = "")
                cat(sprintf("pareto_k=%s\n", fit@stan_args[[1]]$pareto_k))
                """);
            var dims = Values(output, "dims:");
            Assert.That(dims, Is.EqualTo(new Dictionary<string, string> { ["Mu"] = "", ["Theta"] = "4", ["Z"] = "2x3", ["lp__"] = "" }));
            AssertMeans(Values(output, "mean:"));
            Assert.That(Values(output, "")["chains"], Is.EqualTo("1"));
            Assert.That(Values(output, "")["sampler"], Is.EqualTo("fixed_param"));
            Assert.That(Values(output, "")["pareto_k"], Is.EqualTo("0.25"), "the Pareto k-hat is one of the run's settings");
        }

        [Test]
        public void Posterior_SummariseDraws_OfTheRstanFit_GivesTheSameMeans()
        {
            RequireRPackage("rstan");
            RequireRPackage("posterior");
            var output = RunR("""
                suppressPackageStartupMessages({ library(rstan); library(posterior) })
                fit <- suppressWarnings(read_stan_csv(commandArgs(TRUE)[1]))  # rstan's warnings: see the rstan test
                options(warn = 2)
                d <- as_draws_array(as.array(fit))
                s <- summarise_draws(d, "mean")
                cat(sprintf("mean:%s=%.17g\n", s$variable, s$mean), sep = "")
                cat(sprintf("draws=%d\nchains=%d\n", ndraws(d), nchains(d)), sep = "")
                """);
            AssertMeans(Values(output, "mean:"));
            Assert.That(Values(output, "")["draws"], Is.EqualTo(Draws.ToString(CultureInfo.InvariantCulture)));
            Assert.That(Values(output, "")["chains"], Is.EqualTo("1"));
        }

        private void AssertMeans(Dictionary<string, string> printed)
        {
            var expected = ExpectedMeans();
            Assert.That(printed.Keys, Is.EquivalentTo(expected.Keys));
            Assert.Multiple(() =>
            {
                foreach (var (name, mean) in expected)
                {
                    double r = double.Parse(printed[name], CultureInfo.InvariantCulture);
                    Assert.That(r, Is.EqualTo(mean).Within(1e-12 * (Math.Abs(mean) + 1)), name);
                }
            });
        }

        /// <summary>The "key=value" lines of <paramref name="output"/> whose key starts with <paramref name="prefix"/>, prefix removed.</summary>
        private static Dictionary<string, string> Values(string output, string prefix) =>
            output.Split('\n').Select(l => l.TrimEnd('\r'))
                .Where(l => l.StartsWith(prefix, StringComparison.Ordinal) && l.Contains('=') && (prefix.Length > 0 || !l.Contains(':')))
                .Select(l => l.Substring(prefix.Length))
                .ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);

        /// <summary>Ignores the test, saying why, unless Rscript runs and <paramref name="package"/> loads.</summary>
        private static void RequireRPackage(string package)
        {
            var (exitCode, output) = Rscript(new[] { "-e", $"suppressPackageStartupMessages(library({package}))" }, TimeSpan.FromMinutes(2));
            if (exitCode == null) Assert.Ignore($"Rscript is not installed (Debian: apt-get install r-cran-{package}); .ci/run installs it.");
            if (exitCode != 0) Assert.Ignore($"R package '{package}' does not load (Debian: apt-get install r-cran-{package}); .ci/run installs it:\n{output}");
        }

        /// <summary>Runs <paramref name="script"/> with the CSV path as its argument; fails the test when R fails.</summary>
        private string RunR(string script)
        {
            string file = Path.Combine(_folder, "check.R");
            File.WriteAllText(file, script);
            var (exitCode, output) = Rscript(new[] { "--vanilla", file, CsvPath }, TimeSpan.FromMinutes(3));
            Assert.That(exitCode, Is.Zero, "Rscript failed:\n" + output);
            TestContext.Out.WriteLine(output);
            return output;
        }

        /// <summary>Runs Rscript; a null exit code when it is not installed.</summary>
        private static (int? ExitCode, string Output) Rscript(string[] arguments, TimeSpan timeout)
        {
            var start = new ProcessStartInfo("Rscript") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (string a in arguments) start.ArgumentList.Add(a);
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                return (null, "");
            }
            using (process)
            {
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(timeout))
                {
                    process.Kill(entireProcessTree: true);
                    Assert.Fail($"Rscript {string.Join(" ", arguments)} did not finish within {timeout.TotalMinutes} minutes.");
                }
                process.WaitForExit();
                return (process.ExitCode, stdout.Result + stderr.Result);
            }
        }
    }
}
