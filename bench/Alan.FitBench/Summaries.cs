using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Alan.FitBench
{
    /// <summary>One element's posterior mean and sd, labelled as <see cref="PosteriorSummaryRow.Label"/> (0-based, e.g. <c>Alpha[0, 2]</c>).</summary>
    public sealed record ParameterSummary(
        [property: JsonPropertyName("name")] string Name,
        [property: JsonPropertyName("mean")] double Mean,
        [property: JsonPropertyName("sd")] double Sd);

    /// <summary>
    /// What bench/stan/run_nuts.R writes for one NUTS run (the benchmark run or the long reference run): its settings,
    /// the compile time (wall), the sampling time (Stan's own, the process's CPU time, warm-up included) and the wall
    /// time of the sampling call, sampler diagnostics and every parameter's mean and sd.
    /// </summary>
    public sealed record NutsRun(
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("chains")] int Chains,
        [property: JsonPropertyName("warmup")] int Warmup,
        [property: JsonPropertyName("draws")] int Draws,
        [property: JsonPropertyName("compile_seconds")] double CompileSeconds,
        [property: JsonPropertyName("sampling_seconds")] double SamplingSeconds,
        [property: JsonPropertyName("sampling_wall_seconds")] double SamplingWallSeconds,
        [property: JsonPropertyName("divergences")] int Divergences,
        [property: JsonPropertyName("max_rhat")] double? MaxRhat,
        [property: JsonPropertyName("min_n_eff")] double? MinNEff,
        [property: JsonPropertyName("parameters")] IReadOnlyList<ParameterSummary> Parameters)
    {
        public static NutsRun Read(string path) =>
            JsonSerializer.Deserialize<NutsRun>(File.ReadAllText(path))
            ?? throw new FormatException($"{path}: not a NUTS run summary.");
    }

    /// <summary>One <c>Fit()</c> of a model: what training did, the verdict, its CPU and wall times and every element's mean and sd.</summary>
    public sealed record AlanFit(
        [property: JsonPropertyName("model")] string Model,
        [property: JsonPropertyName("method")] string Method,
        [property: JsonPropertyName("k")] int K,
        [property: JsonPropertyName("iterations")] int Iterations,
        [property: JsonPropertyName("converged")] bool Converged,
        [property: JsonPropertyName("pareto_k")] double ParetoK,
        [property: JsonPropertyName("reliable")] bool Reliable,
        [property: JsonPropertyName("cpu_seconds")] double CpuSeconds,
        [property: JsonPropertyName("wall_seconds")] double WallSeconds,
        [property: JsonPropertyName("parameters")] IReadOnlyList<ParameterSummary> Parameters)
    {
        // A Pareto k-hat can be infinite (every weight but one negligible): written as "Infinity".
        private static readonly JsonSerializerOptions Json = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

        public static AlanFit Read(string path) =>
            JsonSerializer.Deserialize<AlanFit>(File.ReadAllText(path), Json)
            ?? throw new FormatException($"{path}: not a Fit summary.");

        public string ToJson() => JsonSerializer.Serialize(this, Json);

        public static AlanFit? TryParse(string line)
        {
            if (!line.StartsWith("{\"model\"", StringComparison.Ordinal)) return null;
            return JsonSerializer.Deserialize<AlanFit>(line, Json);
        }
    }

    /// <summary>
    /// How far a run's posterior summary is from the reference, over every element the reference has: the largest
    /// |mean - reference mean| / reference sd, and the smallest and largest sd / reference sd. Elements whose reference
    /// sd is 0 are left out (<see cref="Elements"/> counts those compared).
    /// </summary>
    public sealed record Accuracy(double MaxMeanError, string WorstMean, double MinSdRatio, double MaxSdRatio, int Elements)
    {
        public static Accuracy Of(IReadOnlyList<ParameterSummary> run, IReadOnlyList<ParameterSummary> reference, string what)
        {
            var byName = run.GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.First());
            double maxError = 0, minRatio = double.PositiveInfinity, maxRatio = 0;
            string worst = "";
            int compared = 0;
            foreach (var r in reference)
            {
                if (!byName.TryGetValue(r.Name, out var p))
                    throw new ArgumentException($"{what}: the reference has '{r.Name}', the run does not (run has {run.Count} elements, e.g. {string.Join(", ", run.Take(3).Select(x => x.Name))}).");
                if (double.IsNaN(r.Sd) || r.Sd < 0) throw new ArgumentException($"{what}: the reference sd of '{r.Name}' is {r.Sd}; it must be a number of at least 0.");
                // A reference sd of 0 (every reference draw equal: a discrete state the data settles) measures nothing.
                if (r.Sd == 0) continue;
                compared++;
                double error = Math.Abs(p.Mean - r.Mean) / r.Sd;
                if (!(error <= maxError)) { maxError = error; worst = r.Name; }
                double ratio = p.Sd / r.Sd;
                minRatio = Math.Min(minRatio, ratio);
                maxRatio = Math.Max(maxRatio, ratio);
            }
            return new Accuracy(maxError, worst, minRatio, maxRatio, compared);
        }
    }
}
