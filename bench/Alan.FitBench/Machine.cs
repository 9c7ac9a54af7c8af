using System;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace Alan.FitBench
{
    /// <summary>What the fits ran on, and how busy it was.</summary>
    public static class Machine
    {
        public static string Describe() =>
            $"machine: {Cpu()}, {Environment.ProcessorCount} logical cores; {RuntimeInformation.OSDescription}; {RuntimeInformation.FrameworkDescription}; " +
            $"one torch thread per Fit; load average (1/5/15 min) {LoadAverage()}";

        public static string LoadAverage()
        {
            try
            {
                return File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
            }
            catch (IOException)
            {
                return "n/a";
            }
        }

        private static string Cpu()
        {
            try
            {
                string? line = File.Exists("/proc/cpuinfo")
                    ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                    : null;
                return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line.Substring(line.IndexOf(':') + 1).Trim();
            }
            catch (IOException)
            {
                return RuntimeInformation.ProcessArchitecture.ToString();
            }
        }
    }
}
