using System;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static Alan.Integration.Tests.TestMath;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// Observed timeseries (DESIGN 4.10): [Data, Timeseries(init)] variables reading their own observations back along
    /// the plate. AR(2) with a latent coefficient (input init) and AR(1) with a latent init per region, both
    /// linear-Gaussian in the latent: the evidence and posterior against the closed forms computed here, the particle
    /// weights against the importance weights computed here from the particles, splits, SamplePrior and the predictive
    /// density of held-out future observations. Float64, fixed seeds.
    /// </summary>
    public class ObservedTimeseriesTests
    {
        private const double Tol = 1e-9;
        private const double Ar2Sigma = 0.7, Ar2Back2 = -0.3;
        private static readonly double[] Ar2Init = { 0.4, -0.8 };

        private static double[] Ar2Data(int steps)
        {
            torch.manual_seed(71);
            var prior = Ar2CoefficientProblem.SamplePrior(new Ar2CoefficientProblem.PlateSizes(T: steps),
                new Ar2CoefficientProblem.Inputs(Init: torch.tensor(Ar2Init)), ScalarType.Float64);
            return ToArray(prior.Y);
        }

        private static Ar2CoefficientProblem Ar2(double[] y) => new Ar2CoefficientProblem(new Ar2CoefficientProblem.PlateSizes(T: y.Length),
            new Ar2CoefficientProblem.Observations(Y: torch.tensor(y)), new Ar2CoefficientProblem.Inputs(Init: torch.tensor(Ar2Init)), ScalarType.Float64);

        /// <summary>The AR(2) as a regression on Phi: r_t = y_t + 0.3 y_{t-2} = Phi x_t + noise with x_t = y_{t-1} (init before y_0, oldest first).</summary>
        private static (double[] X, double[] R) Ar2Regression(double[] y)
        {
            var e = Ar2Init.Concat(y).ToArray();
            var x = new double[y.Length];
            var r = new double[y.Length];
            for (int t = 0; t < y.Length; t++)
            {
                x[t] = e[t + 1];
                r[t] = y[t] - Ar2Back2 * e[t];
            }
            return (x, r);
        }

        /// <summary>log p(y) = log N(r; 0, sigma^2 I + x x^T) (the map y -> r has unit Jacobian), and Phi's Gaussian posterior.</summary>
        private static (double LogEvidence, double Mean, double Sd) Ar2Exact(double[] y)
        {
            var (x, r) = Ar2Regression(y);
            double s2 = Ar2Sigma * Ar2Sigma, xx = x.Sum(v => v * v), xr = x.Zip(r, (a, b) => a * b).Sum(), rr = r.Sum(v => v * v);
            int n = y.Length;
            double logDet = n * Math.Log(s2) + Math.Log(1 + xx / s2);
            double quad = (rr - xr * xr / (s2 + xx)) / s2;
            double precision = 1 + xx / s2;
            return (-0.5 * n * Math.Log(2 * Math.PI) - 0.5 * logDet - 0.5 * quad, xr / s2 / precision, 1 / Math.Sqrt(precision));
        }

        private static void SetGuide(torch.nn.Module problem, string latent, double loc, double sd)
        {
            using var _ = torch.no_grad();
            foreach (var (name, p) in problem.named_parameters())
            {
                if (name == latent + ".loc") p.fill_(loc);
                if (name == latent + ".logScale") p.fill_(Math.Log(sd));
            }
        }

        [Test]
        public void Ar2_WithTheExactPosteriorAsQ_EveryEstimateIsTheEvidence()
        {
            var y = Ar2Data(25);
            var (logZ, mean, sd) = Ar2Exact(y);
            var problem = Ar2(y);
            SetGuide(problem, "Phi", mean, sd);
            torch.manual_seed(72);
            using var s = problem.Sample(K: 5);
            // Q = p(Phi | y): every particle's weight p(y, Phi) / q(Phi) is p(y), so the estimate is exact.
            // (1e-8: the sum of 25 log-densities near -40 in float64, with Q's scale through exp(log sd).)
            Assert.That(Item(s.ElboNoGrad()), Is.EqualTo(logZ).Within(1e-8));
            Assert.That(Item(s.ElboVi()), Is.EqualTo(logZ).Within(1e-8));
        }

        [Test]
        public void Ar2_WeightsAndEstimateEqualTheImportanceWeightsOfTheParticles()
        {
            var y = Ar2Data(12);
            var (x, r) = Ar2Regression(y);
            var problem = Ar2(y);
            const double QLoc = 0.2, QSd = 0.5;
            SetGuide(problem, "Phi", QLoc, QSd);
            torch.manual_seed(73);
            using var s = problem.Sample(K: 7);
            var phi = ToArray(s.Particles.Phi);
            var logW = phi.Select(p => NormalLogPdf(p, 0, 1) + x.Select((xt, t) => NormalLogPdf(r[t], p * xt, Ar2Sigma)).Sum() - NormalLogPdf(p, QLoc, QSd)).ToList();
            double total = LogSumExp(logW);
            Assert.That(Item(s.ElboNoGrad()), Is.EqualTo(LogMeanExp(logW)).Within(Tol), "log P-hat = log mean_k w_k");
            var weights = logW.Select(l => Math.Exp(l - total)).ToArray();
            Assert.That(ToArray(s.Marginals().Phi), Is.EqualTo(weights).Within(Tol), "posterior weights of the particles");
            Assert.That(Item(s.Moments().Phi.Mean), Is.EqualTo(weights.Zip(phi, (w, p) => w * p).Sum()).Within(Tol), "posterior mean");
        }

        [Test]
        public void Ar2_PosteriorOfTheCoefficientMatchesTheGaussianOne()
        {
            var y = Ar2Data(30);
            var (_, mean, sd) = Ar2Exact(y);
            var problem = Ar2(y);
            // A proposal off the posterior (shifted by half an sd, twice as wide): self-normalised importance sampling.
            SetGuide(problem, "Phi", mean + 0.5 * sd, 2 * sd);
            torch.manual_seed(74);
            using var s = problem.Sample(K: 3000);
            double ess = Item(s.Marginals().Ess().Phi);
            var moments = s.Moments().Phi;
            // The estimate's standard error is about sd / sqrt(ESS); band: 6 standard errors.
            double band = 6 * sd / Math.Sqrt(ess);
            Assert.That(Item(moments.Mean), Is.EqualTo(mean).Within(band), $"posterior mean (ESS {ess:F0})");
            Assert.That(Item(moments.Std), Is.EqualTo(sd).Within(band), "posterior sd");
            var draws = ToArray(s.ImportanceSample(4000).Phi);
            // Draws from the MP posterior: their mean is within the same band plus 6 sd / sqrt(4000) of Monte Carlo error.
            Assert.That(draws.Average(), Is.EqualTo(mean).Within(band + 6 * sd / Math.Sqrt(4000)), "importance draws' mean");
        }

        // ---------------------------------------------------------------- AR(1) with a latent init per region

        private const double A = 0.6, Noise = 0.8, InitMean = 1.0, InitSd = 2.0;

        private static (double[,] Y, double[] Y0) Ar1Data(int regions, int steps)
        {
            torch.manual_seed(81);
            var prior = Ar1LatentInitProblem.SamplePrior(new Ar1LatentInitProblem.PlateSizes(Regions: regions, T: steps), ScalarType.Float64);
            Assert.That(prior.Y.shape, Is.EqualTo(new long[] { regions, steps }));
            var flat = ToArray(prior.Y);
            var y = new double[regions, steps];
            for (int i = 0; i < regions; i++) for (int t = 0; t < steps; t++) y[i, t] = flat[i * steps + t];
            return (y, ToArray(prior.Y0));
        }

        private static Ar1LatentInitProblem Ar1(double[,] y) => new Ar1LatentInitProblem(
            new Ar1LatentInitProblem.PlateSizes(Regions: y.GetLength(0), T: y.GetLength(1)),
            new Ar1LatentInitProblem.Observations(Y: torch.tensor(y)), ScalarType.Float64);

        /// <summary>
        /// Y0 reaches only y_0 ~ N(0.6 Y0, 0.8): marginally y_0 ~ N(0.6, sqrt(0.36 * 4 + 0.64)); later elements are
        /// conditionals on known values. Y0's posterior is the conjugate Normal given y_0.
        /// </summary>
        private static (double LogEvidence, double[] Mean, double[] Sd) Ar1Exact(double[,] y, int steps)
        {
            int regions = y.GetLength(0);
            double logZ = 0;
            var mean = new double[regions];
            var sd = new double[regions];
            for (int i = 0; i < regions; i++)
            {
                logZ += NormalLogPdf(y[i, 0], A * InitMean, Math.Sqrt(A * A * InitSd * InitSd + Noise * Noise));
                for (int t = 1; t < steps; t++) logZ += NormalLogPdf(y[i, t], A * y[i, t - 1], Noise);
                double precision = 1 / (InitSd * InitSd) + A * A / (Noise * Noise);
                mean[i] = (InitMean / (InitSd * InitSd) + A * y[i, 0] / (Noise * Noise)) / precision;
                sd[i] = 1 / Math.Sqrt(precision);
            }
            return (logZ, mean, sd);
        }

        private static void SetRegionGuide(Ar1LatentInitProblem problem, double[] mean, double[] sd)
        {
            using var _ = torch.no_grad();
            foreach (var (name, p) in problem.named_parameters())
            {
                if (name.EndsWith("Y0.loc")) p.copy_(torch.tensor(mean));
                if (name.EndsWith("Y0.logScale")) p.copy_(torch.tensor(sd.Select(v => Math.Log(v)).ToArray()));
            }
        }

        [Test]
        public void Ar1_LatentInit_WithTheExactPosteriorAsQ_TheEstimateIsTheEvidence()
        {
            var (y, _) = Ar1Data(3, 8);
            var (logZ, mean, sd) = Ar1Exact(y, 8);
            var problem = Ar1(y);
            SetRegionGuide(problem, mean, sd);
            torch.manual_seed(82);
            using var s = problem.Sample(K: 4);
            Assert.That(Item(s.ElboNoGrad()), Is.EqualTo(logZ).Within(Tol));
        }

        [Test]
        public void Ar1_LatentInit_PosteriorOfTheInitMatchesTheGaussianOne()
        {
            var (y, _) = Ar1Data(3, 8);
            var (_, mean, sd) = Ar1Exact(y, 8);
            var problem = Ar1(y);
            SetRegionGuide(problem, mean.Select(m => m - 0.3).ToArray(), sd.Select(v => 1.5 * v).ToArray());
            torch.manual_seed(83);
            using var s = problem.Sample(K: 3000);
            var ess = ToArray(s.Marginals().Ess().Y0);
            var m = ToArray(s.Moments().Y0.Mean);
            for (int i = 0; i < 3; i++)
                Assert.That(m[i], Is.EqualTo(mean[i]).Within(6 * sd[i] / Math.Sqrt(ess[i])), $"posterior mean of Y0 in region {i} (6 standard errors)");
        }

        [TestCase("T", 3)]
        [TestCase("T", 1)]
        [TestCase("Regions", 2)]
        public void SplittingIsExact(string plate, int chunk)
        {
            var (y, _) = Ar1Data(3, 7);
            var problem = Ar1(y);
            using (torch.no_grad()) foreach (var p in problem.parameters()) p.copy_(torch.randn_like(p) * 0.3);
            var split = ComputationStrategy.Split(plate, chunk);
            torch.manual_seed(84);
            using var a = problem.Sample(K: 4);
            torch.manual_seed(84);
            using var b = problem.Sample(K: 4);
            double whole = Item(a.ElboNoGrad());
            Assert.That(Item(a.ElboNoGrad(split)), Is.EqualTo(whole).Within(Tol), "value");
            double[] Grads(Func<Tensor> objective)
            {
                foreach (var p in problem.parameters()) p.grad = null;
                objective().backward();
                return problem.parameters().SelectMany(p => p.grad!.data<double>().ToArray()).ToArray();
            }
            var vi = Grads(() => a.ElboVi());
            Assert.That(vi.Any(g => g != 0), Is.True);
            Assert.That(Grads(() => b.ElboVi(split)), Is.EqualTo(vi).Within(Tol), "ElboVi gradients");
            Assert.That(ToArray(b.Moments(split).Y0.Mean), Is.EqualTo(ToArray(a.Moments().Y0.Mean)).Within(Tol), "moments");
        }

        [Test]
        public void SamplePrior_DrawsTheSeriesForwardFromTheInit()
        {
            const int Steps = 4000;
            var (y, y0) = Ar1Data(1, Steps);
            // Residuals y_t - 0.6 y_{t-1} (Y0 before the first) are iid N(0, 0.8): their mean and sd within 6 standard errors.
            var residuals = Enumerable.Range(0, Steps).Select(t => y[0, t] - A * (t == 0 ? y0[0] : y[0, t - 1])).ToArray();
            double m = residuals.Average();
            double sd = Math.Sqrt(residuals.Select(v => (v - m) * (v - m)).Average());
            Assert.That(m, Is.EqualTo(0).Within(6 * Noise / Math.Sqrt(Steps)));
            Assert.That(sd, Is.EqualTo(Noise).Within(6 * Noise / Math.Sqrt(2 * Steps)));
            // AR(2) with its input init, each draw with its own Phi (often explosive, so short series): the residuals
            // y_t - Phi y_{t-1} + 0.3 y_{t-2} (the init's two values before the first, oldest first) are iid N(0, 0.7).
            const int Draws = 300, Short = 12;
            torch.manual_seed(75);
            var all = new System.Collections.Generic.List<double>();
            for (int n = 0; n < Draws; n++)
            {
                var prior = Ar2CoefficientProblem.SamplePrior(new Ar2CoefficientProblem.PlateSizes(T: Short),
                    new Ar2CoefficientProblem.Inputs(Init: torch.tensor(Ar2Init)), ScalarType.Float64);
                double phi = Item(prior.Phi);
                var (x, r) = Ar2Regression(ToArray(prior.Y));
                for (int t = 0; t < Short; t++) all.Add(r[t] - phi * x[t]);
            }
            double m2 = all.Average();
            double sd2 = Math.Sqrt(all.Select(v => (v - m2) * (v - m2)).Average());
            Assert.That(m2, Is.EqualTo(0).Within(6 * Ar2Sigma / Math.Sqrt(all.Count)), "residual mean of the AR(2) draws");
            Assert.That(sd2, Is.EqualTo(Ar2Sigma).Within(6 * Ar2Sigma / Math.Sqrt(2 * all.Count)), "residual sd of the AR(2) draws");
        }

        [Test]
        public void PredictiveLogLikelihood_ScoresHeldOutFutureObservationsGivenTheObservedPast()
        {
            const int Train = 6, All = 9;
            var (all, _) = Ar1Data(2, All);
            var train = new double[2, Train];
            for (int i = 0; i < 2; i++) for (int t = 0; t < Train; t++) train[i, t] = all[i, t];
            var problem = Ar1(train);
            torch.manual_seed(85);
            using var s = problem.Sample(K: 10);
            var extended = s.ImportanceSample(50).Extend(new Ar1LatentInitProblem.PlateSizes(Regions: 2, T: All));
            double predictive = Item(extended.PredictiveLogLikelihood(new Ar1LatentInitProblem.Observations(Y: torch.tensor(all))).Y);
            // The future elements depend on the observed past only (not on Y0): the exact log predictive density.
            double exact = 0;
            for (int i = 0; i < 2; i++) for (int t = Train; t < All; t++) exact += NormalLogPdf(all[i, t], A * all[i, t - 1], Noise);
            Assert.That(predictive, Is.EqualTo(exact).Within(Tol));
        }
    }
}
