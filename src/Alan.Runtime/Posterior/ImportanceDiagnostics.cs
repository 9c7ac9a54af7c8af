using System;
using System.Linq;

namespace Alan
{
    /// <summary>
    /// Diagnostics of a set of importance weights: the Pareto k-hat of their upper tail (Pareto-smoothed importance
    /// sampling, Vehtari, Simpson, Gelman, Yao and Gabry, JMLR 2024) and Kish's effective sample size.
    /// </summary>
    /// <remarks>
    /// <para><b>k-hat.</b> The M largest weights (M = min(ceil(0.2 S), ceil(3 sqrt(S))) of S) are taken as exceedances
    /// over the (M+1)-th largest, u: x_i = w_i / u - 1 (the shape does not depend on the scale). A generalised Pareto
    /// distribution with shape k and scale sigma, density (1/sigma)(1 + k x / sigma)^(-1/k - 1), is fitted to them by
    /// the empirical-Bayes estimator of Zhang and Stephens (Technometrics, 2009): in theta = -k / sigma the profile
    /// log-likelihood is n (log(-theta / k(theta)) - k(theta) - 1) with k(theta) = mean(log(1 - theta x)); theta is
    /// averaged over a grid of m = 30 + floor(sqrt(n)) points weighted by that likelihood, and k = k(theta-bar) is then
    /// shrunk towards 0.5 as if by 10 prior observations, k = (n k + 5) / (n + 10), as PSIS does.</para>
    /// <para>Reading it: below 0.5 the weights' variance is finite and importance estimates converge quickly; between
    /// 0.5 and 0.7 they converge, more slowly; above 0.7 the estimates cannot be trusted (the proposal misses part of
    /// the posterior). Weights whose tail has no spread (all equal) give negative infinity: a bounded tail.</para>
    /// </remarks>
    public static class ImportanceDiagnostics
    {
        /// <summary>k-hat above this value: the importance estimates are not to be trusted.</summary>
        public const double ParetoKThreshold = 0.7;

        /// <summary>The fewest weights <see cref="ParetoK"/> accepts (its tail then has 5 values).</summary>
        public const int MinimumWeights = 10;

        /// <summary>The Pareto k-hat of the upper tail of the importance weights exp(<paramref name="logWeights"/>) (see the class remarks).</summary>
        /// <exception cref="ArgumentException">Fewer than <see cref="MinimumWeights"/> weights, or a NaN or +infinity among them.</exception>
        public static double ParetoK(ReadOnlySpan<double> logWeights)
        {
            int s = logWeights.Length;
            if (s < MinimumWeights)
                throw new ArgumentException(
                    $"The Pareto k-hat needs at least {MinimumWeights} weights to fit a tail, but got {s}.", nameof(logWeights));
            var sorted = logWeights.ToArray();
            for (int i = 0; i < s; i++)
                if (double.IsNaN(sorted[i]) || double.IsPositiveInfinity(sorted[i]))
                    throw new ArgumentException(
                        $"Log-weight {i} is {sorted[i]}; log-weights must be finite or negative infinity.", nameof(logWeights));
            Array.Sort(sorted);   // ascending
            int tail = Math.Min((int)Math.Ceiling(0.2 * s), (int)Math.Ceiling(3 * Math.Sqrt(s)));
            double cutoff = sorted[s - tail - 1];
            if (double.IsNegativeInfinity(sorted[s - 1])) return double.NegativeInfinity;   // every weight is zero
            // exceedances over the cutoff, ascending, in units of the largest weight: (w_i - u) / w_max, which cannot
            // overflow however far apart the log-weights are (the shape is scale-free). Weights thousands of nats below
            // the largest underflow to exceedances of 0, and the fit then sees one dominating weight: a heavy tail.
            double top = sorted[s - 1];
            double cutoffScaled = double.IsNegativeInfinity(cutoff) ? 0 : Math.Exp(cutoff - top);
            var x = new double[tail];
            for (int i = 0; i < tail; i++) x[i] = Math.Max(0, Math.Exp(sorted[s - tail + i] - top) - cutoffScaled);
            if (x[tail - 1] <= 0 || x.All(v => v == x[0])) return double.NegativeInfinity;
            return GeneralisedParetoShape(x);
        }

        /// <summary>Kish's effective sample size of the weights exp(<paramref name="logWeights"/>): (sum w)^2 / sum w^2.</summary>
        public static double EffectiveSampleSize(ReadOnlySpan<double> logWeights)
        {
            if (logWeights.Length == 0) return 0;
            double max = double.NegativeInfinity;
            foreach (var l in logWeights) max = Math.Max(max, l);
            if (double.IsNegativeInfinity(max)) return 0;
            double sum = 0, sumSquares = 0;
            foreach (var l in logWeights)
            {
                double w = Math.Exp(l - max);
                sum += w;
                sumSquares += w * w;
            }
            return sum * sum / sumSquares;
        }

        /// <summary>
        /// The Zhang-Stephens estimate of the shape k of a generalised Pareto distribution fitted to the non-negative
        /// exceedances <paramref name="x"/> (ascending, largest positive), with PSIS's shrinkage towards 0.5.
        /// </summary>
        internal static double GeneralisedParetoShape(double[] x)
        {
            int n = x.Length;
            int m = 30 + (int)Math.Floor(Math.Sqrt(n));
            double largest = x[n - 1];
            double quartile = x[Math.Max(0, (int)Math.Floor(n / 4.0 + 0.5) - 1)];
            if (quartile <= 0) quartile = x.First(v => v > 0);
            // theta grid: from heavy tails (theta << 0) up to just below 1/largest (a bounded tail)
            var theta = new double[m];
            var profile = new double[m];
            for (int j = 0; j < m; j++)
            {
                theta[j] = 1 / largest + (1 - Math.Sqrt(m / (j + 0.5))) / (3 * quartile);
                double k = MeanLog1p(x, theta[j]);
                // theta = 0 (an exponential tail) is the limit point of the grid, reached only by coincidence
                profile[j] = theta[j] == 0 ? double.NegativeInfinity : n * (Math.Log(-theta[j] / k) - k - 1);
            }
            // posterior-mean theta under the profile likelihood (weights normalised in log space)
            double top = profile.Max();
            double total = 0, weighted = 0;
            for (int j = 0; j < m; j++)
            {
                double w = Math.Exp(profile[j] - top);
                total += w;
                weighted += w * theta[j];
            }
            double shape = MeanLog1p(x, weighted / total);
            return (n * shape + 10 * 0.5) / (n + 10);
        }

        /// <summary>k(theta) = mean(log(1 - theta x)).</summary>
        private static double MeanLog1p(double[] x, double theta)
        {
            double sum = 0;
            foreach (var v in x) sum += Math.Log(1 - theta * v);
            return sum / x.Length;
        }
    }
}
