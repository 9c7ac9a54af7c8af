// Alan.FitBench: the fit table. For each model, the time of problem.Fit() with its defaults on one torch thread,
// its accuracy against a long Stan NUTS reference run, and Stan NUTS's own time and accuracy on the same model and
// data (bench/stan/run_nuts.R writes the NUTS runs). docs/benchmarks-fit.md has the table and the commands.
//
//   dotnet run -c Release --project bench/Alan.FitBench -- export-data         the samples' data for Stan (bench/stan/data)
//   dotnet run -c Release --project bench/Alan.FitBench -- fit                 Fit every model, one child process each
//   dotnet run -c Release --project bench/Alan.FitBench -- fit --only radon,chimpanzees --timeout 600
//   dotnet run -c Release --project bench/Alan.FitBench -- table               the table from the stored runs
//
// Paths are relative to the repository root (run it from there); --dir points elsewhere than bench/stan.
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using Alan.FitBench;

CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
const string Usage =
    "usage: Alan.FitBench export-data | fit [--only model,model...] [--timeout seconds] | table        [--dir bench/stan]\n" +
    "       (internal: Alan.FitBench --case <model>)";

try
{
    var options = Options.Parse(args);
    switch (options.Command)
    {
        case "--case":
            Console.WriteLine(FitCase.Run(FitModels.Find(options.Model!)).ToJson());
            return 0;
        case "export-data":
            Directory.CreateDirectory(Path.Combine(options.Directory, "data"));
            foreach (var model in FitModels.All.Where(m => m.StanData is not null))
            {
                string path = Path.Combine(options.Directory, "data", model.Name + ".json");
                StanJson.Write(path, model.StanData!());
                Console.WriteLine($"wrote {path}");
            }
            return 0;
        case "fit":
            return Fit(options);
        case "table":
            Console.WriteLine(FitTable.Markdown(options.Directory, FitModels.All.Select(m => m.Name).Concat(FitTable.StanOnlyModels(options.Directory)).Distinct().ToList()));
            return 0;
        default:
            Console.WriteLine(Usage);
            return options.Command is "--help" or "-h" ? 0 : 2;
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}\n{Usage}");
    return 2;
}

static int Fit(Options options)
{
    var models = options.Only is null ? FitModels.All : options.Only.Select(FitModels.Find).ToList();
    Directory.CreateDirectory(Path.Combine(options.Directory, "alan"));
    Console.WriteLine(Machine.Describe());
    int failures = 0;
    foreach (var model in models)
    {
        Console.WriteLine($"{model.Name}: Fit() ...");
        var (fit, error) = FitCase.Spawn(model.Name, options.TimeoutSeconds);
        string path = Path.Combine(options.Directory, "alan", model.Name + ".json");
        if (fit is null)
        {
            failures++;
            Console.WriteLine($"{model.Name}: FAILED: {error}");
            File.WriteAllText(Path.Combine(options.Directory, "alan", model.Name + ".failed.txt"), $"{DateTime.UtcNow:u}: {error}\n{Machine.Describe()}\n");
            continue;
        }
        File.Delete(Path.Combine(options.Directory, "alan", model.Name + ".failed.txt"));
        File.WriteAllText(path, fit.ToJson());
        Console.WriteLine($"{model.Name}: {fit.Method} K={fit.K} {fit.Iterations} iterations, converged {fit.Converged}, Pareto k {fit.ParetoK:F2}, CPU {fit.CpuSeconds:F1} s, wall {fit.WallSeconds:F1} s -> {path}");
    }
    Console.WriteLine(Machine.LoadAverage());
    Console.WriteLine();
    Console.WriteLine(FitTable.Markdown(options.Directory, models.Select(m => m.Name).ToList()));
    return failures == 0 ? 0 : 1;
}

/// <summary>The command line: a command, then --only, --timeout and --dir.</summary>
internal sealed record Options(string Command, string? Model, IReadOnlyList<string>? Only, int TimeoutSeconds, string Directory)
{
    public static Options Parse(string[] args)
    {
        if (args.Length == 0) return new Options("--help", null, null, 0, "");
        string command = args[0];
        string? model = null;
        IReadOnlyList<string>? only = null;
        int timeout = 900;
        string directory = Path.Combine("bench", "stan");
        int i = 1;
        if (command == "--case")
        {
            if (args.Length < 2) throw new ArgumentException("--case needs a model name.");
            model = args[1];
            i = 2;
        }
        for (; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--only": only = Value().Split(',', StringSplitOptions.RemoveEmptyEntries); break;
                case "--timeout":
                    string t = Value();
                    if (!int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out timeout) || timeout < 1)
                        throw new ArgumentException($"--timeout must be a whole number of seconds of at least 1, got '{t}'.");
                    break;
                case "--dir": directory = Value(); break;
                default: throw new ArgumentException($"unknown argument '{args[i]}'.");
            }
        }
        return new Options(command, model, only, timeout, directory);
    }
}
