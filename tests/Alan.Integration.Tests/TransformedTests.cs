using System;
using System.Collections.Generic;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static Alan.Integration.Tests.TestMath;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// Guides built from Transformed (a Normal pushed through each bijector onto P's support): the MP estimator
    /// (ElboNoGrad, float64) against a brute-force average over particle assignments, with every density (P's and Q's
    /// change of variables) written out here with System.Math; eight schools, centred and non-centred, likewise, and
    /// VI training that improves its ELBO.
    /// </summary>
    public class TransformedTests
    {
        private const double Tol = 1e-8;
        private static readonly double[] Data = { 0.8, -0.3, 1.7, 0.4 };

        private static double Logit(double p) => Math.Log(p) - Math.Log(1 - p);

        /// <summary>log mean_k [log p(z_k) + Σ_t log p(d_t | z_k) - log q(z_k)]: one global latent, K particles.</summary>
        private static double BruteForce(int k, Func<int, double> logWeight)
        {
            var terms = new double[k];
            for (int i = 0; i < k; i++) terms[i] = logWeight(i);
            return LogMeanExp(terms);
        }

        [TestCase(4, 101)]
        [TestCase(1, 102)]
        public void ExpGuideForAGammaPrior(int k, int seed)
        {
            torch.manual_seed(seed);
            var problem = new TfExpProblem(new TfExpProblem.PlateSizes(T: Data.Length),
                new TfExpProblem.Observations(D: torch.tensor(Data)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(k);
            var tau = ToArray(sample.Particles.Tau);
            // P: Gamma(2, 1.5); Q: exp of N(0.3, e^-0.2), log q(y) = log N(log y) - log y.
            double expected = BruteForce(k, i =>
            {
                double y = tau[i];
                double lp = 2 * Math.Log(1.5) - LogGammaInt(2) + Math.Log(y) - 1.5 * y;
                double lq = NormalLogPdf(Math.Log(y), 0.3, Math.Exp(-0.2)) - Math.Log(y);
                return lp - lq + Data.Sum(d => NormalLogPdf(d, 0, y));
            });
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
        }

        [TestCase(4, 111)]
        public void SoftplusGuideForAHalfNormalPrior(int k, int seed)
        {
            torch.manual_seed(seed);
            var problem = new TfSoftplusProblem(new TfSoftplusProblem.PlateSizes(T: Data.Length),
                new TfSoftplusProblem.Observations(D: torch.tensor(Data)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(k);
            var sigma = ToArray(sample.Particles.Sigma);
            // Q: softplus of N(0.5, e^-0.4): x = log(e^y - 1), dy/dx = 1 - e^-y.
            double expected = BruteForce(k, i =>
            {
                double y = sigma[i];
                double lp = Math.Log(2) + NormalLogPdf(y, 0, 1.5);
                double lq = NormalLogPdf(Math.Log(Math.Exp(y) - 1), 0.5, Math.Exp(-0.4)) - Math.Log(1 - Math.Exp(-y));
                return lp - lq + Data.Sum(d => NormalLogPdf(d, 0, y));
            });
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
        }

        [TestCase(4, 121)]
        public void IntervalGuideForAUniformPrior(int k, int seed)
        {
            torch.manual_seed(seed);
            var problem = new TfIntervalProblem(new TfIntervalProblem.PlateSizes(T: Data.Length),
                new TfIntervalProblem.Observations(D: torch.tensor(Data)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(k);
            var u = ToArray(sample.Particles.U);
            // Q: -1 + 3 σ(x), x ~ N(0.2, e^0.1): z = (y + 1) / 3, dy/dx = 3 z (1 - z).
            double expected = BruteForce(k, i =>
            {
                double z = (u[i] + 1) / 3;
                double lq = NormalLogPdf(Logit(z), 0.2, Math.Exp(0.1)) - Math.Log(3 * z * (1 - z));
                return -Math.Log(3) - lq + Data.Sum(d => NormalLogPdf(d, u[i], 1.0));
            });
            Assert.That(u.All(v => v > -1 && v < 2), Is.True);
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
        }

        [TestCase(4, 131)]
        public void UnitIntervalGuideForABetaPrior(int k, int seed)
        {
            torch.manual_seed(seed);
            var flips = new[] { 1.0, 0.0, 0.0, 1.0, 0.0 };
            var problem = new TfUnitProblem(new TfUnitProblem.PlateSizes(T: flips.Length),
                new TfUnitProblem.Observations(D: torch.tensor(flips)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(k);
            var theta = ToArray(sample.Particles.Theta);
            // P: Beta(2, 3); Q: σ(x), x ~ N(-0.3, e^-0.1), dy/dx = y (1 - y).
            double expected = BruteForce(k, i =>
            {
                double y = theta[i];
                double lp = Math.Log(y) + 2 * Math.Log(1 - y) - LogBetaInt(2, 3);
                double lq = NormalLogPdf(Logit(y), -0.3, Math.Exp(-0.1)) - Math.Log(y * (1 - y));
                return lp - lq + flips.Sum(f => BernoulliLogPmf(f, y));
            });
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
        }

        [TestCase(4, 141)]
        public void StickBreakingGuideForADirichletPrior(int k, int seed)
        {
            torch.manual_seed(seed);
            var problem = new TfSimplexProblem(new TfSimplexProblem.PlateSizes(T: Data.Length),
                new TfSimplexProblem.Observations(D: torch.tensor(Data)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(k);
            Assert.That(sample.Particles.W.shape, Is.EqualTo(new long[] { k, 3 }), "two unconstrained values make a point of the 3-simplex");
            var w = ToArray(sample.Particles.W);
            double expected = BruteForce(k, i =>
            {
                var y = w.Skip(3 * i).Take(3).ToArray();
                // P: Dirichlet(2, 3, 1).
                double lp = Math.Log(y[0]) + 2 * Math.Log(y[1]) + LogGammaInt(6) - LogGammaInt(2) - LogGammaInt(3);
                // Q: break k takes z = y_k / (stick left); x_k = logit z + log(2 - k) ~ N(0.2, e^-0.3); dy_k/dx_k = left z (1 - z).
                double lq = 0, left = 1;
                for (int b = 0; b < 2; b++)
                {
                    double z = y[b] / left;
                    lq += NormalLogPdf(Logit(z) + Math.Log(2 - b), 0.2, Math.Exp(-0.3)) - Math.Log(left * z * (1 - z));
                    left -= y[b];
                }
                double mean = y[0] + 2 * y[1] + 3 * y[2];
                return lp - lq + Data.Sum(d => NormalLogPdf(d, mean, 0.5));
            });
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
        }

        /// <summary>log density of an increasing vector under (positive) ordered-of-Normal: steps from the previous value (or from 0).</summary>
        private static double OrderedLogDensity(double[] y, bool positive, double loc, double scale)
        {
            double lp = 0;
            for (int i = 0; i < y.Length; i++)
            {
                if (i == 0 && !positive) { lp += NormalLogPdf(y[0], loc, scale); continue; }
                double step = y[i] - (i == 0 ? 0 : y[i - 1]);
                // x_i = log step, dy_i/dx_i = step.
                lp += NormalLogPdf(Math.Log(step), loc, scale) - Math.Log(step);
            }
            return lp;
        }

        [TestCase(false, 4, 151)]
        [TestCase(true, 4, 152)]
        public void OrderedGuidesForAnOrderedPrior(bool positive, int k, int seed)
        {
            torch.manual_seed(seed);
            double[] c;
            double elbo;
            if (positive)
            {
                var problem = new TfPositiveOrderedProblem(new TfPositiveOrderedProblem.PlateSizes(T: Data.Length),
                    new TfPositiveOrderedProblem.Observations(D: torch.tensor(Data)), dtype: ScalarType.Float64);
                using var sample = problem.Sample(k);
                c = ToArray(sample.Particles.C);
                elbo = Item(sample.ElboNoGrad());
            }
            else
            {
                var problem = new TfOrderedProblem(new TfOrderedProblem.PlateSizes(T: Data.Length),
                    new TfOrderedProblem.Observations(D: torch.tensor(Data)), dtype: ScalarType.Float64);
                using var sample = problem.Sample(k);
                c = ToArray(sample.Particles.C);
                elbo = Item(sample.ElboNoGrad());
            }
            Assert.That(c.Length, Is.EqualTo(3 * k));
            double expected = BruteForce(k, i =>
            {
                var y = c.Skip(3 * i).Take(3).ToArray();
                Assert.That(y[1] > y[0] && y[2] > y[1] && (!positive || y[0] > 0), Is.True, "draws are increasing");
                double lp = positive ? OrderedLogDensity(y, true, 0, 1.0) : OrderedLogDensity(y, false, 0, 2.0);
                double lq = positive ? OrderedLogDensity(y, true, -0.2, Math.Exp(-0.5)) : OrderedLogDensity(y, false, 0.1, Math.Exp(-0.3));
                return lp - lq + Data.Sum(d => NormalLogPdf(d, y.Sum(), 1.0));
            });
            Assert.That(elbo, Is.EqualTo(expected).Within(Tol));
        }

        // ---------------------------------------------------------------- eight schools

        private static readonly double[] SchoolY = { 28, 8, -3, 7, -1, 1, 18, 12 };
        private static readonly double[] SchoolSigma = { 15, 10, 16, 11, 9, 11, 10, 18 };

        private static double HalfCauchyLogPdf(double x, double scale) => Math.Log(2 / (Math.PI * scale * (1 + (x / scale) * (x / scale))));

        /// <summary>
        /// Brute force over every assignment of one index to Mu, to Tau and to each school's latent (K^10 terms): P-hat is
        /// K^-10 Σ p / q, with Q mean-field at its initial values (Mu ~ N(-3, e^0.5), Tau = exp of N(2.5, 1), Theta ~ N(-3, e^1.5),
        /// Eta ~ N(1, e^-1)).
        /// </summary>
        private static double BruteForceSchools(double[] mu, double[] tau, double[] school, int k, bool centred)
        {
            const int j = 8;
            double schoolLoc = centred ? -3.0 : 1.0, schoolScale = Math.Exp(centred ? 1.5 : -1.0);
            var all = new List<double>();
            ForEachAssignment(2 + j, k, idx =>
            {
                double m = mu[idx[0]], t = tau[idx[1]];
                double lw = NormalLogPdf(m, 0, 5) - NormalLogPdf(m, -3.0, Math.Exp(0.5))
                          + HalfCauchyLogPdf(t, 5) - (NormalLogPdf(Math.Log(t), 2.5, 1.0) - Math.Log(t));
                for (int s = 0; s < j; s++)
                {
                    double v = school[idx[2 + s] * j + s];
                    lw -= NormalLogPdf(v, schoolLoc, schoolScale);
                    lw += centred
                        ? NormalLogPdf(v, m, t) + NormalLogPdf(SchoolY[s], v, SchoolSigma[s])
                        : NormalLogPdf(v, 0, 1) + NormalLogPdf(SchoolY[s], m + t * v, SchoolSigma[s]);
                }
                all.Add(lw);
            });
            return LogSumExp(all) - (2 + j) * Math.Log(k);
        }

        [TestCase(true, 3, 161)]
        [TestCase(false, 3, 162)]
        public void EightSchoolsMatchesBruteForce(bool centred, int k, int seed)
        {
            torch.manual_seed(seed);
            double expected, actual;
            if (centred)
            {
                var problem = new EightSchoolsCentredProblem(new EightSchoolsCentredProblem.PlateSizes(Schools: 8),
                    new EightSchoolsCentredProblem.Observations(Y: torch.tensor(SchoolY)),
                    new EightSchoolsCentredProblem.Inputs(Sigma: torch.tensor(SchoolSigma)), dtype: ScalarType.Float64);
                using var sample = problem.Sample(k);
                var p = sample.Particles;
                Assert.That(p.Theta.shape, Is.EqualTo(new long[] { k, 8 }));
                expected = BruteForceSchools(ToArray(p.Mu), ToArray(p.Tau), ToArray(p.Theta), k, centred);
                actual = Item(sample.ElboNoGrad());
            }
            else
            {
                var problem = new EightSchoolsNonCentredProblem(new EightSchoolsNonCentredProblem.PlateSizes(Schools: 8),
                    new EightSchoolsNonCentredProblem.Observations(Y: torch.tensor(SchoolY)),
                    new EightSchoolsNonCentredProblem.Inputs(Sigma: torch.tensor(SchoolSigma)), dtype: ScalarType.Float64);
                using var sample = problem.Sample(k);
                var p = sample.Particles;
                expected = BruteForceSchools(ToArray(p.Mu), ToArray(p.Tau), ToArray(p.Eta), k, centred);
                actual = Item(sample.ElboNoGrad());
            }
            Assert.That(actual, Is.EqualTo(expected).Within(Tol));
        }

        /// <summary>
        /// 600 Adam steps (lr 0.05, float32) on the plain ELBO (K = 1, where the guide's fit shows most) from the guide's
        /// initial values. The ELBO is estimated before and after as the mean of 500 independent single-particle ElboNoGrad
        /// draws; it must rise by more than 6 standard errors of the difference.
        /// </summary>
        [TestCase(true, 171)]
        [TestCase(false, 172)]
        public void EightSchoolsViImprovesTheElbo(bool centred, int seed)
        {
            torch.manual_seed(seed);
            IInferenceProblem problem = centred
                ? new EightSchoolsCentredProblem(new EightSchoolsCentredProblem.PlateSizes(Schools: 8),
                    new EightSchoolsCentredProblem.Observations(Y: torch.tensor(SchoolY, ScalarType.Float32)),
                    new EightSchoolsCentredProblem.Inputs(Sigma: torch.tensor(SchoolSigma, ScalarType.Float32)))
                : new EightSchoolsNonCentredProblem(new EightSchoolsNonCentredProblem.PlateSizes(Schools: 8),
                    new EightSchoolsNonCentredProblem.Observations(Y: torch.tensor(SchoolY, ScalarType.Float32)),
                    new EightSchoolsNonCentredProblem.Inputs(Sigma: torch.tensor(SchoolSigma, ScalarType.Float32)));
            var module = (torch.nn.Module)problem;
            var before = MeanSe(Estimates(problem));
            var opt = torch.optim.Adam(module.parameters(), lr: 0.05);
            for (int step = 0; step < 600; step++)
            {
                using var scope = torch.NewDisposeScope();
                opt.zero_grad();
                using var sample = problem.Sample(1);
                var elbo = sample.ElboVi();
                Assert.That(double.IsFinite(elbo.item<float>()), Is.True, $"ELBO at step {step}");
                (-elbo).backward();
                opt.step();
            }
            var after = MeanSe(Estimates(problem));
            double band = 6 * Math.Sqrt(before.Se * before.Se + after.Se * after.Se);
            Assert.That(after.Mean - before.Mean, Is.GreaterThan(band), $"ELBO {before.Mean} (se {before.Se}) -> {after.Mean} (se {after.Se})");
        }

        private static List<double> Estimates(IInferenceProblem problem)
        {
            var values = new List<double>();
            for (int i = 0; i < 500; i++)
            {
                using var sample = problem.Sample(1);
                values.Add(Item(sample.ElboNoGrad()));
            }
            return values;
        }
    }
}
