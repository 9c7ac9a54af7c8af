using System;

namespace Alan.Validation.Tests.Exact
{
    /// <summary>
    /// Least squares by Householder QR, in plain float64. The validation regressions have uncentred predictors (values
    /// near 3000 against an intercept of 1), so their normal equations are ill-conditioned (condition number near
    /// 1e12); QR works on the design itself, whose condition number is the square root of that.
    /// </summary>
    public static class DenseLinearAlgebra
    {
        /// <summary>
        /// Minimises |A theta - b|^2 for A (m x p, m &gt;= p, full column rank). Returns theta, the upper-triangular R
        /// with A^T A = R^T R, and the minimum |A theta - b|^2.
        /// </summary>
        public static (double[] Theta, double[,] R, double ResidualSquares) LeastSquares(double[,] a, double[] b)
        {
            int m = a.GetLength(0), p = a.GetLength(1);
            if (b.Length != m) throw new ArgumentException($"LeastSquares: b has {b.Length} rows but A has {m}.", nameof(b));
            if (m < p) throw new ArgumentException($"LeastSquares: A needs at least as many rows as columns; got {m} x {p}.", nameof(a));
            var r = (double[,])a.Clone();
            var qtb = (double[])b.Clone();
            for (int k = 0; k < p; k++)
            {
                // The reflection H = I - 2 v v^T / (v^T v) that zeroes column k below the diagonal.
                double norm = 0;
                for (int i = k; i < m; i++) norm += r[i, k] * r[i, k];
                norm = Math.Sqrt(norm);
                if (norm == 0) throw new ArgumentException($"LeastSquares: column {k} of A is zero below the diagonal (A is rank-deficient).", nameof(a));
                double alpha = r[k, k] > 0 ? -norm : norm;
                var v = new double[m];
                v[k] = r[k, k] - alpha;
                for (int i = k + 1; i < m; i++) v[i] = r[i, k];
                double vv = 0;
                for (int i = k; i < m; i++) vv += v[i] * v[i];
                for (int j = k; j < p; j++)
                {
                    double dot = 0;
                    for (int i = k; i < m; i++) dot += v[i] * r[i, j];
                    double f = 2 * dot / vv;
                    for (int i = k; i < m; i++) r[i, j] -= f * v[i];
                }
                double dotB = 0;
                for (int i = k; i < m; i++) dotB += v[i] * qtb[i];
                double fb = 2 * dotB / vv;
                for (int i = k; i < m; i++) qtb[i] -= fb * v[i];
            }
            var upper = new double[p, p];
            for (int i = 0; i < p; i++)
                for (int j = i; j < p; j++) upper[i, j] = r[i, j];
            var theta = SolveUpper(upper, qtb[..p]);
            double residual = 0;
            for (int i = p; i < m; i++) residual += qtb[i] * qtb[i];
            return (theta, upper, residual);
        }

        /// <summary>(R^T R)^-1 = R^-1 R^-T for an upper-triangular R with a non-zero diagonal.</summary>
        public static double[,] InverseOfGram(double[,] upper)
        {
            int p = upper.GetLength(0);
            var inverse = new double[p, p];
            for (int j = 0; j < p; j++)
            {
                var unit = new double[p];
                unit[j] = 1;
                var column = SolveUpper(upper, unit);
                for (int i = 0; i < p; i++) inverse[i, j] = column[i];
            }
            var result = new double[p, p];
            for (int i = 0; i < p; i++)
                for (int j = 0; j < p; j++)
                {
                    double sum = 0;
                    for (int k = 0; k < p; k++) sum += inverse[i, k] * inverse[j, k];
                    result[i, j] = sum;
                }
            return result;
        }

        private static double[] SolveUpper(double[,] upper, double[] rhs)
        {
            int p = rhs.Length;
            var x = new double[p];
            for (int i = p - 1; i >= 0; i--)
            {
                double sum = rhs[i];
                for (int j = i + 1; j < p; j++) sum -= upper[i, j] * x[j];
                x[i] = sum / upper[i, i];
            }
            return x;
        }
    }
}
