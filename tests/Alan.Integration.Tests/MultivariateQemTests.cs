using System;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// QEM with a MultivariateNormal guide on Bayesian linear regression with uncentred, correlated predictors (x about
    /// 3,250 to 3,750, pairwise correlation about 0.8) and known noise: the posterior mean lies more than 1e3 posterior
    /// standard deviations from the origin along its narrowest direction, where E[x x^T] - m m^T cancels to 1e-6 of its
    /// terms. The guide starts at loc 0 and the identity covariance (<c>ParamInit.Identity</c>); the exact posterior
    /// N(mu, Sigma), Sigma = (I / 100 + X^T X / sigma^2)^-1, mu = Sigma X^T y / sigma^2, is computed here in float64.
    /// </summary>
    public class MultivariateQemTests
    {
        private const int N = 50;
        private const double NoiseSd = 10.0, PriorVariance = 100.0;

        /// <summary>Predictors x[n, j] = 3500 + 250 (0.9 u_n + 0.44 e_nj) and responses y = x beta + 10 eps, from a fixed seed.</summary>
        private static (double[,] X, double[] Y) Data(double[] beta, int seed)
        {
            var random = new Random(seed);
            double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            int d = beta.Length;
            var x = new double[N, d];
            var y = new double[N];
            for (int n = 0; n < N; n++)
            {
                double shared = Gaussian();
                for (int j = 0; j < d; j++) x[n, j] = 3500 + 250 * (0.9 * shared + Math.Sqrt(1 - 0.81) * Gaussian());
                for (int j = 0; j < d; j++) y[n] += x[n, j] * beta[j];
                y[n] += NoiseSd * Gaussian();
            }
            return (x, y);
        }

        /// <summary>The exact posterior of beta: its mean and covariance, in float64.</summary>
        private static (double[] Mean, double[,] Cov) Posterior(double[,] x, double[] y)
        {
            int d = x.GetLength(1);
            var precision = new double[d, d];
            var b = new double[d];
            for (int i = 0; i < d; i++)
            {
                precision[i, i] = 1 / PriorVariance;
                for (int n = 0; n < N; n++) b[i] += x[n, i] * y[n] / (NoiseSd * NoiseSd);
                for (int j = 0; j < d; j++)
                    for (int n = 0; n < N; n++) precision[i, j] += x[n, i] * x[n, j] / (NoiseSd * NoiseSd);
            }
            var cov = Inverse(precision);
            var mean = new double[d];
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) mean[i] += cov[i, j] * b[j];
            return (mean, cov);
        }

        /// <summary>The inverse of a symmetric positive-definite matrix, by Gauss-Jordan elimination with partial pivoting.</summary>
        private static double[,] Inverse(double[,] a)
        {
            int d = a.GetLength(0);
            var m = new double[d, 2 * d];
            for (int i = 0; i < d; i++) { for (int j = 0; j < d; j++) m[i, j] = a[i, j]; m[i, d + i] = 1; }
            for (int c = 0; c < d; c++)
            {
                int pivot = Enumerable.Range(c, d - c).OrderByDescending(r => Math.Abs(m[r, c])).First();
                for (int j = 0; j < 2 * d; j++) (m[c, j], m[pivot, j]) = (m[pivot, j], m[c, j]);
                double p = m[c, c];
                for (int j = 0; j < 2 * d; j++) m[c, j] /= p;
                for (int r = 0; r < d; r++)
                {
                    if (r == c) continue;
                    double f = m[r, c];
                    for (int j = 0; j < 2 * d; j++) m[r, j] -= f * m[c, j];
                }
            }
            var inverse = new double[d, d];
            for (int i = 0; i < d; i++) for (int j = 0; j < d; j++) inverse[i, j] = m[i, d + j];
            return inverse;
        }

        /// <summary>sqrt(v^T A v).</summary>
        private static double Norm(double[] v, double[,] a)
        {
            double s = 0;
            for (int i = 0; i < v.Length; i++) for (int j = 0; j < v.Length; j++) s += v[i] * a[i, j] * v[j];
            return Math.Sqrt(s);
        }

        /// <summary>
        /// Q's loc and covariance against the exact posterior: the Mahalanobis distance of loc from mu under Sigma, and
        /// the largest |eigenvalue - 1| of Sigma^-1 C (the covariance relative to Sigma in every direction).
        /// </summary>
        private static (double MeanError, double CovError, double MeanFromOrigin) Compare(nn.Module problem, double[,] x, double[] y)
        {
            var (mu, sigma) = Posterior(x, y);
            int d = mu.Length;
            var state = problem.state_dict();
            var loc = TestMath.ToArray(state["Beta.loc"]);
            var c = TestMath.ToArray(state["Beta.covarianceMatrix"]);
            var precision = Inverse(sigma);
            double meanError = Norm(loc.Select((v, i) => v - mu[i]).ToArray(), precision);
            using var p = torch.tensor(Flatten(precision), dtype: ScalarType.Float64).reshape(d, d);
            using var q = torch.tensor(c, dtype: ScalarType.Float64).reshape(d, d);
            using var relative = torch.linalg.eigvals(p.matmul(q)).real;
            double covError = TestMath.ToArray(relative).Max(e => Math.Abs(e - 1));
            TestContext.Out.WriteLine($"Mahalanobis error of loc {meanError:G3}, relative covariance error {covError:G3}, mean from origin {Norm(mu, precision):G4} sds");
            return (meanError, covError, Norm(mu, precision));
        }

        private static double[] Flatten(double[,] a) => a.Cast<double>().ToArray();

        /// <summary>
        /// 600 QEM steps at K = 1000: 300 at lr 0.2 to travel from the identity to the posterior, 300 at lr 0.05 to settle.
        /// </summary>
        private static void Fit(Func<int, IInferenceSample> sample)
        {
            for (int i = 0; i < 600; i++)
            {
                using var s = sample(1000);
                s.UpdateQemParams(i < 300 ? 0.2 : 0.05);
            }
        }

        // Bands: at the end each step moves the moments by lr = 0.05 of an importance-weighted estimate from K = 1000
        // particles drawn from Q close to the posterior, so loc's stationary error is about sqrt(lr / (2 - lr) / ESS)
        // ~ 0.006 posterior sds per direction and the covariance's about sqrt(2) times that relative; 0.1 in Mahalanobis
        // distance and 0.15 on the relative eigenvalues leave over 6 standard errors (the self-normalised estimate's
        // O(1 / K) bias is far inside them).
        private const double MeanBand = 0.1, CovBand = 0.15;

        [TestCase(ScalarType.Float32)]
        [TestCase(ScalarType.Float64)]
        public void ThreeCoefficients_QemFromTheIdentity_ReachesTheExactPosterior_AThousandSdsFromTheOrigin(ScalarType dtype)
        {
            torch.manual_seed(11);
            var (x, y) = Data(new[] { 0.8, -0.5, 1.2 }, seed: 7);
            using var problem = new Regression3Problem(new Regression3Problem.PlateSizes(N: N),
                new Regression3Problem.Observations(Y: torch.tensor(y, dtype: ScalarType.Float64)),
                new Regression3Problem.Inputs(X: torch.tensor(Flatten(x), dtype: ScalarType.Float64).reshape(N, 3)), dtype);
            Fit(k => problem.Sample(k));
            var (meanError, covError, fromOrigin) = Compare(problem, x, y);
            Assert.That(fromOrigin, Is.GreaterThan(1000), "the posterior mean is over 1e3 posterior sds from the origin");
            Assert.That(meanError, Is.LessThan(MeanBand), $"Mahalanobis distance of Q's loc from the posterior mean ({dtype})");
            Assert.That(covError, Is.LessThan(CovBand), $"largest relative eigenvalue error of Q's covariance ({dtype})");
        }

        [TestCase(ScalarType.Float32)]
        [TestCase(ScalarType.Float64)]
        public void FourCorrelatedUncentredPredictors_AsStanWritesTheRegression_ReachTheExactPosterior(ScalarType dtype)
        {
            torch.manual_seed(12);
            var (x, y) = Data(new[] { 0.8, -0.5, 1.2, 0.3 }, seed: 8);
            using var problem = new Regression4Problem(new Regression4Problem.PlateSizes(N: N),
                new Regression4Problem.Observations(Y: torch.tensor(y, dtype: ScalarType.Float64)),
                new Regression4Problem.Inputs(X: torch.tensor(Flatten(x), dtype: ScalarType.Float64).reshape(N, 4)), dtype);
            Fit(k => problem.Sample(k));
            var (meanError, covError, _) = Compare(problem, x, y);
            Assert.That(meanError, Is.LessThan(MeanBand), $"Mahalanobis distance of Q's loc from the posterior mean ({dtype})");
            Assert.That(covError, Is.LessThan(CovBand), $"largest relative eigenvalue error of Q's covariance ({dtype})");
        }
    }
}
