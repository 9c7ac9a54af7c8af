using System;
using System.Linq;
using NUnit.Framework;
using TorchSharp;
using static Alan.Runtime.Tests.TestUtil;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>Ordered: log n! + sum_i log p(x_i) on increasing vectors, -inf otherwise; sorted draws; argument checks.</summary>
    public class OrderedTests
    {
        private static double LogNormal(double x, double m, double s) => Math.Log(NormalPdf((x - m) / s) / s);

        [Test]
        public void LogDensityIsLogCountFactorialPlusTheComponentSum()
        {
            var d = new Ordered(new Normal(1.0, 2.0), 3);
            var x = D(new long[] { 2, 3 }, -1.0, 0.5, 4.0, 0.0, 0.0, 1.0);
            double expected0 = Math.Log(6) + LogNormal(-1.0, 1, 2) + LogNormal(0.5, 1, 2) + LogNormal(4.0, 1, 2);
            // The second vector is not strictly increasing.
            AssertClose(d.LogProb(x), new[] { expected0, double.NegativeInfinity });
        }

        [Test]
        public void PositiveComponentGivesPositiveOrderedWithItsOwnSupportMask()
        {
            var d = new Ordered(new Exponential(0.5), 2);
            Assert.That(d.Support, Is.EqualTo(Support.PositiveOrdered));
            Assert.That(new Ordered(new Normal(0.0, 1.0), 2).Support, Is.EqualTo(Support.Ordered));
            var x = D(new long[] { 2, 2 }, 1.0, 3.0, -1.0, 2.0);
            double expected = Math.Log(2) + 2 * Math.Log(0.5) - 0.5 * 4.0;
            AssertClose(d.LogProb(x), new[] { expected, double.NegativeInfinity });
        }

        [Test]
        public void PerBatchElementParametersAlignWithTheLayout()
        {
            // Batch rank 1: two batch elements with their own loc; each value is an ordered pair.
            var d = new Ordered(new Normal(D(0.0, 5.0), 1.0), 2);
            var x = D(new long[] { 2, 2 }, -0.5, 0.25, 4.0, 6.5);
            var lp = d.LogProb(x, 1, ScalarType.Float64);
            AssertShape(lp, 2);
            AssertClose(lp, new[]
            {
                Math.Log(2) + LogNormal(-0.5, 0, 1) + LogNormal(0.25, 0, 1),
                Math.Log(2) + LogNormal(4.0, 5, 1) + LogNormal(6.5, 5, 1),
            });
        }

        [Test]
        public void MixtureComponentWithPerElementWeightsSeesTheLayout()
        {
            // Batch rank 1: each of two batch elements has its own mixture weights (logits [2, 2], the layout's dim first).
            var logits = D(new long[] { 2, 2 }, 0.0, 1.0, 2.0, -1.0);
            var d = new Ordered(new Mixture(logits, new Normal(0.0, 1.0), new Normal(3.0, 1.0)), 2);
            var x = D(new long[] { 2, 2 }, -0.5, 2.5, 0.1, 0.2);
            double LogMix(double v, double l0, double l1)
            {
                double w0 = Math.Exp(l0) / (Math.Exp(l0) + Math.Exp(l1));
                return Math.Log(w0 * Math.Exp(LogNormal(v, 0, 1)) + (1 - w0) * Math.Exp(LogNormal(v, 3, 1)));
            }
            AssertClose(d.LogProb(x, 1, ScalarType.Float64), new[]
            {
                Math.Log(2) + LogMix(-0.5, 0.0, 1.0) + LogMix(2.5, 0.0, 1.0),
                Math.Log(2) + LogMix(0.1, 2.0, -1.0) + LogMix(0.2, 2.0, -1.0),
            });
        }

        [Test]
        public void SortedDrawsHaveTheOrderStatisticsMeans()
        {
            torch.manual_seed(7);
            const int n = 200_000;
            var x = new Ordered(new Normal(0.0, 1.0), 2).Sample(new long[] { n }, ScalarType.Float64, false);
            AssertShape(x, n, 2);
            var v = Values(x);
            var min = Enumerable.Range(0, n).Select(i => v[2 * i]).ToArray();
            var max = Enumerable.Range(0, n).Select(i => v[2 * i + 1]).ToArray();
            Assert.That(Enumerable.Range(0, n).All(i => min[i] < max[i]), Is.True);
            // E[max of 2 iid N(0, 1)] = 1/sqrt(pi), Var = 1 - 1/pi; band: 6 standard errors.
            double band = 6 * Math.Sqrt((1 - 1 / Math.PI) / n);
            Assert.That(max.Average(), Is.EqualTo(1 / Math.Sqrt(Math.PI)).Within(band));
            Assert.That(min.Average(), Is.EqualTo(-1 / Math.Sqrt(Math.PI)).Within(band));
        }

        [Test]
        public void ReparameterisedWhenTheComponentIs()
        {
            var loc = D(0.5).requires_grad_(true);
            var d = new Ordered(new Normal(loc, 1.0), 3);
            Assert.That(d.IsReparameterised, Is.True);
            d.Sample(new long[] { 4 }, ScalarType.Float64, true).sum().backward();
            // Every one of the 4 x 3 sorted values moves one-for-one with loc.
            AssertClose(loc.grad!, new[] { 12.0 });
            // A mixture of normals is on the reals but not reparameterised, and neither are ordered draws of it.
            Assert.That(new Ordered(new Mixture(D(0.0, 0.0), new Normal(0.0, 1.0), new Normal(1.0, 1.0)), 2).IsReparameterised, Is.False);
        }

        [Test]
        public void ComponentParametersVaryingAlongTheOrderedDimAreRejected()
        {
            var d = new Ordered(new Normal(D(0.0, 1.0), 1.0), 2);
            var e = Assert.Throws<ArgumentException>(() => d.LogProb(D(0.0, 1.0)));
            Assert.That(e!.Message, Does.Contain("must not vary along the ordered dimension").And.Contain("[2]"));
            // In the layout (batch rank 1), a loc of [3, 2] has a dim beyond the batch's 3 elements: along the ordered dim.
            var perValue = new Ordered(new Normal(D(new long[] { 3, 2 }, 0, 1, 0, 1, 0, 1), 1.0), 2);
            var layout = Assert.Throws<ArgumentException>(() => perValue.LogProb(D(new long[] { 3, 2 }, 0, 1, 0, 1, 0, 1), 1, ScalarType.Float64));
            Assert.That(layout!.Message, Does.Contain("[3, 2]"));
            Assert.Throws<ArgumentException>(() => d.Sample(new long[] { 3 }, ScalarType.Float64, false));
        }

        [Test]
        public void BadComponentsAndCountsAreRejected()
        {
            var support = Assert.Throws<ArgumentException>(() => new Ordered(new Poisson(1.0), 2));
            Assert.That(support!.Message, Does.Contain("Real or Positive").And.Contain("Count"));
            var rank = Assert.Throws<ArgumentException>(() => new Ordered(new Dirichlet(D(1.0, 1.0)), 2));
            Assert.That(rank!.Message, Does.Contain("event rank 1"));
            var count = Assert.Throws<ArgumentOutOfRangeException>(() => new Ordered(new Normal(0.0, 1.0), 0));
            Assert.That(count!.Message, Does.Contain("at least 1"));
            var value = Assert.Throws<ArgumentException>(() => new Ordered(new Normal(0.0, 1.0), 3).LogProb(D(0.0, 1.0)));
            Assert.That(value!.Message, Does.Contain("the count, 3"));
        }
    }
}
