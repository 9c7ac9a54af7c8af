using System;
using System.Linq;
using NUnit.Framework;

namespace Alan.Runtime.Tests
{
    /// <summary>The Pareto k-hat and Kish ESS against weights whose tail is known.</summary>
    public class ImportanceDiagnosticsTests
    {
        /// <summary>
        /// w = U^(-xi) with U uniform is Pareto with tail index 1/xi: its exceedances over any threshold u, w/u - 1,
        /// follow a generalised Pareto distribution of shape xi exactly. With S = 100,000 weights the tail has
        /// M = ceil(3 sqrt(S)) = 949 values and the shape estimate's standard error is about (1 + xi)/sqrt(M) <= 0.062;
        /// the band is 4 standard errors, 0.25.
        /// </summary>
        [TestCase(0.2)]
        [TestCase(0.5)]
        [TestCase(0.9)]
        [TestCase(1.5)]
        public void ParetoTail_ShapeRecovered(double xi)
        {
            var random = new Random(11);
            var logWeights = Enumerable.Range(0, 100_000).Select(_ => -xi * Math.Log(1 - random.NextDouble())).ToArray();
            double k = ImportanceDiagnostics.ParetoK(logWeights);
            Assert.That(k, Is.EqualTo(xi).Within(4 * (1 + xi) / Math.Sqrt(949)));
        }

        [Test]
        public void ParetoTail_ShapeDoesNotDependOnTheScaleOrOrderOfTheWeights()
        {
            var random = new Random(5);
            var logWeights = Enumerable.Range(0, 2000).Select(_ => -0.6 * Math.Log(1 - random.NextDouble())).ToArray();
            double k = ImportanceDiagnostics.ParetoK(logWeights);
            var shifted = logWeights.Select(l => l - 1234.5).Reverse().ToArray();
            Assert.That(ImportanceDiagnostics.ParetoK(shifted), Is.EqualTo(k).Within(1e-9));
        }

        /// <summary>
        /// Lognormal weights with sigma = 0.3 (a good proposal) have every moment: their k-hat is far below 0.5.
        /// Lognormal weights with sigma = 3 (a poor one) are heavy in any finite sample: k-hat above 0.7.
        /// </summary>
        [Test]
        public void LognormalWeights_LightAndHeavy()
        {
            var random = new Random(3);
            double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
            var light = Enumerable.Range(0, 4000).Select(_ => 0.3 * Gaussian()).ToArray();
            var heavy = Enumerable.Range(0, 4000).Select(_ => 3.0 * Gaussian()).ToArray();
            Assert.That(ImportanceDiagnostics.ParetoK(light), Is.LessThan(0.3));
            Assert.That(ImportanceDiagnostics.ParetoK(heavy), Is.GreaterThan(ImportanceDiagnostics.ParetoKThreshold));
        }

        /// <summary>
        /// Log-weights thousands of nats apart (a collapsed proposal: one sample dominates) overflow any exponentiation
        /// relative to a small weight: k-hat stays a number (an overflow once made it -infinity), and the effective
        /// sample size, which Fit also requires, shows the collapse.
        /// </summary>
        [Test]
        public void LogWeightsThousandsApart_GiveAFiniteKHat_AndAnEffectiveSizeNearOne()
        {
            var random = new Random(5);
            var spread = Enumerable.Range(0, 100).Select(_ => -3000.0 * random.NextDouble()).ToArray();
            double k = ImportanceDiagnostics.ParetoK(spread);
            // log-uniform weights have a bounded upper tail, so k-hat may be small, but it is a number: the overflow gave -inf
            Assert.That(double.IsFinite(k), Is.True, k.ToString());
            // one sample carries everything: the effective sample size says so, whatever k-hat says of the tail's shape
            Assert.That(ImportanceDiagnostics.EffectiveSampleSize(spread), Is.LessThan(2));
            var oneAbove = Enumerable.Repeat(-5000.0, 99).Append(0.0).ToArray();
            Assert.That(double.IsFinite(ImportanceDiagnostics.ParetoK(oneAbove)), Is.True);
            Assert.That(ImportanceDiagnostics.EffectiveSampleSize(oneAbove), Is.EqualTo(1.0).Within(1e-12));
        }

        [Test]
        public void EqualWeights_BoundedTail()
        {
            Assert.That(ImportanceDiagnostics.ParetoK(Enumerable.Repeat(-3.0, 50).ToArray()), Is.EqualTo(double.NegativeInfinity));
            var mostlyZero = Enumerable.Repeat(double.NegativeInfinity, 50).ToArray();
            Assert.That(ImportanceDiagnostics.ParetoK(mostlyZero), Is.EqualTo(double.NegativeInfinity));
        }

        [Test]
        public void BadInput_IsRefusedWithTheReason()
        {
            var few = Assert.Throws<ArgumentException>(() => ImportanceDiagnostics.ParetoK(new double[] { 1, 2, 3 }))!;
            Assert.That(few.Message, Does.Contain("at least 10").And.Contain("got 3"));
            var nan = Enumerable.Repeat(0.0, 20).ToArray();
            nan[7] = double.NaN;
            var bad = Assert.Throws<ArgumentException>(() => ImportanceDiagnostics.ParetoK(nan))!;
            Assert.That(bad.Message, Does.Contain("Log-weight 7 is NaN"));
        }

        [Test]
        public void Kish_EffectiveSampleSize()
        {
            // weights 1, 1, 2: (4)^2 / (1 + 1 + 4) = 16/6
            double[] logWeights = { 0, 0, Math.Log(2) };
            Assert.That(ImportanceDiagnostics.EffectiveSampleSize(logWeights), Is.EqualTo(16.0 / 6).Within(1e-12));
            Assert.That(ImportanceDiagnostics.EffectiveSampleSize(new[] { 700.0, 700.0 }), Is.EqualTo(2).Within(1e-12));
        }
    }
}
