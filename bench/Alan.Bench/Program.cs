// Alan.Bench: per-iteration time, peak memory and managed allocations of one VI / RWS (/ QEM) training
// iteration for the intro, radon and bus_breakdown models, at K = 3, 10 and 30, and of a model with a plate
// of 10,000 elements evaluated whole and with ComputationStrategy.Split (ALAN_BENCH_CHUNK overrides the chunk).
// Where the original library's figure for a configuration is known (Reference.cs), the table shows it and the ratio.
//
//   dotnet run -c Release --project bench/Alan.Bench            full run (several minutes)
//   dotnet run -c Release --project bench/Alan.Bench -- --quick  short run
//   add --thp to let libtorch back large tensors with transparent huge pages
//   (THP_MEM_ALLOC_ENABLE=1; fewer page faults for the multi-GB temporaries of radon at K = 30)
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
using TorchSharp;
using static TorchSharp.torch;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

const string Usage = "usage: Alan.Bench [--quick] [--thp]        (internal: Alan.Bench --case <intro|radon|bus|wide|wide-split> <VI|RWS|QEM> <K> [--quick])";
bool quick = args.Contains("--quick");
bool thp = args.Contains("--thp");
string[] rest = args.Where(a => a is not "--quick" and not "--thp").ToArray();
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
foreach (string method in new[] { "VI", "RWS" })
    foreach (int k in ks) configs.Add(("radon", method, k));
foreach (string method in new[] { "VI", "RWS", "QEM" })
    foreach (int k in ks) configs.Add(("bus", method, k));
// ComputationStrategy.Split on a plate of 10,000 elements: same values and gradients, memory of one chunk.
int wideK = quick ? 30 : 100;
foreach (string model in new[] { "wide", "wide-split" }) configs.Add((model, "VI", wideK));

Console.WriteLine($"Alan.Bench ({(quick ? "quick" : "full")}): per configuration {settings.Warmup} warm-up iterations, then {settings.Runs} runs x {settings.Iterations} iterations,");
Console.WriteLine($"in a fresh process; a slow configuration gets fewer iterations to stay near {settings.BudgetSeconds:F0} s (the table shows the counts).");
if (thp) Environment.SetEnvironmentVariable(Child.ThpVariable, "1");
string thpSetting = Environment.GetEnvironmentVariable(Child.ThpVariable) is { Length: > 0 } v ? $"{Child.ThpVariable}={v}" : $"{Child.ThpVariable} unset";
Console.WriteLine($"libtorch allocator: {thpSetting}{(thp ? " (--thp)" : "")}");
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
Console.WriteLine("==================== README summary ====================");
Console.WriteLine(Report.Summary(results, table, settings, quick, thp, thpSetting, $"{loadBefore} / {loadAfter}"));
Console.WriteLine("========================================================");
return failures.Count == 0 ? 0 : 1;

namespace Alan.Bench
{
    /// <summary>Runs one configuration in this process (child side) or in a new one (parent side).</summary>
    public static class Child
    {
        /// <summary>libtorch (c10) reads it: back large CPU allocations with transparent huge pages.</summary>
        public const string ThpVariable = "THP_MEM_ALLOC_ENABLE";

        private const int IntroSize = 30;
        private const int TrainZips = 150;
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
                "QEM" when model == "bus" => false,
                _ => throw new ArgumentException($"unknown method '{method}' (VI or RWS; QEM for bus)"),
            };
            using BenchCase c = model switch
            {
                "intro" => MakeIntro(vi, k),
                "radon" => MakeRadon(vi, k),
                "bus" => new BusCase(method, k),
                "wide" => new WideCase(vi, k, LearningRate, split: false),
                "wide-split" => new WideCase(vi, k, LearningRate, split: true),
                _ => throw new ArgumentException($"unknown model '{model}' (intro, radon, bus, wide or wide-split)"),
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

        private static BenchCase MakeRadon(bool vi, int k)
        {
            string dir = Path.Combine(AppContext.BaseDirectory, "data", "radon");
            Tensor Train(string file) => CsvTensor.Load(Path.Combine(dir, file)).narrow(1, 0, TrainZips).contiguous();
            var logRadon = Train("log_radon.csv");
            var sizes = new RadonProblem.PlateSizes(States: (int)logRadon.shape[0], Zips: TrainZips);
            var inputs = new RadonProblem.Inputs(Basement: Train("basement.csv"), LogU: Train("log_u.csv"));
            return new RadonCase(sizes, new RadonProblem.Observations(Obs: logRadon), inputs, vi, k, LearningRate);
        }
    }
}
