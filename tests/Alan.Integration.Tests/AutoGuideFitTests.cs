using System;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// Fit() with defaults on guides the generator derives ([Problem(typeof(P))]), in float64 with fixed seeds, against
    /// exact posteriors. Bands of a reliable fit: |mean - exact| &lt;= 0.1 exact sd, sd within 10%, k-hat &lt;= 0.7.
    /// </summary>
    public class AutoGuideFitTests
    {
        private static readonly double[] X = { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0 };
        private static readonly double[] Y = { 2.1, 2.4, 3.2, 3.3, 4.1, 4.4, 4.6, 5.4, 5.6, 6.3 };

        /// <summary>
        /// The exact Gaussian posterior of (intercept, slope) under N(0, 3^2) priors and noise 0.5:
        /// precision = I / 9 + A^T A / 0.25 with rows (1, x_i); mean = precision^-1 A^T y / 0.25.
        /// </summary>
        private static (double[] Mean, double[,] Covariance) LineExact()
        {
            double s0 = X.Length, s1 = X.Sum(), s2 = X.Sum(x => x * x), t0 = Y.Sum(), t1 = X.Zip(Y, (x, y) => x * y).Sum();
            double a = 1 / 9.0 + s0 / 0.25, b = s1 / 0.25, d = 1 / 9.0 + s2 / 0.25;
            double det = a * d - b * b;
            var cov = new double[,] { { d / det, -b / det }, { -b / det, a / det } };
            double r0 = t0 / 0.25, r1 = t1 / 0.25;
            return (new[] { cov[0, 0] * r0 + cov[0, 1] * r1, cov[1, 0] * r0 + cov[1, 1] * r1 }, cov);
        }

        private static void AssertMatches(IFitResult fit, string[] labels, double[] mean, double[] sd)
        {
            var rows = fit.Summary();
            TestContext.Out.WriteLine(fit);
            foreach (var r in rows) TestContext.Out.WriteLine($"{r.Label} {r.Mean} {r.Sd} ess {r.Ess}");
            Assert.Multiple(() =>
            {
                Assert.That(fit.ParetoK, Is.LessThanOrEqualTo(0.7), fit.ToString());
                for (int i = 0; i < labels.Length; i++)
                {
                    var row = rows.Single(r => r.Label == labels[i]);
                    Assert.That(row.Mean, Is.EqualTo(mean[i]).Within(0.1 * sd[i]), labels[i] + " mean");
                    Assert.That(row.Sd, Is.EqualTo(sd[i]).Within(0.1 * sd[i]), labels[i] + " sd");
                }
            });
        }

        [Test]
        public void Default_CorrelatedRootLatents_GetTheExactJointPosterior()
        {
            using var problem = new AutoLineProblem(new AutoLineProblem.PlateSizes(Points: X.Length),
                new AutoLineProblem.Observations(Y: tensor(Y, ScalarType.Float64)),
                new AutoLineProblem.Inputs(X: tensor(X, ScalarType.Float64)), ScalarType.Float64);
            var fit = problem.Fit(new FitOptions { Seed = 0 });
            var (mean, cov) = LineExact();
            Assert.That(fit.Method, Is.EqualTo(FitMethod.Vi));
            AssertMatches(fit, new[] { "Intercept", "Slope" }, mean, new[] { Math.Sqrt(cov[0, 0]), Math.Sqrt(cov[1, 1]) });
            // The posterior correlation (-0.88) is captured by the root block's full covariance: within 0.05.
            using var i = fit.Draws.Intercept;
            using var s = fit.Draws.Slope;
            double correlation = corrcoef(stack(new[] { i, s })).data<double>()[1];
            Assert.That(correlation, Is.EqualTo(cov[0, 1] / Math.Sqrt(cov[0, 0] * cov[1, 1])).Within(0.05));
        }

        [Test]
        public void Default_AVectorLatent_GetsAFullCovarianceOfItsOwn()
        {
            var design = X.SelectMany(x => new[] { 1.0, x }).ToArray();
            using var problem = new AutoVectorLineProblem(new AutoVectorLineProblem.PlateSizes(Points: X.Length),
                new AutoVectorLineProblem.Observations(Y: tensor(Y, ScalarType.Float64)),
                new AutoVectorLineProblem.Inputs(Design: tensor(design, ScalarType.Float64).reshape(X.Length, 2)), ScalarType.Float64);
            var fit = problem.Fit(new FitOptions { Seed = 0 });
            var (mean, cov) = LineExact();
            AssertMatches(fit, new[] { "Coefficients[0]", "Coefficients[1]" }, mean, new[] { Math.Sqrt(cov[0, 0]), Math.Sqrt(cov[1, 1]) });
        }

        [Test]
        public void Qem_CorrelatedRootLatents_GetTheExactMeans()
        {
            using var problem = new AutoLineQemProblem(new AutoLineQemProblem.PlateSizes(Points: X.Length),
                new AutoLineQemProblem.Observations(Y: tensor(Y, ScalarType.Float64)),
                new AutoLineQemProblem.Inputs(X: tensor(X, ScalarType.Float64)), ScalarType.Float64);
            var fit = problem.Fit(new FitOptions { Seed = 0 });
            var (mean, cov) = LineExact();
            Assert.That(fit.Method, Is.EqualTo(FitMethod.Qem));
            AssertMatches(fit, new[] { "Intercept", "Slope" }, mean, new[] { Math.Sqrt(cov[0, 0]), Math.Sqrt(cov[1, 1]) });
        }

        /// <summary>sigma ~ HalfNormal(2), y_i ~ N(0, sigma): the posterior of sigma by 1-D quadrature (midpoint rule, 200,000 cells on (0, 20)).</summary>
        [Test]
        public void Default_APositiveLatent_ThroughExp_GetsTheExactPosterior()
        {
            double[] y = { 1.3, -0.4, 2.2, -1.8, 0.6, -2.5, 1.1, 0.2, -0.9, 1.7, -1.2, 0.4 };
            using var problem = new AutoScaleProblem(new AutoScaleProblem.PlateSizes(Points: y.Length),
                new AutoScaleProblem.Observations(Y: tensor(y, ScalarType.Float64)), ScalarType.Float64);
            var fit = problem.Fit(new FitOptions { Seed = 0 });
            var (mean, sd) = ScaleExact(y);
            AssertMatches(fit, new[] { "Sigma" }, new[] { mean }, new[] { sd });
        }

        private static (double Mean, double Sd) ScaleExact(double[] y)
        {
            double squares = y.Sum(v => v * v);
            int cells = 200_000;
            double h = 20.0 / cells, z = 0, m1 = 0, m2 = 0;
            for (int k = 0; k < cells; k++)
            {
                double s = (k + 0.5) * h;
                double logDensity = -s * s / 8 - y.Length * Math.Log(s) - squares / (2 * s * s);
                double w = Math.Exp(logDensity + 20);
                z += w; m1 += w * s; m2 += w * s * s;
            }
            double mean = m1 / z;
            return (mean, Math.Sqrt(m2 / z - mean * mean));
        }

        /// <summary>z_i ~ Bernoulli(0.3), y_i ~ N(2 z_i - 1, 1): P(z_i = 1 | y_i) in closed form; learned logits, trained by RWS.</summary>
        [Test]
        public void Default_ADiscreteLatent_GetsLearnedProbabilities()
        {
            double[] y = { 0.4, -1.2, 1.9, 0.1, -0.3 };
            using var problem = new AutoSwitchProblem(new AutoSwitchProblem.PlateSizes(Points: y.Length),
                new AutoSwitchProblem.Observations(Y: tensor(y, ScalarType.Float64)), ScalarType.Float64);
            var fit = problem.Fit(new FitOptions { Seed = 0 });
            Assert.That(fit.Method, Is.EqualTo(FitMethod.Rws));
            var p = y.Select(v => 1 / (1 + 0.7 / 0.3 * Math.Exp(-0.5 * (v + 1) * (v + 1) + 0.5 * (v - 1) * (v - 1)))).ToArray();
            AssertMatches(fit, y.Select((_, i) => $"Z[{i}]").ToArray(), p, p.Select(q => Math.Sqrt(q * (1 - q))).ToArray());
        }

        [Test]
        public void MeanField_HasNoChainBetweenRootLatents()
        {
            using var problem = new AutoLineMeanFieldProblem(new AutoLineMeanFieldProblem.PlateSizes(Points: X.Length),
                new AutoLineMeanFieldProblem.Observations(Y: tensor(Y, ScalarType.Float64)),
                new AutoLineMeanFieldProblem.Inputs(X: tensor(X, ScalarType.Float64)), ScalarType.Float64);
            var names = problem.named_parameters().Select(p => p.name).OrderBy(n => n, StringComparer.Ordinal).ToArray();
            Assert.That(names, Is.EqualTo(new[] { "Intercept.loc", "Intercept.logScale", "Slope.loc", "Slope.logScale" }));
            using var chained = new AutoLineProblem(new AutoLineProblem.PlateSizes(Points: X.Length),
                new AutoLineProblem.Observations(Y: tensor(Y, ScalarType.Float64)),
                new AutoLineProblem.Inputs(X: tensor(X, ScalarType.Float64)), ScalarType.Float64);
            Assert.That(chained.named_parameters().Select(p => p.name), Does.Contain("Slope.interceptWeight"));
        }

        [Test]
        public void MeanField_OneLatent_GetsTheExactPosterior()
        {
            double[] y = { 1.3, -0.4, 2.2, -1.8, 0.6, -2.5, 1.1, 0.2, -0.9, 1.7, -1.2, 0.4 };
            using var problem = new AutoScaleMeanFieldProblem(new AutoScaleMeanFieldProblem.PlateSizes(Points: y.Length),
                new AutoScaleMeanFieldProblem.Observations(Y: tensor(y, ScalarType.Float64)), ScalarType.Float64);
            var fit = problem.Fit(new FitOptions { Seed = 1 });
            var (mean, sd) = ScaleExact(y);
            AssertMatches(fit, new[] { "Sigma" }, new[] { mean }, new[] { sd });
        }

        [Test]
        public void Default_AWideVectorLatent_GetsALowRankCovarianceAndTheExactPosterior()
        {
            // 70 coefficients, each observed twice with noise 1 (point i reads coefficient i / 2 through a one-hot row of
            // the design) and an intercept with a N(0, 5^2) prior observed through every point: y = 2 + x.beta + e with
            // beta_j = (j - 35) / 20 and fixed noise from System.Random (seed 7).
            const int p = 70, n = 2 * p;
            var random = new Random(7);
            double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var design = new double[n * p];
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                design[i * p + i / 2] = 1.0;
                y[i] = 2.0 + (i / 2 - 35) / 20.0 + Gaussian();
            }
            using var problem = new AutoWideRegressionProblem(new AutoWideRegressionProblem.PlateSizes(Points: n),
                new AutoWideRegressionProblem.Observations(Y: tensor(y, ScalarType.Float64)),
                new AutoWideRegressionProblem.Inputs(Design: tensor(design, ScalarType.Float64).reshape(n, p)), ScalarType.Float64);
            var fit = problem.Fit(new FitOptions { Seed = 0, Draws = 16000 });

            // The exact Gaussian posterior of (beta, intercept): precision = diag(1, ..., 1, 1/25) + A^T A (noise 1) with
            // rows (x_i, 1); mean = precision^-1 A^T y. Solved with float64 linear algebra here.
            using var a = cat(new[] { tensor(design, ScalarType.Float64).reshape(n, p), ones(n, 1, dtype: ScalarType.Float64) }, 1L);
            var priorPrecision = Enumerable.Repeat(1.0, p).Append(1 / 25.0).ToArray();
            using var precision = a.t().matmul(a).add(diag(tensor(priorPrecision, ScalarType.Float64)));
            using var covariance = linalg.inv(precision);
            using var exactMean = covariance.matmul(a.t().matmul(tensor(y, ScalarType.Float64)));
            var means = exactMean.data<double>().ToArray();
            var sds = covariance.diagonal().sqrt().data<double>().ToArray();
            var rows = fit.Summary();
            TestContext.Out.WriteLine(fit);
            // 71 dimensions: the pooled draws' effective sample size is a few hundred (about 250 of 16,000 here), so the
            // bands are Monte Carlo ones: each mean within 4 standard errors sd / sqrt(ESS), each sd within 4 of its
            // own, sd / sqrt(2 ESS); an ESS of at least 100 keeps them below 0.4 and 0.3 posterior sds.
            Assert.Multiple(() =>
            {
                Assert.That(fit.ParetoK, Is.LessThanOrEqualTo(0.7), fit.ToString());
                for (int j = 0; j <= p; j++)
                {
                    var row = rows.Single(r => r.Label == (j < p ? $"Coefficients[{j}]" : "Intercept"));
                    Assert.That(row.Ess, Is.GreaterThanOrEqualTo(100), row.Label + " ESS");
                    Assert.That(row.Mean, Is.EqualTo(means[j]).Within(4 * sds[j] / Math.Sqrt(row.Ess)), row.Label + " mean");
                    Assert.That(row.Sd, Is.EqualTo(sds[j]).Within(4 * sds[j] / Math.Sqrt(2 * row.Ess)), row.Label + " sd");
                }
            });
        }
    }
}
