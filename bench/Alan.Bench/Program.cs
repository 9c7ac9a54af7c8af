// Alan.Bench: per-iteration time, peak memory and managed allocations of one VI / RWS / QEM training
// iteration for the intro, radon, bus_breakdown, chimpanzees, occupancy (no VI: discrete latent) and MovieLens
// models at K = 3, 10 and 30, covid at K = 3 and 10, and a model with a plate of 10,000 elements evaluated whole
// and with ComputationStrategy.Split (ALAN_BENCH_CHUNK overrides the chunk). --quick runs K = 3 and 10 only.
// Where the original library's figure for a configuration is known (Reference.cs), the table shows it and the ratio.
//
//   dotnet run -c Release --project bench/Alan.Bench            full run (several minutes)
//   dotnet run -c Release --project bench/Alan.Bench -- --quick  short run
//   add --only radon,covid to run only those models
//   add --system-heap to run without the native heap set-up of the generated module initializer
//   (ALAN_NATIVE_HEAP=system: malloc and libtorch's allocator as the process found them)
//
// Each configuration runs in its own child process (this program with --case), so that the
// process's peak working set is the peak of that configuration alone.
using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using Alan.Bench;
using Alan.CompilerServices.Memory;
using TorchSharp;
using static TorchSharp.torch;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

const string Usage = "usage: Alan.Bench [--quick] [--system-heap] [--only model,model...]        (internal: Alan.Bench --case <model> <VI|RWS|QEM> <K> [--quick])";
bool quick = args.Contains("--quick");
bool systemHeap = args.Contains("--system-heap");
int onlyAt = Array.IndexOf(args, "--only");
string[]? only = onlyAt >= 0 && onlyAt + 1 < args.Length ? args[onlyAt + 1].Split(',', StringSplitOptions.RemoveEmptyEntries) : null;
string[] rest = args.Where((a, i) => a is not "--quick" and not "--system-heap" && (onlyAt < 0 || (i != onlyAt && i != onlyAt + 1))).ToArray();
Settings settings = quick ? Settings.Quick : Settings.Full;

if (rest.Length == 4 && rest[0] == "--case")
    return Child.Run(rest[1], rest[2], int.Parse(rest[3], CultureInfo.InvariantCulture), settings);
if (rest.Length > 0)
{
    Console.Error.WriteLine(rest[0] is "--help" or "-h" ? Usage : $"unknown arguments '{string.Join(' ', rest)}'\n{Usage}");
    return rest[0] is "--help" or "-h" ? 0 : 2;
}

// ---- parent: one child process per configuration ---------------------------------------------
int[] ks = { 3, 10, 30 };
var configs = new List<(string Model, string Method, int K)>();
foreach (string method in new[] { "VI", "RWS" })
    foreach (int k in ks) configs.Add(("intro", method, k));
// radon's observation plate is summed through its statistics: K^4 x 4 elements, not K^4 x 4 x 150.
foreach (string method in new[] { "VI", "RWS", "QEM" })
    foreach (int k in ks) configs.Add(("radon", method, k));
foreach (string method in new[] { "VI", "RWS", "QEM" })
    foreach (int k in ks) configs.Add(("bus", method, k));
// The field's other benchmark models, through their samples' training step (quick: K = 3 and 10).
int[] sampleKs = quick ? new[] { 3, 10 } : ks;
foreach (string model in new[] { "chimpanzees", "occupancy", "movielens" })
    foreach (string method in new[] { "VI", "RWS", "QEM" })
        if (!(model == "occupancy" && method == "VI"))
            foreach (int k in sampleKs) configs.Add((model, method, k));
foreach (string method in new[] { "VI", "RWS", "QEM" })
    foreach (int k in new[] { 3, 10 }) configs.Add(("covid", method, k));
// ComputationStrategy.Split on a plate of 10,000 elements: same values and gradients, memory of one chunk.
int wideK = quick ? 30 : 100;
foreach (string model in new[] { "wide", "wide-split" }) configs.Add((model, "VI", wideK));

if (only is not null)
{
    var unknown = only.Where(m => configs.All(c => c.Model != m)).ToArray();
    if (unknown.Length > 0)
    {
        Console.Error.WriteLine($"--only: unknown model(s) {string.Join(", ", unknown)}; models: {string.Join(", ", configs.Select(c => c.Model).Distinct())}");
        return 2;
    }
    configs = configs.Where(c => only.Contains(c.Model)).ToList();
}
Console.WriteLine($"Alan.Bench ({(quick ? "quick" : "full")}): per configuration {settings.Warmup} warm-up iterations, then {settings.Runs} runs x {settings.Iterations} iterations,");
Console.WriteLine($"in a fresh process; a slow configuration gets fewer iterations to stay near {settings.BudgetSeconds:F0} s (the table shows the counts).");
if (systemHeap) Environment.SetEnvironmentVariable(NativeMemorySetup.OptOutVariable, "system");
string heapSetting = systemHeap
    ? $"{NativeMemorySetup.OptOutVariable}=system (malloc and libtorch's allocator as the process found them)"
    : "reuse (the generated module initializer: malloc keeps freed blocks, libtorch uses transparent huge pages)";
