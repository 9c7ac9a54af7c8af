using System;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>A Mixture as a latent's prior and as its proposal, checked against quadrature.</summary>
    public class MixtureLatentTests
    {
        private static readonly double[] Y = { -1.1, 0.4, -0.2 };

        private static MixturePriorProblem Problem() =>
            new(new MixturePriorProblem.PlateSizes(Points: Y.Length), new MixturePriorProblem.Observations(Y: tensor(Y, ScalarType.Float64)), ScalarType.Float64);

        private static double LogNormal(double x, double mean, double sd) =>
            -0.5 * Math.Log(2 * Math.PI) - Math.Log(sd) - 0.5 * (x - mean) * (x - mean) / (sd * sd);

        private static double LogPrior(double z) =>
            Math.Log(0.3 * Math.Exp(LogNormal(z, -2, 1)) + 0.7 * Math.Exp(LogNormal(z, 2, 1)));

        private static double LogJoint(double z) => LogPrior(z) + Y.Sum(y => LogNormal(y, z, 1));

        /// <summary>With one particle the estimate is log p(z, y) - log q(z) at the drawn z: computed here by hand.</summary>
        [Test]
        public void OneParticle_EstimateIsTheLogWeightOfTheDrawnValue()
        {
            using var problem = Problem();
            torch.random.manual_seed(3);
            for (int repeat = 0; repeat < 5; repeat++)
            {
                using var sample = problem.Sample(1, reparam: false);
                double z = sample.Particles.Z.reshape(-1)[0].item<double>();
                // Q at its initial parameters: equal weights, N(-1, 1) and N(1, 1)
                double logQ = Math.Log(0.5 * Math.Exp(LogNormal(z, -1, 1)) + 0.5 * Math.Exp(LogNormal(z, 1, 1)));
                Assert.That(sample.ElboNoGrad().item<double>(), Is.EqualTo(LogJoint(z) - logQ).Within(1e-9));
            }
        }

        /// <summary>Fit picks RWS (a Mixture is not reparameterised) and reaches the posterior mean and sd from quadrature.</summary>
        [Test]
        public void Fit_ReachesTheQuadraturePosterior()
        {
            // Simpson's rule on [-12, 12] with 4,000 intervals: error far below the bands.
            const int n = 4000;
            double a = -12, h = 24.0 / n, top = Enumerable.Range(0, n + 1).Max(i => LogJoint(a + i * h));
            double mass = 0, first = 0, second = 0;
            for (int i = 0; i <= n; i++)
            {
                double z = a + i * h, w = (i == 0 || i == n ? 1 : i % 2 == 1 ? 4 : 2) * Math.Exp(LogJoint(z) - top);
                mass += w;
                first += w * z;
                second += w * z * z;
            }
            double mean = first / mass, sd = Math.Sqrt(second / mass - mean * mean);

            using var problem = Problem();
            var fit = problem.Fit(new FitOptions { Seed = 11 });
            TestContext.Out.WriteLine(fit);
            var row = fit.Summary().Single();
            Assert.That(fit.Method, Is.EqualTo(FitMethod.Rws));
            Assert.That(fit.IsReliable, Is.True, fit.Diagnosis);
            Assert.That(row.Mean, Is.EqualTo(mean).Within(0.1 * sd));
            Assert.That(row.Sd, Is.EqualTo(sd).Within(0.1 * sd));
        }
    }
}
