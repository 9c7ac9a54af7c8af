using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>Independent closed-form densities and helpers in plain doubles (no Alan code).</summary>
    internal static class TestMath
    {
        public const double HalfLog2Pi = 0.91893853320467274178032973640562;

        /// <summary>log N(x | mu, sd^2), sd a standard deviation.</summary>
        public static double NormalLogPdf(double x, double mu, double sd)
        {
            double z = (x - mu) / sd;
            return -0.5 * z * z - Math.Log(sd) - HalfLog2Pi;
        }

        /// <summary>log Bernoulli(x | p).</summary>
        public static double BernoulliLogPmf(double x, double p) => x * Math.Log(p) + (1 - x) * Math.Log(1 - p);

        /// <summary>Numerically stable log(sum(exp(xs))).</summary>
        public static double LogSumExp(IReadOnlyList<double> xs)
        {
            double m = double.NegativeInfinity;
            foreach (var x in xs) m = Math.Max(m, x);
            if (double.IsNegativeInfinity(m)) return m;
            double s = 0;
            foreach (var x in xs) s += Math.Exp(x - m);
            return m + Math.Log(s);
        }

        /// <summary>log((1/n) sum exp(xs)).</summary>
        public static double LogMeanExp(IReadOnlyList<double> xs) => LogSumExp(xs) - Math.Log(xs.Count);

        /// <summary>Calls <paramref name="body"/> with every assignment of n indices in [0, K) (mixed-radix counter).</summary>
        public static void ForEachAssignment(int n, int k, Action<int[]> body)
        {
            var idx = new int[n];
            while (true)
            {
                body(idx);
                int i = 0;
                while (i < n && ++idx[i] == k) idx[i++] = 0;
                if (i == n) return;
            }
        }

        /// <summary>Row-major copy of a float64 tensor.</summary>
        public static double[] ToArray(Tensor t) => t.detach().contiguous().to_type(ScalarType.Float64).data<double>().ToArray();

        public static double Item(Tensor t) => t.to_type(ScalarType.Float64).item<double>();

        /// <summary>log N(x | mean, cov) for a dense covariance, via a Cholesky factorisation in doubles.</summary>
        public static double MvnLogPdf(double[] x, double[] mean, double[,] cov)
        {
            int n = x.Length;
            var l = new double[n, n];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j <= i; j++)
                {
                    double s = cov[i, j];
                    for (int k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                    if (i == j)
                    {
                        if (s <= 0) throw new InvalidOperationException("covariance is not positive definite");
                        l[i, i] = Math.Sqrt(s);
                    }
                    else l[i, j] = s / l[j, j];
                }
            }
            // Solve L y = x - mean.
            var y = new double[n];
            double logDet = 0, quad = 0;
            for (int i = 0; i < n; i++)
            {
                double s = x[i] - mean[i];
                for (int k = 0; k < i; k++) s -= l[i, k] * y[k];
                y[i] = s / l[i, i];
                quad += y[i] * y[i];
                logDet += Math.Log(l[i, i]);
            }
            return -0.5 * quad - logDet - n * HalfLog2Pi;
        }

        /// <summary>log Gamma(n) for a positive integer n, i.e. log((n-1)!).</summary>
        public static double LogGammaInt(int n)
        {
            if (n < 1) throw new ArgumentOutOfRangeException(nameof(n));
            double s = 0;
            for (int i = 2; i < n; i++) s += Math.Log(i);
            return s;
        }

        /// <summary>log B(a, b) for positive integers.</summary>
        public static double LogBetaInt(int a, int b) => LogGammaInt(a) + LogGammaInt(b) - LogGammaInt(a + b);

        /// <summary>Mean and standard error of the mean.</summary>
        public static (double Mean, double Se) MeanSe(IReadOnlyList<double> xs)
        {
            double m = 0;
            foreach (var x in xs) m += x;
            m /= xs.Count;
            double v = 0;
            foreach (var x in xs) v += (x - m) * (x - m);
            v /= xs.Count - 1;
            return (m, Math.Sqrt(v / xs.Count));
        }
    }
}
