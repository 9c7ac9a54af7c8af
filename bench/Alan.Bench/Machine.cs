using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text;
using TorchSharp;

namespace Alan.Bench
{
    /// <summary>What the benchmark ran on.</summary>
    public static class Machine
    {
        public static string Describe()
        {
            var sb = new StringBuilder();
            sb.AppendLine($"machine: {Cpu()}, {Environment.ProcessorCount} logical cores, {MemoryGb()}, CUDA available: {torch.cuda.is_available()}");
            sb.AppendLine($"os: {RuntimeInformation.OSDescription} ({RuntimeInformation.ProcessArchitecture})");
            sb.AppendLine($"runtime: {RuntimeInformation.FrameworkDescription}, TorchSharp {TorchSharpVersion()}, torch threads {torch.get_num_threads()}, float32 on cpu");
            sb.Append($"load average (1/5/15 min): {LoadAverage()}");
            return sb.ToString();
        }

        public static string Short() =>
            $"{Cpu()} ({Environment.ProcessorCount} cores, {MemoryGb()}, no GPU), {RuntimeInformation.OSDescription.Split(' ')[0]}, " +
            $"{RuntimeInformation.FrameworkDescription}, TorchSharp-cpu {TorchSharpVersion()} ({torch.get_num_threads()} torch threads)";

        /// <summary>The 1/5/15-minute load averages (Linux), to show whether other work shared the CPU.</summary>
        public static string LoadAverage()
        {
            try
            {
                if (File.Exists("/proc/loadavg"))
                    return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
            }
            catch (IOException) { }
            return "n/a";
        }

        private static string TorchSharpVersion()
        {
            var v = typeof(torch).Assembly.GetName().Version;
            return v is null ? "?" : $"{v.Major}.{v.Minor}.{v.Build}";
        }

        private static string Cpu()
        {
            try
            {
                if (File.Exists("/proc/cpuinfo"))
                {
                    string? line = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                    if (line is not null) return line.Substring(line.IndexOf(':') + 1).Trim();
                }
            }
            catch (IOException) { }
            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        private static string MemoryGb() =>
            $"{GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024.0 * 1024.0 * 1024.0):F0} GB RAM";
    }
}
