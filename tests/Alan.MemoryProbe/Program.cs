using System;
using System.Globalization;
using System.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.MemoryProbe
{
    /// <summary>
    /// Runs one call of <see cref="HierarchyProblem"/> and prints how it ended and the peak resident set size of the
    /// process. Arguments: items, K, dtype (float32 or float64), call (train, moments, draws), and optionally the plate
    /// chunk size of a <c>ComputationStrategy.Split("Items", n)</c>. Output, one line each:
    /// <c>completed</c>, or <c>refused: message</c> (an <see cref="InsufficientMemoryException"/>), then
    /// <c>VmHWM: kB</c>. Any other exception ends the program with exit code 1.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length < 4)
            {
                Console.Error.WriteLine("usage: Alan.MemoryProbe items K float32|float64 train|moments|draws [split]");
                return 2;
            }
            int items = int.Parse(args[0], CultureInfo.InvariantCulture);
            int k = int.Parse(args[1], CultureInfo.InvariantCulture);
            var dtype = args[2] == "float32" ? ScalarType.Float32 : ScalarType.Float64;
            string call = args[3];
            ComputationStrategy? strategy = args.Length > 4 ? ComputationStrategy.Split("Items", int.Parse(args[4], CultureInfo.InvariantCulture)) : null;
            torch.set_num_threads(1);
            torch.manual_seed(1);
            var sizes = new HierarchyProblem.PlateSizes(Items: items);
            var observations = new HierarchyProblem.Observations(Obs: torch.randn(items, dtype: dtype));
            var problem = new HierarchyProblem(sizes, observations, dtype);
            try
            {
                using var sample = problem.Sample(K: k);
                switch (call)
                {
                    case "train":
                        var elbo = sample.ElboVi(strategy);
                        (-elbo).backward();
                        break;
                    case "moments":
                        using (torch.no_grad()) sample.Moments(strategy).Mu.Mean.item<double>();
                        break;
                    case "draws":
                        sample.ImportanceSample(1000, strategy);
                        break;
                    default:
                        Console.Error.WriteLine($"unknown call '{call}'");
                        return 2;
                }
                Console.WriteLine("completed");
            }
            catch (InsufficientMemoryException e)
            {
                Console.WriteLine("refused: " + e.Message.Replace('\n', ' '));
            }
            Console.WriteLine("VmHWM: " + PeakResidentKilobytes().ToString(CultureInfo.InvariantCulture));
            return 0;
        }

        /// <summary>The process's peak resident set size in kB (VmHWM of /proc/self/status), or -1 off Linux.</summary>
        private static long PeakResidentKilobytes()
        {
            if (!File.Exists("/proc/self/status")) return -1;
            foreach (var line in File.ReadLines("/proc/self/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return long.Parse(line.Substring(6).Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return -1;
        }
    }
}
