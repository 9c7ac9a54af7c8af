using System;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using TorchSharp;

namespace Alan.FitBench
{
    /// <summary>One model's <c>Fit()</c>: run in this process (child side), or in a child process with a time limit (parent side).</summary>
    public static class FitCase
    {
        /// <summary>
        /// Fits <paramref name="model"/> with Fit's defaults (the seed fixed at 0 so that a rerun reproduces it) on one
        /// torch thread. The times are those of the <c>Fit</c> call alone (data loading and problem construction are
        /// outside them, as Stan's compile time is outside its sampling time): the process's CPU time, which is what
        /// Stan's own sampling time measures, and the wall time.
        /// </summary>
        public static AlanFit Run(FitModel model)
        {
            torch.set_num_threads(1);
            using IInferenceProblem problem = model.Problem();
            using var process = Process.GetCurrentProcess();
            TimeSpan cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var fit = problem.Fit(new FitOptions { Seed = 0 });
            double wallSeconds = clock.Elapsed.TotalSeconds;
            process.Refresh();
            double cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            var parameters = fit.Summary().Select(r => new ParameterSummary(r.Label, r.Mean, r.Sd)).ToList();
            return new AlanFit(model.Name, fit.Method.ToString().ToUpperInvariant(), fit.K, fit.Iterations, fit.Converged, fit.ParetoK,
                               fit.IsReliable, cpuSeconds, wallSeconds, parameters);
        }

        /// <summary>
        /// Runs this program with <c>--case</c> for <paramref name="model"/>, one torch and OpenMP thread, killed after
        /// <paramref name="timeoutSeconds"/>; returns its fit, or why there is none.
        /// </summary>
        public static (AlanFit? Fit, string Error) Spawn(string model, int timeoutSeconds)
        {
            var psi = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
            if (Path.GetFileNameWithoutExtension(psi.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
                psi.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
            psi.ArgumentList.Add("--case");
            psi.ArgumentList.Add(model);
            psi.Environment["OMP_NUM_THREADS"] = "1";
            psi.Environment["MKL_NUM_THREADS"] = "1";

            using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start a child process");
            AlanFit? fit = null;
            process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null) return;
                var parsed = AlanFit.TryParse(e.Data);
                if (parsed is not null) fit = parsed;
                else Console.WriteLine($"    | {e.Data}");
            };
            process.BeginOutputReadLine();
            if (!process.WaitForExit(timeoutSeconds * 1000))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                return (null, $"did not finish in {timeoutSeconds.ToString(CultureInfo.InvariantCulture)} s");
            }
            process.WaitForExit();
            // 137 = 128 + SIGKILL: on Linux, from outside the program, usually the kernel's out-of-memory killer.
            if (process.ExitCode == 137) return (null, "killed (SIGKILL, exit code 137: on Linux usually out of memory)");
            if (process.ExitCode != 0) return (null, $"child process exited with code {process.ExitCode}");
            return fit is null ? (null, "child process printed no result") : (fit, "");
        }
    }
}
