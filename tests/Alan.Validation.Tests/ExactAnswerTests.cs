using System;
using System.Linq;
using Alan.Validation.Tests.DataSets;
using Alan.Validation.Tests.Exact;
using NUnit.Framework;

namespace Alan.Validation.Tests
{
    /// <summary>
    /// Each exact routine against an independent computation: a closed form against a grid, a 1-D quadrature against a
    /// 2-D grid, forward-backward against enumeration, and every grid against itself at another resolution and against a
    /// posterior known in closed form.
    /// </summary>
    public class ExactAnswerTests
    {
        /// <summary>y ~ N(alpha + beta x, 0.8^2), alpha ~ N(0, 2^2), beta ~ N(0, 3^2), five points: the QR formula
        /// against a 2-D grid of the unnormalised posterior.</summary>
        [Test]
        public void GaussianLinearPosterior_MatchesA2DGrid()
        {
            double[] x = { -1.0, 0.2, 0.7, 1.5, 2.1 }, y = { -0.4, 0.9, 1.1, 2.6, 2.9 };
            var design = new double[5, 2];
            for (int n = 0; n < 5; n++) (design[n, 0], design[n, 1]) = (1, x[n]);
            var exact = GaussianLinearPosterior.Compute(design, y, 0.8, new[] { 2.0, 3.0 });
            var grid = GridPosterior.Refined(p =>
            {
                double logDensity = -p[0] * p[0] / 8 - p[1] * p[1] / 18;
                for (int n = 0; n < 5; n++) logDensity -= Math.Pow(y[n] - p[0] - p[1] * x[n], 2) / (2 * 0.64);
                return logDensity;
            }, new[] { -20.0, -20.0 }, new[] { 20.0, 20.0 }, 201);
            Assert.Multiple(() =>
            {
                for (int j = 0; j < 2; j++)
                {
                    Assert.That(grid.Mean[j], Is.EqualTo(exact.Mean[j]).Within(1e-9 * exact.Sd(j)), $"mean {j}");
                    Assert.That(grid.Sd(j), Is.EqualTo(exact.Sd(j)).Within(1e-9 * exact.Sd(j)), $"sd {j}");
                }
                Assert.That(grid.Covariance[0, 1], Is.EqualTo(exact.Covariance[0, 1]).Within(1e-9 * exact.Sd(0) * exact.Sd(1)));
            });
        }

        /// <summary>QR keeps the uncentred linreg accurate: its mean solves the normal equations (checked as a residual of
        /// the gradient, which the ill-conditioning does not amplify), and its covariance is the precision's inverse.</summary>
        [Test]
        public void LinearRegressionPosterior_SolvesTheNormalEquations()
        {
            var data = ValidationData.LinearRegression();
            var posterior = ExactAnswers.LinearRegressionPosterior(data);
            var priorPrecision = new[] { 1e-4, 1e-2, 1e-2, 1e-2 };
            double[] Row(int n) => new[] { 1.0 }.Concat(data.X[n]).ToArray();
            var precision = new double[4, 4];
            var gradient = new double[4];
            for (int j = 0; j < 4; j++) { precision[j, j] = priorPrecision[j]; gradient[j] = -priorPrecision[j] * posterior.Mean[j]; }
            for (int n = 0; n < data.N; n++)
            {
                var r = Row(n);
                double residual = data.Y[n] - r.Zip(posterior.Mean, (a, b) => a * b).Sum();
                for (int j = 0; j < 4; j++)
                {
                    gradient[j] += r[j] * residual;
                    for (int k = 0; k < 4; k++) precision[j, k] += r[j] * r[k];
                }
            }
            Assert.Multiple(() =>
            {
                // The gradient of the log posterior at the mean is zero: each component against the scale of its terms.
                for (int j = 0; j < 4; j++)
                    Assert.That(gradient[j], Is.EqualTo(0).Within(1e-9 * data.X.Max(row => row.Max()) * data.N), $"gradient {j}");
                // precision * covariance = I (to the accuracy the condition number allows).
                for (int i = 0; i < 4; i++)
                    for (int k = 0; k < 4; k++)
                    {
                        double product = Enumerable.Range(0, 4).Sum(j => precision[i, j] * posterior.Covariance[j, k]);
                        Assert.That(product, Is.EqualTo(i == k ? 1 : 0).Within(1e-4), $"(precision covariance)[{i},{k}]");
                    }
            });
        }

