using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;

namespace Alan.Samples.Covid
{
    /// <summary>
    /// The training loop shared by the two problems: one step per iteration (returning that iteration's ELBO), the
    /// ELBO printed every 25 iterations, the time per iteration. (The shared sample library will replace this loop.)
    /// </summary>
    public static class Training
    {
        public static (List<double> Elbos, double MedianMs) Run(int iterations, Func<double> step)
        {
            var elbos = new List<double>();
            var ms = new List<double>();
            var watch = new Stopwatch();
            for (int i = 0; i < iterations; i++)
            {
                watch.Restart();
                elbos.Add(step());
                ms.Add(watch.Elapsed.TotalMilliseconds);
                if (i % 25 == 0 || i == iterations - 1)
                    Console.WriteLine($"iteration {i,4}: ELBO {elbos[^1],12:F1}   ({ms[^1]:F0} ms)");
            }
            var sorted = ms.OrderBy(x => x).ToArray();
            return (elbos, sorted[sorted.Length / 2]);
        }
    }
}
