using System;

namespace Alan.Validation.Tests.Exact
{
    /// <summary>
    /// The exact posterior of theta in y ~ N(X theta, sigma^2 I), theta_j ~ N(0, s_j^2) independently: Gaussian with
    /// precision X^T X / sigma^2 + diag(1 / s^2) and mean (precision)^-1 X^T y / sigma^2. Computed as the least-squares
    /// solution of the stacked system [X / sigma; diag(1 / s)] theta = [y / sigma; 0] (whose Gram matrix is the
    /// precision), by QR.
    /// </summary>
    public sealed record GaussianLinearPosterior(double[] Mean, double[,] Covariance)
    {
        public static GaussianLinearPosterior Compute(double[,] design, double[] y, double noiseSd, double[] priorSd)
        {
            int n = design.GetLength(0), p = design.GetLength(1);
            if (y.Length != n) throw new ArgumentException($"GaussianLinearPosterior: y has {y.Length} values but the design has {n} rows.", nameof(y));
            if (priorSd.Length != p) throw new ArgumentException($"GaussianLinearPosterior: {priorSd.Length} prior sds for {p} coefficients.", nameof(priorSd));
            var stacked = new double[n + p, p];
            var target = new double[n + p];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < p; j++) stacked[i, j] = design[i, j] / noiseSd;
                target[i] = y[i] / noiseSd;
            }
            for (int j = 0; j < p; j++) stacked[n + j, j] = 1 / priorSd[j];
            var (theta, r, _) = DenseLinearAlgebra.LeastSquares(stacked, target);
            return new GaussianLinearPosterior(theta, DenseLinearAlgebra.InverseOfGram(r));
        }

        public double Sd(int j) => Math.Sqrt(Covariance[j, j]);

        public double Correlation(int i, int j) => Covariance[i, j] / (Sd(i) * Sd(j));
    }
}
