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
    /// Improper priors (Flat) and distributions built from components (Mixture, Ordered) in generated problems: the MP
    /// estimator against closed forms computed here, SamplePrior's and Extend's refusals, and RWS on Stan's ordered
    /// two-component normal mixture.
    /// </summary>
    public class ImproperAndMixtureTests
    {
        // ------------------------------------------------------------------ a flat coefficient prior

        private static readonly double[] RegressionX = { -1.5, -0.5, 0.2, 1.0, 2.3, 3.1 };
        private static readonly double[] RegressionY = { -0.9, 0.6, 0.8, 2.1, 3.0, 4.4 };
        private const double Noise = 0.7;

        /// <summary>
        /// With a flat prior, log p(y | beta) + 0 - log q(beta) is the same for every beta when q is the exact posterior
        /// N(beta_hat, s^2 (X'X)^-1): log Z = -(n - 2)/2 log(2 pi s^2) - RSS / (2 s^2) - 1/2 log det(X'X), Z the integral of
        /// the likelihood over beta. So every log P-hat equals log Z, whatever the particles.
        /// </summary>
        [Test]
        public void FlatPriorEstimatorIsTheIntegratedLikelihoodWhenQIsTheExactPosterior()
        {
            int n = RegressionX.Length;
            double sxx = RegressionX.Sum(x => x * x), sx = RegressionX.Sum(), sy = RegressionY.Sum();
            double sxy = RegressionX.Zip(RegressionY, (x, y) => x * y).Sum();
            double det = n * sxx - sx * sx;
            // beta_hat = (X'X)^-1 X'y with X = [1, x].
            double b0 = (sxx * sy - sx * sxy) / det, b1 = (n * sxy - sx * sy) / det;
            double rss = RegressionX.Zip(RegressionY, (x, y) => Math.Pow(y - b0 - b1 * x, 2)).Sum();
            double s2 = Noise * Noise;
            double logZ = -(n - 2) / 2.0 * Math.Log(2 * Math.PI * s2) - rss / (2 * s2) - 0.5 * Math.Log(det);
            // The posterior covariance s^2 (X'X)^-1 and its Cholesky factor.
            double c00 = s2 * sxx / det, c01 = -s2 * sx / det, c11 = s2 * n / det;
            double l00 = Math.Sqrt(c00), l10 = c01 / l00, l11 = Math.Sqrt(c11 - l10 * l10);

            var sizes = new FlatRegressionProblem.PlateSizes(Obs: n);
            var inputs = new FlatRegressionProblem.Inputs(
                PostMean: torch.tensor(new[] { b0, b1 }),
                PostScaleTril: torch.tensor(new[] { l00, 0.0, l10, l11 }).reshape(2, 2),
                X: torch.tensor(RegressionX));
            var problem = new FlatRegressionProblem(sizes, new FlatRegressionProblem.Observations(Y: torch.tensor(RegressionY)), inputs, ScalarType.Float64);
            torch.manual_seed(61);
            for (int repeat = 0; repeat < 3; repeat++)
            {
                using var sample = problem.Sample(K: 25);
                Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(logZ).Within(1e-9 * Math.Abs(logZ)), $"repeat {repeat}");
                // The posterior weights are then uniform: the posterior mean is the particles' average.
                var particles = sample.Particles.Beta;
                var mean = ToArray(sample.Moments().Beta.Mean);
                var average = ToArray(particles.mean(new long[] { 0 }));
                Assert.That(mean[0], Is.EqualTo(average[0]).Within(1e-9));
                Assert.That(mean[1], Is.EqualTo(average[1]).Within(1e-9));
            }
        }

        // ------------------------------------------------------------------ SamplePrior and Extend with a flat latent

        private static readonly double[,] GroupsY = { { 0.3, 1.1, -0.2, 0.9, 0.4 }, { 2.2, 1.7, 2.9, 2.4, 1.5 } };

        private static Tensor GroupsObservations(int obs) =>
            torch.tensor(Enumerable.Range(0, 2).SelectMany(g => Enumerable.Range(0, obs).Select(j => GroupsY[g, j])).ToArray()).reshape(2, obs);

        [Test]
        public void SamplePriorRefusesAnImproperLatentNamingIt()
        {
            var ex = Assert.Throws<InvalidOperationException>(() => FlatGroupsProblem.SamplePrior(new FlatGroupsProblem.PlateSizes(Groups: 2, Obs: 3)));
            Assert.That(ex!.Message, Does.Contain("FlatGroupsProblem.SamplePrior").And.Contain("'Alpha' (Flat)").And.Contain("improper"));
        }

        [Test]
        public void ExtendRefusesToGrowThePlateOfAnImproperLatent()
        {
            torch.manual_seed(62);
            var problem = new FlatGroupsProblem(new FlatGroupsProblem.PlateSizes(Groups: 2, Obs: 3),
                new FlatGroupsProblem.Observations(Y: GroupsObservations(3)), ScalarType.Float64);
            using var sample = problem.Sample(K: 10);
            var draws = sample.ImportanceSample(N: 7);
            var ex = Assert.Throws<NotSupportedException>(() => draws.Extend(new FlatGroupsProblem.PlateSizes(Groups: 3, Obs: 3)));
            Assert.That(ex!.Message, Does.Contain("'Alpha'").And.Contain("plate 'Groups'").And.Contain("training size 2, new size 3").And.Contain("Flat"));
        }

        /// <summary>
        /// Growing Obs draws nothing from Alpha's prior: its draws are kept, and the predictive log-likelihood of the new
        /// observations is log mean_n exp(sum over groups g and new j of log N(y_gj; alpha_ng + beta_n, 1)), computed here.
        /// </summary>
        [Test]
        public void ExtendGrowingOnlyOtherPlatesKeepsTheImproperLatentsDraws()
        {
            torch.manual_seed(63);
            var problem = new FlatGroupsProblem(new FlatGroupsProblem.PlateSizes(Groups: 2, Obs: 3),
                new FlatGroupsProblem.Observations(Y: GroupsObservations(3)), ScalarType.Float64);
            using var sample = problem.Sample(K: 10);
            var draws = sample.ImportanceSample(N: 7);
            var extended = draws.Extend(new FlatGroupsProblem.PlateSizes(Groups: 2, Obs: 5));
            Assert.That(extended.Alpha.allclose(draws.Alpha, 0, 0), Is.True, "the training draws are kept");
            Assert.That(extended.Beta.allclose(draws.Beta, 0, 0), Is.True);
            var predictive = Item(extended.PredictiveLogLikelihood(new FlatGroupsProblem.Observations(Y: GroupsObservations(5))).Y);
            var alpha = ToArray(draws.Alpha);
            var beta = ToArray(draws.Beta);
            var perDraw = Enumerable.Range(0, 7).Select(d =>
                Enumerable.Range(0, 2).Sum(g => Enumerable.Range(3, 2).Sum(j => NormalLogPdf(GroupsY[g, j], alpha[2 * d + g] + beta[d], 1.0)))).ToList();
            Assert.That(predictive, Is.EqualTo(LogMeanExp(perDraw)).Within(1e-9 * Math.Abs(predictive)));
        }

        // ------------------------------------------------------------------ Stan's ordered two-component mixture

        private static readonly double[] MixtureY = { -2.3, -1.6, -2.9, 2.7, 3.4, 2.2, 3.9, 3.1, -1.2, 2.5 };

        private static StanMixtureProblem MixtureProblem() =>
            new StanMixtureProblem(new StanMixtureProblem.PlateSizes(Points: MixtureY.Length),
                new StanMixtureProblem.Observations(Y: torch.tensor(MixtureY)), ScalarType.Float64);

        /// <summary>log p(mu) + log p(y | mu): log 2! + N(mu_1; 0, 10) + N(mu_2; 0, 10) for mu_1 &lt; mu_2, and the mixture likelihood.</summary>
        private static double LogJoint(double mu1, double mu2)
        {
            if (!(mu1 < mu2)) return double.NegativeInfinity;
            double prior = Math.Log(2) + NormalLogPdf(mu1, 0, 10) + NormalLogPdf(mu2, 0, 10);
            return prior + MixtureY.Sum(y => LogSumExp(new[] { Math.Log(0.3) + NormalLogPdf(y, mu1, 1), Math.Log(0.7) + NormalLogPdf(y, mu2, 1) }));
        }

        /// <summary>log q(mu): log 2! + sum_j log(0.5 N(mu_j; low, 1) + 0.5 N(mu_j; high, 1)) for mu_1 &lt; mu_2.</summary>
        private static double LogProposal(double mu1, double mu2, double low, double high) =>
            Math.Log(2) + new[] { mu1, mu2 }.Sum(m => LogSumExp(new[] { Math.Log(0.5) + NormalLogPdf(m, low, 1), Math.Log(0.5) + NormalLogPdf(m, high, 1) }));

        private static void SetProposal(StanMixtureProblem problem, double low, double high)
        {
            using var noGrad = torch.no_grad();
            foreach (var (name, p) in problem.named_parameters())
                p.fill_(name == "Mu.low" ? low : high);
        }

        /// <summary>One group of K particles: log P-hat = log mean_k exp(log p(mu_k, y) - log q(mu_k)), computed here from the particles.</summary>
        [Test]
        public void MixtureEstimatorForFixedParticlesMatchesTheFormula()
        {
            torch.manual_seed(64);
            var problem = MixtureProblem();
            Assert.That(problem.named_parameters().Select(p => p.name), Is.EquivalentTo(new[] { "Mu.low", "Mu.high" }));
            for (int repeat = 0; repeat < 3; repeat++)
            {
                using var sample = problem.Sample(K: 40, reparam: false);
                var mu = ToArray(sample.Particles.Mu);
                Assert.That(Enumerable.Range(0, 40).All(k => mu[2 * k] < mu[2 * k + 1]), Is.True, "Q's particles are ordered");
                var terms = Enumerable.Range(0, 40).Select(k => LogJoint(mu[2 * k], mu[2 * k + 1]) - LogProposal(mu[2 * k], mu[2 * k + 1], -1.0, 1.0)).ToList();
                double expected = LogMeanExp(terms);
                Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(1e-9 * Math.Abs(expected)), $"repeat {repeat}");
            }
        }

        /// <summary>
        /// log p(y) by quadrature: the trapezoid rule on a 0.01 grid over [-10, 10]^2 (the joint is below e^-60 of its
        /// maximum on the box's edges and on the diagonal mu_1 = mu_2, where the ordered prior jumps to 0).
        /// </summary>
        private static double LogEvidenceByQuadrature()
        {
            const double Low = -10, High = 10, H = 0.01;
            int m = (int)Math.Round((High - Low) / H);
            var values = new double[m + 1, m + 1];
            double max = double.NegativeInfinity;
            for (int i = 0; i <= m; i++)
                for (int j = 0; j <= m; j++)
                {
                    values[i, j] = LogJoint(Low + i * H, Low + j * H);
                    max = Math.Max(max, values[i, j]);
                }
            double sum = 0;
            for (int i = 0; i <= m; i++)
                for (int j = 0; j <= m; j++)
                {
                    double w = (i == 0 || i == m ? 0.5 : 1.0) * (j == 0 || j == m ? 0.5 : 1.0);
                    sum += w * Math.Exp(values[i, j] - max);
                }
            return max + Math.Log(sum * H * H);
        }

        /// <summary>
        /// The MP estimate is unbiased for p(y), so E[log P-hat] &lt;= log p(y) (Jensen). Band, with mean m and standard error
        /// se of R = 100 ElboNoGrad values at K = 500 and Q at (low, high) = (-2, 3): -6 se &lt;= log p(y) - m &lt;= 0.05 nats.
        /// </summary>
        [Test]
        public void MixtureEvidenceMatchesQuadrature()
        {
            torch.manual_seed(65);
            var problem = MixtureProblem();
            SetProposal(problem, -2.0, 3.0);
            double exact = LogEvidenceByQuadrature();
            var values = new List<double>();
            for (int r = 0; r < 100; r++) { using var s = problem.Sample(500, reparam: false); values.Add(Item(s.ElboNoGrad())); }
            var (mean, se) = MeanSe(values);
            TestContext.Out.WriteLine($"quadrature {exact:F6}  mean {mean:F6}  gap {exact - mean:F6}  se {se:F6}");
            Assert.That(exact - mean, Is.GreaterThanOrEqualTo(-6 * se));
            Assert.That(exact - mean, Is.LessThanOrEqualTo(0.05));
        }

        /// <summary>
        /// RWS (wake-Q) from Q's initial (-1, 1) moves the proposal's centres towards the two clusters (near -2 and 3) and
        /// closes most of the gap to the evidence: the mean estimate at K = 10 over 200 samples rises by more than 6 of its
        /// standard errors.
        /// </summary>
        [Test]
        public void RwsTrainsTheMixtureProposal()
        {
            torch.manual_seed(66);
            var problem = MixtureProblem();
            (double Mean, double Se) Estimate()
            {
                var v = new List<double>();
                for (int r = 0; r < 200; r++) { using var s = problem.Sample(10, reparam: false); v.Add(Item(s.ElboNoGrad())); }
                return MeanSe(v);
            }
            var before = Estimate();
            var opt = torch.optim.Adam(problem.QParameters(), lr: 0.05);
            for (int i = 0; i < 300; i++)
            {
                opt.zero_grad();
                using (torch.NewDisposeScope())
                {
                    using var sample = problem.Sample(10, reparam: false);
                    var elbo = sample.ElboRws();
                    Assert.That(double.IsFinite(Item(elbo)), Is.True, $"iteration {i}");
                    elbo.backward();
                }
                opt.step();
            }
            var after = Estimate();
            var parameters = problem.named_parameters().ToDictionary(p => p.name, p => Item(p.parameter));
            TestContext.Out.WriteLine($"before {before.Mean:F4} ± {before.Se:F4}, after {after.Mean:F4} ± {after.Se:F4}, low {parameters["Mu.low"]:F3}, high {parameters["Mu.high"]:F3}");
            Assert.That(parameters["Mu.low"], Is.LessThan(-1.5));
            Assert.That(parameters["Mu.high"], Is.GreaterThan(2.0));
            Assert.That(after.Mean - before.Mean, Is.GreaterThan(6 * Math.Sqrt(before.Se * before.Se + after.Se * after.Se)));
        }

        [Test]
        public void ReparameterisedSamplingOfTheMixtureProposalThrowsNamingIt()
        {
            var problem = MixtureProblem();
            var ex = Assert.Throws<InvalidOperationException>(() => problem.Sample(4));
            Assert.That(ex!.Message, Does.Contain("'Mu'"));
        }
    }
}
