using System;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// ImportanceSample draws from the weights Marginals and Moments report, at the problem's dtype, and says the same
    /// where those weights are not finite.
    /// </summary>
    public class PosteriorAgreementTests
    {
        private static IntroProblem Intro(double observed, ScalarType dtype)
        {
            var obs = torch.full(new long[] { 3 }, observed, dtype: dtype);
            return new IntroProblem(new IntroProblem.PlateSizes(P1: 3), new IntroProblem.Observations(Obs: obs), dtype);
        }

        [Test]
        public void Float32DrawsFarFromThePriorAgreeWithMoments()
        {
            // Data 1e6 away from the prior: the weights exp(-sum (1e6 - mu_k)^2 / 2) differ by factors e^(3e6 dmu) between
            // particles, so nearly all the weight is on the largest particle. A float32 joint (log-weights near -1.5e12,
            // one ulp ~ 1.3e5) lost those differences and drew particles across the prior; the float64 weights of Moments
            // did not. Band: 6 standard errors of the mean of N draws from Moments' own posterior over the particles,
            // plus float32 rounding of the particle values.
            torch.manual_seed(5);
            var problem = Intro(1e6, ScalarType.Float32);
            using var sample = problem.Sample(K: 1000);
            var moments = sample.Moments();
            double mean = moments.Mu.Mean.to_type(ScalarType.Float64).item<double>();
            double variance = moments.Mu.Variance.to_type(ScalarType.Float64).item<double>();
            const int n = 20000;
            var draws = sample.ImportanceSample(n).Mu.to_type(ScalarType.Float64);
            double drawn = draws.mean().item<double>();
            double band = 6 * Math.Sqrt(variance / n) + 1e-6 * Math.Abs(mean);
            Assert.That(drawn, Is.EqualTo(mean).Within(band), $"draws' mean {drawn}, Moments' mean {mean}");
            // And the draws are the particle Moments weighs most (the largest particle).
            double largest = sample.Particles.Mu.max().to_type(ScalarType.Float64).item<double>();
            Assert.That(mean, Is.EqualTo(largest).Within(0.05), "the posterior over the particles sits on the largest");
        }

        [Test]
        public void Float32DataThatOverflowsFloat32GivesDrawsAgreeingWithMoments()
        {
            // (1e20)^2 overflows a float32 log-density: a float32 joint was -inf everywhere and libtorch refused the
            // multinomial ("probability entry < 0"). The posterior passes run in float64, where it is finite: Moments and
            // the draws agree (6 standard errors of the mean of N draws from Moments' weights, plus float32 rounding).
            torch.manual_seed(5);
            var problem = Intro(1e20, ScalarType.Float32);
            using var sample = problem.Sample(K: 10);
            var moments = sample.Moments();
            double mean = moments.Mu.Mean.to_type(ScalarType.Float64).item<double>();
            double variance = moments.Mu.Variance.to_type(ScalarType.Float64).item<double>();
            const int n = 20000;
            double drawn = sample.ImportanceSample(n).Mu.to_type(ScalarType.Float64).mean().item<double>();
            Assert.That(drawn, Is.EqualTo(mean).Within(6 * Math.Sqrt(variance / n) + 1e-6));
        }

        [Test]
        public void WeightsThatAreNotFiniteGiveMarginalsMessage()
        {
            // (1e200)^2 overflows float64: log P-hat is -inf. Before: libtorch's "invalid multinomial distribution
            // (encountering probability entry < 0)" from ImportanceSample, where Marginals explained it.
            torch.manual_seed(5);
            var problem = Intro(1e200, ScalarType.Float64);
            using var sample = problem.Sample(K: 10);
            var marginals = Assert.Throws<InvalidOperationException>(() => sample.Marginals());
            var draws = Assert.Throws<InvalidOperationException>(() => sample.ImportanceSample(5));
            Assert.That(marginals!.Message, Does.Contain("The posterior weights of group 'Mu' are not finite"));
            Assert.That(draws!.Message, Does.Contain("The posterior weights of latent 'Mu' are not finite"));
            string Reason(string m) => m.Substring(m.IndexOf("are not finite", StringComparison.Ordinal));
            Assert.That(Reason(draws.Message), Is.EqualTo(Reason(marginals.Message)), "the same explanation");
        }
    }
}
