using Alan.CompilerServices;
using Alan.CompilerServices.MomentMatching;
using System;
using System.Linq;
using NUnit.Framework;
using TorchSharp;
using static Alan.Runtime.Tests.TestUtil;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// Monte Carlo check of <see cref="Qem.Statistics"/> against <see cref="Qem.ToMean"/>: the average of each
    /// sufficient statistic over N = 200k draws (fixed seed) must lie within 6 standard errors of the mean parameter,
    /// the standard error being the sample standard deviation of that statistic over sqrt(N).
    /// </summary>
    public class QemMonteCarloTests
    {
        private const long N = 200_000;
        private const double Band = 6.0;

        private static void CheckStatistics(QemFamily family, Tensor draws, Tensor[] conventional, string label)
        {
            var stats = Qem.Statistics(family, draws);
            var mean = Qem.ToMean(family, conventional);
            Assert.That(stats, Has.Length.EqualTo(mean.Length));
            for (int i = 0; i < stats.Length; i++)
            {
                var average = Values(stats[i].mean(new long[] { 0 }));
                var se = Values(stats[i].std(0) / Math.Sqrt(N));
                var expected = Values(mean[i]);
                for (int j = 0; j < expected.Length; j++)
                    Assert.That(average[j], Is.EqualTo(expected[j]).Within(Band * se[j]), $"{label}: E[T{i}][{j}]");
            }
        }

        [TestCase(2.5, 1.5)]
        [TestCase(0.3, 2.0)]
        [TestCase(40.0, 0.5)]
        public void GammaStatistics(double a, double b)
        {
            torch.manual_seed(4242);
            var x = new Gamma(D(a), D(b)).Sample(new[] { N }, ScalarType.Float64, false);
            CheckStatistics(QemFamily.Gamma, x, new[] { D(a), D(b) }, $"Gamma({a}, {b})");
        }

        [TestCase(2.0, 3.0)]
        [TestCase(0.5, 0.8)]
        [TestCase(20.0, 4.0)]
        public void BetaStatistics(double a, double b)
        {
            torch.manual_seed(4343);
            var x = new Beta(D(a), D(b)).Sample(new[] { N }, ScalarType.Float64, false);
            CheckStatistics(QemFamily.Beta, x, new[] { D(a), D(b) }, $"Beta({a}, {b})");
        }

        [Test]
        public void DirichletStatistics()
        {
            torch.manual_seed(4444);
            var alpha = D(0.7, 2.0, 5.0);
            var x = new Dirichlet(alpha).Sample(new[] { N }, ScalarType.Float64, false);
            AssertShape(x, N, 3);
            CheckStatistics(QemFamily.Dirichlet, x, new[] { alpha }, "Dirichlet");
        }
    }
}
