using System;
using System.Globalization;

namespace Alan.Samples.Covid
{
    /// <summary>Command-line options: --method vi|rws|qem, --k, --iterations, --lr, --seed, --plot FILE.png, --split CHUNK.</summary>
    internal sealed record Options(string Method, int K, int Iterations, double Lr, int Seed, string? Plot, int Split)
    {
        public static Options Parse(string[] args)
        {
            var o = new Options("vi", 10, 250, double.NaN, 0, null, 23);
            for (int i = 0; i < args.Length; i++)
            {
                string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option {args[i]} needs a value.");
                o = args[i] switch
                {
                    "--method" => o with { Method = Value().ToLowerInvariant() },
                    "--k" => o with { K = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--iterations" => o with { Iterations = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--lr" => o with { Lr = double.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--seed" => o with { Seed = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    "--plot" => o with { Plot = Value() },
                    "--split" => o with { Split = int.Parse(Value(), CultureInfo.InvariantCulture) },
                    _ => throw new ArgumentException($"Unknown option '{args[i]}'. Options: --method vi|rws|qem, --k N, --iterations N, --lr X, --seed N, --plot FILE.png, --split CHUNK."),
                };
            }
            if (o.Method != "vi" && o.Method != "rws" && o.Method != "qem") throw new ArgumentException($"--method must be vi, rws or qem, got '{o.Method}'.");
            if (o.K < 1 || o.Iterations < 1 || o.Split < 1) throw new ArgumentException("--k, --iterations and --split must be at least 1.");
            // Learning rates: Adam for VI/RWS, the moving-average weight for QEM.
            if (double.IsNaN(o.Lr)) o = o with { Lr = o.Method == "qem" ? 0.1 : 0.03 };
            return o;
        }
    }
}
