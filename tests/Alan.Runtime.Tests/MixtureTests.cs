using System;
using System.Linq;
using NUnit.Framework;
using TorchSharp;
using static Alan.Runtime.Tests.TestUtil;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// Mixture: log p(x) = log sum_k w_k p_k(x) with w = softmax(logits), against sums of densities written out here in
    /// float64; broadcasting of the logits; -inf (not NaN) where every component is -inf; sampling moments against the
    /// mixture formulas; argument checks.
    /// </summary>
    public class MixtureTests
    {
        private static double[] Softmax(params double[] logits)
        {
            double m = logits.Max();
            var e = logits.Select(l => Math.Exp(l - m)).ToArray();
            return e.Select(v => v / e.Sum()).ToArray();
        }

        private static double NormalDensity(double x, double m, double s) => NormalPdf((x - m) / s) / s;

        [Test]
        public void NormalsMatchTheWeightedSumOfDensities()
        {
            double[] logits = { 0.3, -1.2, 0.8 };
            double[] m = { -2.0, 0.5, 3.0 }, s = { 1.0, 0.4, 2.5 };
            var d = new Mixture(D(logits), new Normal(m[0], s[0]), new Normal(m[1], s[1]), new Normal(m[2], s[2]));
            double[] xs = { -4.0, -1.0, 0.5, 2.0, 7.5 };
            var w = Softmax(logits);
            var expected = xs.Select(x => Math.Log(Enumerable.Range(0, 3).Sum(k => w[k] * NormalDensity(x, m[k], s[k])))).ToArray();
            AssertClose(d.LogProb(D(xs)), expected);
        }

        [Test]
        public void PoissonsMatchTheWeightedSumOfMasses()
        {
            double[] logits = { 1.0, 2.0 };
            double[] rates = { 0.7, 6.0 };
            var d = new Mixture(D(logits), new Poisson(rates[0]), new Poisson(rates[1]));
            double[] ks = { 0, 1, 3, 6, 15 };
            var w = Softmax(logits);
            var expected = ks.Select(k => Math.Log(w[0] * Math.Exp(k * Math.Log(rates[0]) - rates[0] - Lgamma(k + 1))
                                                  + w[1] * Math.Exp(k * Math.Log(rates[1]) - rates[1] - Lgamma(k + 1)))).ToArray();
            AssertClose(d.LogProb(D(ks)), expected);
        }

        [Test]
        public void GammasMatchTheWeightedSumOfDensities()
        {
            double[] logits = { -0.5, 0.25 };
            double[] a = { 2.0, 9.0 }, b = { 3.0, 1.5 };
            var d = new Mixture(D(logits), new Gamma(a[0], b[0]), new Gamma(a[1], b[1]));
            double[] xs = { 0.05, 0.7, 4.0, 11.0 };
            var w = Softmax(logits);
            double Density(double x, int k) => Math.Exp(a[k] * Math.Log(b[k]) + (a[k] - 1) * Math.Log(x) - b[k] * x - Lgamma(a[k]));
            var expected = xs.Select(x => Math.Log(w[0] * Density(x, 0) + w[1] * Density(x, 1))).ToArray();
            AssertClose(d.LogProb(D(xs)), expected);
        }

        [Test]
        public void FarTailStaysFiniteInLogSpace()
        {
            // Both densities underflow in float64 at x = 60 (exp(-1800) and exp(-1458)): the log-sum-exp does not.
            var d = new Mixture(D(0.0, 0.0), new Normal(0.0, 1.0), new Normal(6.0, 1.0));
            double a = -0.5 * 60 * 60 - 0.5 * Math.Log(2 * Math.PI), b = -0.5 * 54 * 54 - 0.5 * Math.Log(2 * Math.PI);
            double expected = Math.Max(a, b) + Math.Log(Math.Exp(a - Math.Max(a, b)) + Math.Exp(b - Math.Max(a, b))) + Math.Log(0.5);
            AssertClose(d.LogProb(D(60.0)), new[] { expected });
        }

        [Test]
        public void PerElementLogitsBroadcastWithTheComponents()
        {
            // logits [2, 2]: one set of weights per row; component 1's loc varies per row too.
            var logits = D(new long[] { 2, 2 }, 0.0, 1.0, 2.0, -1.0);
            var d = new Mixture(logits, new Normal(0.0, 1.0), new Normal(D(1.0, -1.0), 2.0));
            var x = D(0.3, 0.9);
            var w0 = Softmax(0.0, 1.0);
            var w1 = Softmax(2.0, -1.0);
            var expected = new[]
            {
                Math.Log(w0[0] * NormalDensity(0.3, 0, 1) + w0[1] * NormalDensity(0.3, 1.0, 2)),
                Math.Log(w1[0] * NormalDensity(0.9, 0, 1) + w1[1] * NormalDensity(0.9, -1.0, 2)),
            };
            AssertClose(d.LogProb(x), expected);
        }

        [Test]
        public void LayoutLogitsBroadcastOverTheValuesFurtherDims()
        {
            // Batch rank 1 (two batch elements, each with its own weights) and a value with a further dim of 3 per element.
            var logits = D(new long[] { 2, 2 }, 0.0, 1.0, 2.0, -1.0);
            var d = new Mixture(logits, new Normal(0.0, 1.0), new Normal(2.0, 1.0));
            var x = D(new long[] { 2, 3 }, 0.1, 0.2, 0.3, 1.0, 2.0, 3.0);
            var lp = d.LogProb(x, 1, ScalarType.Float64);
            AssertShape(lp, 2);
            double[][] w = { Softmax(0.0, 1.0), Softmax(2.0, -1.0) };
            var xs = Values(x);
            var expected = Enumerable.Range(0, 2).Select(i => Enumerable.Range(0, 3).Sum(j =>
                Math.Log(w[i][0] * NormalDensity(xs[3 * i + j], 0, 1) + w[i][1] * NormalDensity(xs[3 * i + j], 2, 1)))).ToArray();
            AssertClose(lp, expected);
        }

        [Test]
        public void EveryComponentOutsideItsSupportGivesMinusInfinityNotNaN()
        {
            var d = new Mixture(D(0.0, 0.0), new HalfNormal(1.0), new Gamma(2.0, 1.0));
            AssertClose(d.LogProb(D(-1.0, 1.0)), new[]
            {
                double.NegativeInfinity,
                Math.Log(0.5 * 2 * NormalPdf(1.0) + 0.5 * Math.Exp(-1.0)),
            });
        }

        [Test]
        public void MultivariateComponentsMixPerEvent()
        {
            var cov = torch.eye(2, dtype: ScalarType.Float64);
            var d = new Mixture(D(0.0, 0.5), new MultivariateNormal(D(0.0, 0.0), covarianceMatrix: cov), new MultivariateNormal(D(1.0, -1.0), covarianceMatrix: cov));
            Assert.That(d.EventRank, Is.EqualTo(1));
            var w = Softmax(0.0, 0.5);
            double p0 = NormalDensity(0.5, 0, 1) * NormalDensity(0.2, 0, 1), p1 = NormalDensity(0.5, 1, 1) * NormalDensity(0.2, -1, 1);
            AssertClose(d.LogProb(D(0.5, 0.2)), new[] { Math.Log(w[0] * p0 + w[1] * p1) });
        }

        [Test]
        public void SampleMeanAndVarianceMatchTheMixtureFormulas()
        {
            torch.manual_seed(11);
            double[] logits = { Math.Log(0.3), Math.Log(0.7) };
            double[] m = { -2.0, 3.0 }, s = { 1.0, 0.5 };
            var d = new Mixture(D(logits), new Normal(m[0], s[0]), new Normal(m[1], s[1]));
            const int n = 200_000;
            var x = Values(d.Sample(new long[] { n }, ScalarType.Float64, false));
            double mean = 0.3 * m[0] + 0.7 * m[1];
            double second = 0.3 * (s[0] * s[0] + m[0] * m[0]) + 0.7 * (s[1] * s[1] + m[1] * m[1]);
            double variance = second - mean * mean;
            // Band: 6 standard errors; the second moment's from the sample's own spread of x^2.
            double sampleMean = x.Average(), sampleSecond = x.Average(v => v * v);
            double seSecond = Math.Sqrt(x.Average(v => Math.Pow(v * v - sampleSecond, 2)) / n);
            Assert.That(sampleMean, Is.EqualTo(mean).Within(6 * Math.Sqrt(variance / n)));
            Assert.That(sampleSecond, Is.EqualTo(second).Within(6 * seSecond));
            Assert.That(sampleSecond - sampleMean * sampleMean, Is.EqualTo(variance).Within(6 * seSecond + 12 * Math.Abs(mean) * Math.Sqrt(variance / n)));
        }

        [Test]
        public void WeightsThatVaryBeyondTheComponentsGiveIndependentDrawsPerElement()
        {
            // logits [1, 4, 2] in a layout of batch rank 1 (one layout dim, then a further dim of 4) over scalar components:
            // every one of the 4 elements needs its own draws of both components.
            torch.manual_seed(5);
            var logits = D(new long[] { 1, 4, 2 }, 0.0, -30.0, 0.0, -30.0, -30.0, 0.0, -30.0, 0.0);
            var d = new Mixture(logits, new Normal(-5.0, 1.0), new Normal(5.0, 1.0));
            const int n = 50_000;
            var x = d.Sample(new long[] { n }, ScalarType.Float64, false);
            AssertShape(x, n, 4);
            var mean = Values(x.mean(new long[] { 0 }));
            var band = 6 * Math.Sqrt(1.0 / n);
            Assert.That(mean[0], Is.EqualTo(-5.0).Within(band));
            Assert.That(mean[1], Is.EqualTo(-5.0).Within(band));
            Assert.That(mean[2], Is.EqualTo(5.0).Within(band));
            Assert.That(mean[3], Is.EqualTo(5.0).Within(band));
            // Independent columns: the correlation of columns 0 and 1 (same component) is within 6 standard errors of 0.
            var c = Values(x.narrow(1, 0, 1).sub(-5.0).mul(x.narrow(1, 1, 1).sub(-5.0)).mean(new long[] { 0 }))[0];
            Assert.That(c, Is.EqualTo(0.0).Within(6 / Math.Sqrt(n)));
        }

        [Test]
        public void SamplingPicksTheComponentPerElementFromItsWeights()
        {
            torch.manual_seed(3);
            var d = new Mixture(D(Math.Log(0.25), Math.Log(0.75)), new Poisson(0.0001), new Poisson(50.0));
            const int n = 100_000;
            var x = Values(d.Sample(new long[] { n }, ScalarType.Float64, false));
            double fractionLow = x.Count(v => v < 10) / (double)n;
            Assert.That(fractionLow, Is.EqualTo(0.25).Within(6 * Math.Sqrt(0.25 * 0.75 / n)));
            Assert.That(d.IsReparameterised, Is.False);
        }

        [Test]
        public void ComponentCountMustMatchTheLogitsLastDim()
        {
            var e = Assert.Throws<ArgumentException>(() => new Mixture(D(0.0, 0.0, 0.0), new Normal(0.0, 1.0), new Normal(1.0, 1.0)));
            Assert.That(e!.Message, Does.Contain("component count, 2").And.Contain("[3]"));
        }

        [Test]
        public void ComponentsMustShareSupportAndEventRank()
        {
            var support = Assert.Throws<ArgumentException>(() => new Mixture(D(0.0, 0.0), new Normal(0.0, 1.0), new Poisson(1.0)));
            Assert.That(support!.Message, Does.Contain("same support").And.Contain("Real").And.Contain("Count"));
            var rank = Assert.Throws<ArgumentException>(() => new Mixture(D(0.0, 0.0), new Normal(0.0, 1.0), new Dirichlet(D(1.0, 1.0))));
            Assert.That(rank!.Message, Does.Contain("same event rank").And.Contain("Dirichlet"));
            var improper = Assert.Throws<ArgumentException>(() => new Mixture(D(0.0, 0.0), new Flat(), new Flat()));
            Assert.That(improper!.Message, Does.Contain("improper"));
            Assert.Throws<ArgumentException>(() => new Mixture(D(0.0)));
        }
    }
}
