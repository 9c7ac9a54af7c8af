using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Alan.Samples.Common
{
    /// <summary>The training method: VI (pathwise ELBO gradient), RWS (reweighted wake-sleep) or QEM (moment matching).</summary>
    public enum Method { Vi, Rws, Qem }

    /// <summary>A sample's defaults: the original experiment's K, iteration count and learning rate per method.</summary>
    /// <param name="Model">The model's name as printed in the result line.</param>
    /// <param name="LearningRates">The default learning rate of every supported method (a method absent here is refused).</param>
    public sealed record SampleDefaults(string Model, IReadOnlyDictionary<Method, double> LearningRates, int K = 30, int Iterations = 250,
                                       Method Method = Method.Rws, string? UnsupportedReason = null);

    /// <summary>
    /// Command-line options shared by the samples: <c>--method vi|rws|qem --k K --iterations N --lr X --seed S
    /// --plot FILE.png --data DIR --eval-draws N --fit</c>. With <c>--fit</c> the sample calls the library's
    /// <c>Fit</c> instead of its fixed training loop: <see cref="Fit"/> holds the options given on the command line
    /// (the others are Fit's defaults).
    /// </summary>
    public sealed record SampleOptions(string Model, Method Method, int K, int Iterations, double LearningRate, long Seed,
                                       string? PlotPath, string? DataDirectory, int EvalDraws, FitOptions? Fit = null)
    {
        /// <summary>How many importance samples the predictive log-likelihood uses unless <c>--eval-draws</c> says otherwise.</summary>
        public const int DefaultEvalDraws = 100;

        public static string Usage(SampleDefaults d) =>
            $"options: --method {string.Join("|", d.LearningRates.Keys.Select(Name))} (default {Name(d.Method)}), --k K (default {d.K}), " +
            $"--iterations N (default {d.Iterations}), --lr X (default per method: " +
            string.Join(", ", d.LearningRates.Select(kv => $"{Name(kv.Key)} {kv.Value.ToString(CultureInfo.InvariantCulture)}")) +
            "), --seed S (default 0), --plot FILE.png, --data DIR, --eval-draws N (importance samples for the predictive log-likelihood, " +
            $"default {DefaultEvalDraws}), --fit (train with the library's Fit: method, K, iterations and learning rate are Fit's defaults unless given)";

        /// <summary>Parses <paramref name="args"/>; throws <see cref="ArgumentException"/> with the usage on bad input.</summary>
        public static SampleOptions Parse(string[] args, SampleDefaults defaults)
        {
            Method method = defaults.Method;
            bool methodGiven = false, fit = false;
            int? k = null, iterations = null, evalDraws = null;
            double? lr = null;
            long seed = 0;
            string? plot = null, data = null;
            for (int i = 0; i < args.Length; i++)
            {
                string flag = args[i];
                string Value() => i + 1 < args.Length ? args[++i] : throw Bad($"{flag} needs a value.");
                switch (flag)
                {
                    case "--method": method = ParseMethod(Value(), defaults); methodGiven = true; break;
                    case "--fit": fit = true; break;
                    case "--k": k = PositiveInt(flag, Value()); break;
                    case "--iterations": iterations = PositiveInt(flag, Value()); break;
                    case "--lr": lr = PositiveDouble(flag, Value()); break;
                    case "--seed": seed = long.TryParse(Value(), NumberStyles.Integer, CultureInfo.InvariantCulture, out long s) ? s : throw Bad("--seed needs an integer."); break;
                    case "--plot": plot = Value(); break;
                    case "--data": data = Value(); break;
                    case "--eval-draws": evalDraws = PositiveInt(flag, Value()); break;
                    default: throw Bad($"unknown option '{flag}'.");
                }
            }
            if (!defaults.LearningRates.TryGetValue(method, out double defaultLr))
                throw Bad($"model {defaults.Model} does not support --method {Name(method)}" +
                          (defaults.UnsupportedReason is null ? "." : $": {defaults.UnsupportedReason}"));
            if (fit && plot is not null) throw Bad("--plot draws the fixed training loop's curves; it does not combine with --fit.");
            if (fit && (seed < int.MinValue || seed > int.MaxValue)) throw Bad("--seed with --fit needs a 32-bit integer.");
            var fitOptions = !fit ? null : new FitOptions
            {
                Seed = (int)seed,
                K = k,
                MaxIterations = iterations,
                LearningRate = lr,
                Method = !methodGiven ? FitMethod.Auto : method switch { Method.Vi => FitMethod.Vi, Method.Rws => FitMethod.Rws, _ => FitMethod.Qem },
            };
            return new SampleOptions(defaults.Model, method, k ?? defaults.K, iterations ?? defaults.Iterations, lr ?? defaultLr, seed, plot, data,
                                     evalDraws ?? DefaultEvalDraws, fitOptions);

            ArgumentException Bad(string message) => new($"{message}\n{Usage(defaults)}");

            static int PositiveInt(string flag, string text) =>
                int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0
                    ? v : throw new ArgumentException($"{flag} needs a positive integer, got '{text}'.");

            static double PositiveDouble(string flag, string text) =>
                double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v > 0 && double.IsFinite(v)
                    ? v : throw new ArgumentException($"{flag} needs a positive number, got '{text}'.");
        }

        /// <summary>The method's command-line spelling.</summary>
        public static string Name(Method method) => method.ToString().ToLowerInvariant();

        private static Method ParseMethod(string text, SampleDefaults defaults) => text.ToLowerInvariant() switch
        {
            "vi" => Method.Vi,
            "rws" => Method.Rws,
            "qem" => Method.Qem,
            _ => throw new ArgumentException($"--method must be vi, rws or qem, got '{text}'.\n{Usage(defaults)}"),
        };
    }
}
