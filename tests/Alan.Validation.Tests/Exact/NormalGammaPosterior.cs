using System;

namespace Alan.Validation.Tests.Exact
{
    /// <summary>
    /// The conjugate Normal-Gamma update for y ~ N(X theta, 1 / tau), theta | tau ~ N(0, (tau Lambda0)^-1) with
    /// Lambda0 = diag(1 / s^2), tau ~ Gamma(shape a0, rate b0):
    /// Lambda_n = Lambda0 + X^T X, mu_n = Lambda_n^-1 X^T y, a_n = a0 + N / 2,
    /// b_n = b0 + (|y - X mu_n|^2 + mu_n^T Lambda0 mu_n) / 2.
    /// Marginally tau | y ~ Gamma(a_n, b_n) (mean a_n / b_n, sd sqrt(a_n) / b_n), and theta | y is a multivariate Student t
    /// with 2 a_n degrees of freedom, location mu_n and scale matrix (b_n / a_n) Lambda_n^-1, so its covariance is
    /// b_n / (a_n - 1) Lambda_n^-1. mu_n and the bracket in b_n come from one QR least-squares solve of the stacked
    /// system [X; diag(1 / s)] theta = [y; 0], whose Gram matrix is Lambda_n and whose residual is that bracket.
    /// </summary>
    public sealed record NormalGammaPosterior(double[] CoefficientMean, double[,] CoefficientCovariance, double Shape, double Rate)
    {
        public static NormalGammaPosterior Compute(double[,] design, double[] y, double[] priorSd, double priorShape, double priorRate)
        {
            int n = design.GetLength(0), p = design.GetLength(1);
            if (y.Length != n) throw new ArgumentException($"NormalGammaPosterior: y has {y.Length} values but the design has {n} rows.", nameof(y));
            if (priorSd.Length != p) throw new ArgumentException($"NormalGammaPosterior: {priorSd.Length} prior sds for {p} coefficients.", nameof(priorSd));
            var stacked = new double[n + p, p];
            var target = new double[n + p];
            for (int i = 0; i < n; i++)
            {
                for (int j = 0; j < p; j++) stacked[i, j] = design[i, j];
                target[i] = y[i];
            }
            for (int j = 0; j < p; j++) stacked[n + j, j] = 1 / priorSd[j];
            var (mean, r, residual) = DenseLinearAlgebra.LeastSquares(stacked, target);
            double shape = priorShape + n / 2.0, rate = priorRate + residual / 2;
            var precisionInverse = DenseLinearAlgebra.InverseOfGram(r);
            var covariance = new double[p, p];
            for (int i = 0; i < p; i++)
                for (int j = 0; j < p; j++) covariance[i, j] = rate / (shape - 1) * precisionInverse[i, j];
            return new NormalGammaPosterior(mean, covariance, shape, rate);
        }

        public double CoefficientSd(int j) => Math.Sqrt(CoefficientCovariance[j, j]);
        public double PrecisionMean => Shape / Rate;
        public double PrecisionSd => Math.Sqrt(Shape) / Rate;
    }
}
