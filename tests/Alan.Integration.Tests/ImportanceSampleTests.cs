using System;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>Exact importance sampling by backward sampling through the elimination plan (DESIGN 4.7).</summary>
    public class ImportanceSampleTests
    {
        private static NestedProblem Nested()
        {
            torch.manual_seed(11);
            var sizes = new NestedProblem.PlateSizes(States: 2, Zips: 3);
            var inputs = new NestedProblem.Inputs(Basement: torch.randn(2, dtype: ScalarType.Float64), Covariates: torch.randn(2, 3, 3, dtype: ScalarType.Float64));
            var prior = NestedProblem.SamplePrior(sizes, inputs, ScalarType.Float64);
            return new NestedProblem(sizes, new NestedProblem.Observations(prior.Obs), inputs, ScalarType.Float64);
        }

        [Test]
        public void DrawsHaveDocumentedShapes()
        {
            var problem = Nested();
            using var sample = problem.Sample(K: 3);
            var draws = sample.ImportanceSample(N: 5);
            Assert.That(draws.GlobalMean.shape, Is.EqualTo(new long[] { 5 }));
            Assert.That(draws.StateMean.shape, Is.EqualTo(new long[] { 5, 2 }));
            Assert.That(draws.Phi.shape, Is.EqualTo(new long[] { 5, 3 }));
        }

        [Test]
        public void IndexFrequenciesMatchMarginals()
        {
            // Every draw must be one of the particles; its frequency per particle must match the marginal
            // weight within 6 binomial standard errors.
            var problem = Nested();
            using var sample = problem.Sample(K: 3);
            const int n = 40000;
            var draws = sample.ImportanceSample(n);
            var marginals = sample.Marginals();
            var particles = sample.Particles;
            foreach (var (name, d, w, x) in new[]
            {
                ("GlobalMean", draws.GlobalMean.unsqueeze(1), marginals.GlobalMean.unsqueeze(1), particles.GlobalMean.unsqueeze(1)),
                ("StateMean", draws.StateMean, marginals.StateMean, particles.StateMean),
                ("BetaBasement", draws.BetaBasement, marginals.BetaBasement, particles.BetaBasement),
            })
            {
                long plates = d.shape[1];
                for (long p = 0; p < plates; p++)
                {
                    double total = 0;
                    for (long k = 0; k < 3; k++)
                    {
                        double value = x[k, p].item<double>();
                        double freq = (d[.., p] == value).sum().item<long>() / (double)n;
                        double weight = w[k, p].item<double>();
                        double se = Math.Sqrt(Math.Max(weight * (1 - weight), 1e-12) / n);
                        Assert.That(freq, Is.EqualTo(weight).Within(6 * se + 1e-12), $"{name}[{p}] particle {k}");
                        total += freq;
                    }
                    Assert.That(total, Is.EqualTo(1.0).Within(1e-12), $"{name}[{p}]: every draw is a particle");
                }
            }
        }

        [Test]
        public void DrawMomentsAgreeWithSourceTermMoments()
        {
            var problem = Nested();
            using var sample = problem.Sample(K: 4);
            var exact = sample.Moments();
            var fromDraws = sample.ImportanceSample(N: 40000).Moments();
            // Monte Carlo band: 6 standard errors of a mean of 40000 draws, using the exact posterior sd.
            foreach (var (a, b) in new[] { (exact.StateMean, fromDraws.StateMean), (exact.Phi, fromDraws.Phi), (exact.GlobalMean, fromDraws.GlobalMean) })
            {
                var band = 6 * a.Std / Math.Sqrt(40000) + 1e-9;
                Assert.That(((a.Mean - b.Mean).abs() <= band).all().item<bool>(), Is.True);
            }
        }

        [Test]
        public void DrawsAndMarginalsMatchTheExactConjugatePosterior()
        {
            // mu ~ N(0,1), x_i ~ N(mu,1): posterior N(sum x / (n+1), 1/(n+1)).
            torch.manual_seed(13);
            var x = new[] { 0.3, -0.2, 1.1, 0.8, 0.4 };
            var problem = new IntroProblem(new IntroProblem.PlateSizes(P1: x.Length),
                new IntroProblem.Observations(torch.tensor(x, dtype: ScalarType.Float64)), ScalarType.Float64);
            double mean = 2.4 / 6, sd = Math.Sqrt(1.0 / 6);
            using var sample = problem.Sample(K: 20000);
            var draws = sample.ImportanceSample(N: 20000);
            Assert.That(draws.Mu.dtype, Is.EqualTo(ScalarType.Float64));
            var m = draws.Moments().Mu;
            // Self-normalised IS (ESS in the thousands) plus 20000 draws: errors ~ 0.01; band 0.03.
            Assert.That(m.Mean.item<double>(), Is.EqualTo(mean).Within(0.03));
            Assert.That(m.Std.item<double>(), Is.EqualTo(sd).Within(0.03));
            var w = sample.Marginals().Mu;
            var fromWeights = (w * sample.Particles.Mu).sum().item<double>();
            Assert.That(fromWeights, Is.EqualTo(mean).Within(0.03));
        }
    }
}