Console.WriteLine($"native heap: {heapSetting}");
Console.WriteLine(Machine.Describe());
Console.WriteLine();

string loadBefore = Machine.LoadAverage();
var total = Stopwatch.StartNew();
var results = new List<Result>();
var failures = new List<string>();
foreach (var (model, method, k) in configs)
{
    var (result, error) = Child.Spawn(model, method, k, quick);
    if (result is null)
    {
        failures.Add($"{model} {method} K={k}: {error}");
        Console.WriteLine($"  {model,-6} {method,-4} K={k,-3} FAILED: {error}");
        continue;
    }
    results.Add(result);
    Console.WriteLine($"  {model,-6} {method,-4} K={k,-3} {result.MsPerIter,10:F3} ms/iter (runs {result.MinRunMs:F3}..{result.MaxRunMs:F3}," +
                      $" {result.Warmup} + {result.Runs}x{result.Iterations} it)  peak {result.PeakMB,6:F0} MB  {result.ManagedBytesPerIter,7:F0} B/iter");
}
string loadAfter = Machine.LoadAverage();
Console.WriteLine($"total {total.Elapsed.TotalSeconds:F0} s; load average (1/5/15 min) before / after: {loadBefore} / {loadAfter}");
Console.WriteLine();

string table = Report.Table(results);
Console.WriteLine(table);
Console.WriteLine();
Console.WriteLine(Report.ManagedGrowth(results));
foreach (string f in failures) Console.WriteLine($"FAILED {f}");
Console.WriteLine();
Console.WriteLine("======== summary for docs/benchmarks.md ========");
Console.WriteLine(Report.Summary(results, table, settings, quick, heapSetting, $"{loadBefore} / {loadAfter}", only));
Console.WriteLine("================================================");
return failures.Count == 0 ? 0 : 1;

namespace Alan.Bench
{
    /// <summary>Runs one configuration in this process (child side) or in a new one (parent side).</summary>
    public static class Child
    {
        private const int IntroSize = 30;
        private const double LearningRate = 0.01;

        public static int Run(string model, string method, int k, Settings settings)
        {
            torch.manual_seed(0);
            if (Environment.GetEnvironmentVariable("ALAN_BENCH_THREADS") is { Length: > 0 } threads)
                torch.set_num_threads(int.Parse(threads, CultureInfo.InvariantCulture));
            bool vi = method switch
            {
                "VI" => true,
                "RWS" => false,
                "QEM" when model is not ("intro" or "wide" or "wide-split") => false,
                _ => throw new ArgumentException($"unknown method '{method}' (VI or RWS; QEM for bus and the sample models)"),
            };
            using BenchCase c = model switch
            {
                "intro" => MakeIntro(vi, k),
                "radon" => SampleCases.Radon(method, k),
                "bus" => new BusCase(method, k),
                "wide" => new WideCase(vi, k, LearningRate, split: false),
                "wide-split" => new WideCase(vi, k, LearningRate, split: true),
                "chimpanzees" => SampleCases.Chimpanzees(method, k),
                "occupancy" => SampleCases.Occupancy(method, k),
                "movielens" => SampleCases.MovieLens(method, k),
                "covid" => SampleCases.Covid(method, k),
                _ => throw new ArgumentException($"unknown model '{model}' (intro, radon, bus, wide, wide-split, chimpanzees, occupancy, movielens or covid)"),
            };
            Console.WriteLine(Harness.Measure(c, settings).Serialize());
            return 0;
        }

        /// <summary>Runs this program with <c>--case</c>; returns its result, or why it failed.</summary>
        public static (Result? Result, string Error) Spawn(string model, string method, int k, bool quick)
        {
            var psi = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
            {
                RedirectStandardOutput = true,
                UseShellExecute = false,
            };
            if (Path.GetFileNameWithoutExtension(psi.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
                psi.ArgumentList.Add(Assembly.GetEntryAssembly()!.Location);
            foreach (string a in new[] { "--case", model, method, k.ToString(CultureInfo.InvariantCulture) })
                psi.ArgumentList.Add(a);
            if (quick) psi.ArgumentList.Add("--quick");

            using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start a child process");
            Result? result = null;
            string? line;
            while ((line = process.StandardOutput.ReadLine()) is not null)
            {
                var parsed = Result.TryParse(line);
                if (parsed is not null) result = parsed;
                else Console.WriteLine($"    | {line}");
            }
            process.WaitForExit();
            if (process.ExitCode != 0) return (null, $"child process exited with code {process.ExitCode}");
            return result is null ? (null, "child process printed no result") : (result, "");
        }

        private static BenchCase MakeIntro(bool vi, int k)
        {
            var sizes = new IntroProblem.PlateSizes(P1: IntroSize);
            var observations = new IntroProblem.Observations(Obs: IntroProblem.SamplePrior(sizes).Obs);
            return new IntroCase(sizes, observations, vi, k, LearningRate);
        }

    }
}