        /// <summary>Six points, prior sds (2, 3) per unit precision, tau ~ Gamma(3, rate 2): the Normal-Gamma update's
        /// Student-t and Gamma marginals against a 3-D grid over (alpha, beta, tau).</summary>
        [Test]
        public void NormalGammaPosterior_MatchesA3DGrid()
        {
            double[] x = { 0.1, 0.4, 0.5, 0.8, 0.9, 1.3 }, y = { 1.2, 1.0, 1.9, 2.2, 2.0, 3.1 };
            var design = new double[6, 2];
            for (int n = 0; n < 6; n++) (design[n, 0], design[n, 1]) = (1, x[n]);
            var exact = NormalGammaPosterior.Compute(design, y, new[] { 2.0, 3.0 }, priorShape: 3, priorRate: 2);
            var grid = GridPosterior.Refined(p =>
            {
                double a = p[0], b = p[1], tau = p[2];
                if (tau <= 0) return double.NegativeInfinity;
                // Gamma(3, 2) on tau; N(0, 4 / tau) and N(0, 9 / tau) on a and b; N(a + b x, 1 / tau) per point.
                double logDensity = 2 * Math.Log(tau) - 2 * tau + Math.Log(tau) - tau * (a * a / 8 + b * b / 18);
                for (int n = 0; n < 6; n++) logDensity += 0.5 * Math.Log(tau) - 0.5 * tau * Math.Pow(y[n] - a - b * x[n], 2);
                return logDensity;
            }, new[] { -30.0, -30.0, 1e-12 }, new[] { 30.0, 30.0, 40.0 }, 121, halfWidth: 14);
            Assert.Multiple(() =>
            {
                for (int j = 0; j < 2; j++)
                {
                    Assert.That(grid.Mean[j], Is.EqualTo(exact.CoefficientMean[j]).Within(1e-5 * exact.CoefficientSd(j)), $"coefficient {j} mean");
                    Assert.That(grid.Sd(j), Is.EqualTo(exact.CoefficientSd(j)).Within(1e-4 * exact.CoefficientSd(j)), $"coefficient {j} sd");
                }
                Assert.That(grid.Mean[2], Is.EqualTo(exact.PrecisionMean).Within(1e-6 * exact.PrecisionSd), "tau mean");
                Assert.That(grid.Sd(2), Is.EqualTo(exact.PrecisionSd).Within(1e-6 * exact.PrecisionSd), "tau sd");
            });
        }

        /// <summary>
        /// The 1-D quadrature over tau against a 2-D midpoint grid over (mu, tau) that multiplies the prior by the
        /// marginal likelihood prod_j N(y_j; mu, sigma_j^2 + tau^2) directly, with theta_j and eta_j from their
        /// conditionals given (mu, tau). Midpoint spacing 0.015 in tau and 0.05 in mu: agreement within 1e-4 sd.
        /// </summary>
        [Test]
        public void SchoolsQuadrature_MatchesA2DGridOverMuAndTau()
        {
            var data = ValidationData.Schools();
            var exact = SchoolsPosterior.Compute(data.Y, data.Sigma);
            const int muPoints = 1600, tauPoints = 4000;
            const double muLow = -35, muHigh = 45, tauHigh = 60;
            double hMu = (muHigh - muLow) / muPoints, hTau = tauHigh / tauPoints;
            var logWeights = new double[muPoints, tauPoints];
            double max = double.NegativeInfinity;
            for (int i = 0; i < muPoints; i++)
                for (int k = 0; k < tauPoints; k++)
                {
                    double mu = muLow + (i + 0.5) * hMu, tau = (k + 0.5) * hTau;
                    double logDensity = -mu * mu / 50 - tau * tau / 50;
                    for (int j = 0; j < data.J; j++)
                    {
                        double s2 = data.Sigma[j] * data.Sigma[j] + tau * tau;
                        logDensity += -0.5 * Math.Log(s2) - 0.5 * (data.Y[j] - mu) * (data.Y[j] - mu) / s2;
                    }
                    logWeights[i, k] = logDensity;
                    max = Math.Max(max, logDensity);
                }
            double mass = 0, mu1 = 0, mu2 = 0, tau1 = 0, tau2 = 0;
            var theta1 = new double[data.J];
            var theta2 = new double[data.J];
            var eta1 = new double[data.J];
            var eta2 = new double[data.J];
            for (int i = 0; i < muPoints; i++)
                for (int k = 0; k < tauPoints; k++)
                {
                    double mu = muLow + (i + 0.5) * hMu, tau = (k + 0.5) * hTau, w = Math.Exp(logWeights[i, k] - max);
                    mass += w;
                    mu1 += w * mu;
                    mu2 += w * mu * mu;
                    tau1 += w * tau;
                    tau2 += w * tau * tau;
                    for (int j = 0; j < data.J; j++)
                    {
                        // theta_j | mu, tau, y: precision 1 / sigma^2 + 1 / tau^2, mean (y / sigma^2 + mu / tau^2) / precision.
                        double precision = 1 / (data.Sigma[j] * data.Sigma[j]) + 1 / (tau * tau);
                        double mean = (data.Y[j] / (data.Sigma[j] * data.Sigma[j]) + mu / (tau * tau)) / precision;
                        theta1[j] += w * mean;
                        theta2[j] += w * (1 / precision + mean * mean);
                        double etaMean = (mean - mu) / tau, etaVariance = 1 / (precision * tau * tau);
                        eta1[j] += w * etaMean;
                        eta2[j] += w * (etaVariance + etaMean * etaMean);
                    }
                }
            void Expect(ExactMoment e, double first, double second)
            {
                double mean = first / mass, sd = Math.Sqrt(second / mass - mean * mean);
                Assert.That(mean, Is.EqualTo(e.Mean).Within(1e-4 * e.Sd), e.Label + " mean");
                Assert.That(sd, Is.EqualTo(e.Sd).Within(1e-4 * e.Sd), e.Label + " sd");
            }
            Assert.Multiple(() =>
            {
                Expect(exact.Mu, mu1, mu2);
                Expect(exact.Tau, tau1, tau2);
                for (int j = 0; j < data.J; j++)
                {
                    Expect(exact.Theta[j], theta1[j], theta2[j]);
                    Expect(exact.Eta[j], eta1[j], eta2[j]);
                }
            });
        }

