using System;
using System.Linq;

namespace Alan.Validation.Tests.Exact
{
    /// <summary>Posterior means, sds and covariances from a grid.</summary>
    public sealed record GridMoments(double[] Mean, double[,] Covariance)
    {
        public double Sd(int i) => Math.Sqrt(Covariance[i, i]);
    }

    /// <summary>
    /// Posterior moments of a low-dimensional, unnormalised log-density by a tensor grid of equally spaced points.
    /// The rule is the trapezoid rule on a box outside which the density is negligible (there it equals the plain sum,
    /// since the box's faces carry no mass): for a smooth integrand that vanishes with all its derivatives at the faces,
    /// its error falls faster than any power of the spacing (for a Gaussian of sd s at spacing h, about
    /// exp(-2 pi^2 s^2 / h^2)). <see cref="Refined"/> therefore first locates the mass on a coarse grid over a wide box,
    /// then twice re-centres the box on mean +- <c>halfWidth</c> sds of the previous pass. Points where the log-density
    /// is -inf (outside the support) weigh nothing.
    /// </summary>
    public static class GridPosterior
    {
        /// <summary>One pass: <paramref name="points"/> points per dim spanning [lower_i, upper_i], ends included.</summary>
        public static GridMoments Moments(Func<double[], double> logDensity, double[] lower, double[] upper, int points)
        {
            int d = lower.Length;
            if (upper.Length != d) throw new ArgumentException($"GridPosterior: {d} lower bounds but {upper.Length} upper bounds.", nameof(upper));
            if (points < 3) throw new ArgumentOutOfRangeException(nameof(points), $"GridPosterior: at least 3 points per dimension; got {points}.");
            long total = 1;
            for (int i = 0; i < d; i++) total *= points;
            var logValues = new double[total];
            var x = new double[d];
            double max = double.NegativeInfinity;
            for (long flat = 0; flat < total; flat++)
            {
                Point(flat, lower, upper, points, x);
                double value = logDensity(x);
                if (double.IsNaN(value)) throw new ArgumentException($"GridPosterior: the log-density is NaN at ({string.Join(", ", x)}).", nameof(logDensity));
                logValues[flat] = value;
                if (value > max) max = value;
            }
            if (double.IsNegativeInfinity(max)) throw new ArgumentException("GridPosterior: the density is zero at every grid point.", nameof(logDensity));
            double mass = 0;
            var first = new double[d];
            var second = new double[d, d];
            for (long flat = 0; flat < total; flat++)
            {
                double weight = Math.Exp(logValues[flat] - max);
                if (weight == 0) continue;
                Point(flat, lower, upper, points, x);
                mass += weight;
                for (int i = 0; i < d; i++)
                {
                    first[i] += weight * x[i];
                    for (int j = 0; j <= i; j++) second[i, j] += weight * x[i] * x[j];
                }
            }
            var mean = new double[d];
            for (int i = 0; i < d; i++) mean[i] = first[i] / mass;
            var covariance = new double[d, d];
            for (int i = 0; i < d; i++)
                for (int j = 0; j <= i; j++)
                    covariance[i, j] = covariance[j, i] = second[i, j] / mass - mean[i] * mean[j];
            return new GridMoments(mean, covariance);
        }

        /// <summary>
        /// A coarse pass of <paramref name="coarsePoints"/> per dim over [lower, upper], then two passes of
        /// <paramref name="points"/> per dim over mean +- <paramref name="halfWidth"/> sds of the pass before (kept inside
        /// [lower, upper], which should hold the support's box).
        /// </summary>
        public static GridMoments Refined(Func<double[], double> logDensity, double[] lower, double[] upper, int points,
            double halfWidth = 10, int coarsePoints = 41)
        {
            var moments = Moments(logDensity, lower, upper, coarsePoints);
            var (low, high) = (lower, upper);
            int used = coarsePoints;
            for (int pass = 0; pass < 2; pass++)
            {
                var spacing = low.Select((l, i) => (high[i] - l) / (used - 1)).ToArray();
                (low, high) = (Box(moments, spacing, lower, upper, halfWidth, -1), Box(moments, spacing, lower, upper, halfWidth, +1));
                moments = Moments(logDensity, low, high, points);
                used = points;
            }
            return moments;
        }

        /// <summary>
        /// The box mean +- halfWidth sds of <paramref name="moments"/>, inside [lower, upper]. A pass whose spacing was
        /// too coarse for the mass underestimates the sd, so the half-width is at least two of that pass's spacings.
        /// </summary>
        private static double[] Box(GridMoments moments, double[] spacing, double[] lower, double[] upper, double halfWidth, int side)
        {
            var bound = new double[lower.Length];
            for (int i = 0; i < bound.Length; i++)
            {
                double edge = moments.Mean[i] + side * Math.Max(halfWidth * moments.Sd(i), 2 * spacing[i]);
                bound[i] = side < 0 ? Math.Max(lower[i], edge) : Math.Min(upper[i], edge);
            }
            return bound;
        }

        private static void Point(long flat, double[] lower, double[] upper, int points, double[] x)
        {
            for (int i = x.Length - 1; i >= 0; i--)
            {
                long k = flat % points;
                flat /= points;
                x[i] = lower[i] + (upper[i] - lower[i]) * k / (points - 1);
            }
        }
    }
}