        [Test]
        public void SchoolsQuadrature_HasConverged()
        {
            var data = ValidationData.Schools();
            var fine = SchoolsPosterior.Compute(data.Y, data.Sigma);
            var coarse = SchoolsPosterior.Compute(data.Y, data.Sigma, points: 50_000, tauMax: 100);
            var pairs = new[] { (fine.Mu, coarse.Mu), (fine.Tau, coarse.Tau) }.Concat(fine.Theta.Zip(coarse.Theta)).Concat(fine.Eta.Zip(coarse.Eta));
            Assert.Multiple(() =>
            {
                foreach (var (a, b) in pairs)
                {
                    Assert.That(b.Mean, Is.EqualTo(a.Mean).Within(1e-6 * a.Sd), a.Label + " mean");
                    Assert.That(b.Sd, Is.EqualTo(a.Sd).Within(1e-6 * a.Sd), a.Label + " sd");
                }
            });
        }

        /// <summary>With no data, each grid density is its prior: N(0, 2.5^2) twice for the regressions; for the mixture
        /// Beta(2, 2) (mean 1/2, sd sqrt(1/20)) and the order statistics of two N(0, 5^2) draws (means -+5 / sqrt(pi),
        /// sd 5 sqrt(1 - 1/pi)), on a grid of spacing 0.5 (a tenth of the prior sd).</summary>
        [Test]
        public void GridDensities_WithoutDataAreTheirPriors()
        {
            var logistic = GridPosterior.Refined(ExactAnswers.LogisticLogDensity(new LogisticData(0, Array.Empty<double>(), Array.Empty<int>())),
                new[] { -40.0, -40.0 }, new[] { 40.0, 40.0 }, ExactAnswers.GridPoints2D);
            var poisson = GridPosterior.Refined(ExactAnswers.PoissonLogDensity(new PoissonData(0, Array.Empty<double>(), Array.Empty<int>())),
                new[] { -40.0, -40.0 }, new[] { 40.0, 40.0 }, ExactAnswers.GridPoints2D);
            // Without data the ordering boundary mu_1 = mu_2 carries mass, and the plain grid sum is only first-order
            // accurate across it. On a box with the same grid for mu_1 and mu_2 the boundary runs through grid points;
            // weighing those by 1/2 (the trapezoid rule's weight on a boundary) makes the sum second-order again: the
            // kink of min(mu) and max(mu) along the boundary leaves an error of order spacing^2, about 0.001 here.
            var orderedPrior = ExactAnswers.MixtureLogDensity(new MixtureData(0, Array.Empty<double>()));
            var mixture = GridPosterior.Moments(p => p[1] == p[2] ? Math.Log(0.5) + orderedPrior(new[] { p[0], p[1], Math.BitIncrement(p[2]) }) : orderedPrior(p),
                new[] { 1e-12, -50.0, -50.0 }, new[] { 1 - 1e-12, 50.0, 50.0 }, 201);
            double orderedMean = 5 / Math.Sqrt(Math.PI), orderedSd = 5 * Math.Sqrt(1 - 1 / Math.PI);
            Assert.Multiple(() =>
            {
                foreach (var m in new[] { logistic, poisson })
                    for (int j = 0; j < 2; j++)
                    {
                        Assert.That(m.Mean[j], Is.EqualTo(0).Within(1e-9));
                        Assert.That(m.Sd(j), Is.EqualTo(2.5).Within(1e-9));
                    }
                Assert.That(mixture.Mean[0], Is.EqualTo(0.5).Within(1e-6));
                Assert.That(mixture.Sd(0), Is.EqualTo(Math.Sqrt(0.05)).Within(1e-4));
                Assert.That(mixture.Mean[1], Is.EqualTo(-orderedMean).Within(2e-3));
                Assert.That(mixture.Mean[2], Is.EqualTo(orderedMean).Within(2e-3));
                Assert.That(mixture.Sd(1), Is.EqualTo(orderedSd).Within(2e-3));
                Assert.That(mixture.Sd(2), Is.EqualTo(orderedSd).Within(2e-3));
            });
        }

        /// <summary>The validation grids are converged: the final resolution against a coarser one (141 and 61 points per
        /// dim) agrees within 1e-6 sd for every mean and sd.</summary>
        [Test]
        public void ValidationGrids_AgreeAtTwoResolutions()
        {
            var logistic = ValidationData.Logistic();
            var poisson = ValidationData.Poisson();
            var mixture = ValidationData.Mixture();
            var cases = new (string Name, GridMoments Fine, GridMoments Coarse)[]
            {
                ("logistic", GridPosterior.Refined(ExactAnswers.LogisticLogDensity(logistic), ExactAnswers.RegressionLower, ExactAnswers.RegressionUpper, ExactAnswers.GridPoints2D),
                    GridPosterior.Refined(ExactAnswers.LogisticLogDensity(logistic), ExactAnswers.RegressionLower, ExactAnswers.RegressionUpper, 141)),
                ("poisson", GridPosterior.Refined(ExactAnswers.PoissonLogDensity(poisson), ExactAnswers.RegressionLower, ExactAnswers.RegressionUpper, ExactAnswers.GridPoints2D),
                    GridPosterior.Refined(ExactAnswers.PoissonLogDensity(poisson), ExactAnswers.RegressionLower, ExactAnswers.RegressionUpper, 141)),
                ("mixture", GridPosterior.Refined(ExactAnswers.MixtureLogDensity(mixture), ExactAnswers.MixtureLower, ExactAnswers.MixtureUpper, ExactAnswers.GridPoints3D),
                    GridPosterior.Refined(ExactAnswers.MixtureLogDensity(mixture), ExactAnswers.MixtureLower, ExactAnswers.MixtureUpper, 61)),
            };
            Assert.Multiple(() =>
            {
                foreach (var (name, fine, coarse) in cases)
                    for (int j = 0; j < fine.Mean.Length; j++)
                    {
                        TestContext.Out.WriteLine($"{name}[{j}]: mean {fine.Mean[j]:R} sd {fine.Sd(j):R}; coarse differs by {(coarse.Mean[j] - fine.Mean[j]) / fine.Sd(j):E1} sd, {(coarse.Sd(j) - fine.Sd(j)) / fine.Sd(j):E1}");
                        Assert.That(coarse.Mean[j], Is.EqualTo(fine.Mean[j]).Within(1e-6 * fine.Sd(j)), $"{name} mean {j}");
                        Assert.That(coarse.Sd(j), Is.EqualTo(fine.Sd(j)).Within(1e-6 * fine.Sd(j)), $"{name} sd {j}");
                    }
            });
        }

        /// <summary>Forward-backward against enumerating all 3^7 paths of the first six steps of the HMM data.</summary>
        [Test]
        public void ForwardBackward_MatchesEnumeration()
        {
            var data = ValidationData.Hmm();
            const int steps = 6;
            var y = data.Y.Take(steps).ToArray();
            var (init, marginals) = ForwardBackward.Marginals(data.Init, data.Transition, data.Mu, 1.0, y);
            var enumerated = new double[steps + 1, 3];
            double total = 0;
            var path = new int[steps + 1];
            for (int code = 0; code < (int)Math.Pow(3, steps + 1); code++)
            {
                for (int t = 0, c = code; t <= steps; t++, c /= 3) path[t] = c % 3;
                double p = data.Init[path[0]];
                for (int t = 0; t < steps; t++)
                    p *= data.Transition[path[t]][path[t + 1]] * ForwardBackward.Emission(y[t], data.Mu[path[t + 1]], 1.0);
                total += p;
                for (int t = 0; t <= steps; t++) enumerated[t, path[t]] += p;
            }
            Assert.Multiple(() =>
            {
                for (int s = 0; s < 3; s++)
                {
                    Assert.That(init[s], Is.EqualTo(enumerated[0, s] / total).Within(1e-12), $"Z0 = {s}");
                    for (int t = 0; t < steps; t++)
                        Assert.That(marginals[t, s], Is.EqualTo(enumerated[t + 1, s] / total).Within(1e-12), $"Z[{t}] = {s}");
                }
            });
        }
    }
}
