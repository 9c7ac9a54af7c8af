using System;
using System.Linq;
using NUnit.Framework;
using TorchSharp;
using static Alan.Runtime.Tests.TestUtil;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// <see cref="Transformed"/>: its density against the change-of-variables formula written out here for each bijector
    /// (float64, 1e-9), sampling moments against closed forms or quadrature (band: 6 standard errors, 200k draws at a fixed
    /// seed), reparameterised gradients, the layout and bad input.
    /// </summary>
    public class TransformedTests
    {
        private const double Band = 6.0;

        private static double LogNormalPdf(double x, double loc, double scale)
        {
            double z = (x - loc) / scale;
            return -0.5 * z * z - Math.Log(scale) - 0.5 * Math.Log(2 * Math.PI);
        }

        private static double Logit(double p) => Math.Log(p) - Math.Log(1 - p);

        [Test]
        public void ExpDensityIsTheChangeOfVariables()
        {
            var q = new Transformed(new Normal(D(0.3), D(1.2)), Bijector.Exp);
            var y = new[] { 0.05, 1.0, 4.5 };
            // x = log y, |dy/dx| = y.
            AssertClose(q.LogProb(D(y)), y.Select(v => LogNormalPdf(Math.Log(v), 0.3, 1.2) - Math.Log(v)).ToArray());
        }

        [Test]
        public void SoftplusDensityIsTheChangeOfVariables()
        {
            var q = new Transformed(new Normal(D(-0.5), D(0.7)), Bijector.Softplus);
            var y = new[] { 0.01, 0.9, 6.0 };
            // x = log(e^y - 1), dy/dx = σ(x) = 1 - e^-y.
            AssertClose(q.LogProb(D(y)), y.Select(v => LogNormalPdf(Math.Log(Math.Exp(v) - 1), -0.5, 0.7) - Math.Log(1 - Math.Exp(-v))).ToArray());
        }

        [Test]
        public void BoundDensitiesAreTheChangeOfVariables()
        {
            var lower = new Transformed(new Normal(D(0.0), D(1.0)), Bijector.LowerBound(D(2.0)));
            AssertClose(lower.LogProb(D(2.5, 7.0)), new[] { 2.5, 7.0 }.Select(v => LogNormalPdf(Math.Log(v - 2), 0, 1) - Math.Log(v - 2)).ToArray(), label: "lower");
            var upper = new Transformed(new Normal(D(0.0), D(1.0)), Bijector.UpperBound(D(2.0)));
            AssertClose(upper.LogProb(D(1.5, -3.0)), new[] { 1.5, -3.0 }.Select(v => LogNormalPdf(Math.Log(2 - v), 0, 1) - Math.Log(2 - v)).ToArray(), label: "upper");
        }

        [Test]
        public void IntervalDensitiesAreTheChangeOfVariables()
        {
            double a = -1.0, b = 3.0;
            var q = new Transformed(new Normal(D(0.4), D(1.5)), Bijector.Interval(D(a), D(b)));
            var y = new[] { -0.99, 0.2, 2.9 };
            // z = (y - a) / (b - a), x = logit z, dy/dx = (b - a) z (1 - z).
            AssertClose(q.LogProb(D(y)), y.Select(v =>
            {
                double z = (v - a) / (b - a);
                return LogNormalPdf(Logit(z), 0.4, 1.5) - Math.Log((b - a) * z * (1 - z));
            }).ToArray(), label: "interval");
            var unit = new Transformed(new Normal(D(0.4), D(1.5)), Bijector.UnitInterval);
            AssertClose(unit.LogProb(D(0.001, 0.5, 0.97)), new[] { 0.001, 0.5, 0.97 }.Select(z =>
                LogNormalPdf(Logit(z), 0.4, 1.5) - Math.Log(z * (1 - z))).ToArray(), label: "unit");
        }

        [Test]
        public void StickBreakingDensityIsTheChangeOfVariables()
        {
            var loc = new[] { 0.2, -0.3, 0.5 };
            var q = new Transformed(new Normal(D(loc), D(0.8)), Bijector.StickBreaking);
            var y = new[] { 0.1, 0.45, 0.15, 0.3 };
            // Break k takes z_k = y_k / (stick left) of the stick left; x_k = logit(z_k) + log(K - 1 - k);
            // dy_k/dx_k = (stick left) z_k (1 - z_k), and the Jacobian is triangular.
            double left = 1, expected = 0;
            for (int k = 0; k < 3; k++)
            {
                double z = y[k] / left;
                double x = Logit(z) + Math.Log(3 - k);
                expected += LogNormalPdf(x, loc[k], 0.8) - Math.Log(left * z * (1 - z));
                left -= y[k];
            }
            var lp = q.LogProb(D(y));
            Assert.That(lp.dim(), Is.EqualTo(0), "one density per simplex point");
            Assert.That(Scalar(lp), Is.EqualTo(expected).Within(1e-9 * Math.Abs(expected)));
            Assert.That(q.EventRank, Is.EqualTo(1));
        }

        [Test]
        public void OrderedDensitiesAreTheChangeOfVariables()
        {
            var y = new[] { -1.0, 0.5, 0.6, 3.0 };
            var ordered = new Transformed(new Normal(D(0.0), D(2.0)), Bijector.Ordered);
            // x_0 = y_0, x_i = log(y_i - y_(i-1)), log |det| = x_1 + x_2 + x_3.
            double expected = LogNormalPdf(y[0], 0, 2);
            for (int i = 1; i < 4; i++) expected += LogNormalPdf(Math.Log(y[i] - y[i - 1]), 0, 2) - Math.Log(y[i] - y[i - 1]);
            Assert.That(Scalar(ordered.LogProb(D(y))), Is.EqualTo(expected).Within(1e-9 * Math.Abs(expected)), "ordered");

            var yp = new[] { 0.2, 0.5, 0.6, 3.0 };
            var positive = new Transformed(new Normal(D(0.0), D(2.0)), Bijector.PositiveOrdered);
            double expectedPositive = 0, previous = 0;
            foreach (var v in yp)
            {
                expectedPositive += LogNormalPdf(Math.Log(v - previous), 0, 2) - Math.Log(v - previous);
                previous = v;
            }
            Assert.That(Scalar(positive.LogProb(D(yp))), Is.EqualTo(expectedPositive).Within(1e-9 * Math.Abs(expectedPositive)), "positive ordered");
        }

        [Test]
        public void ValuesOutsideTheSupportHaveMinusInfinity()
        {
            var positive = new Transformed(new Normal(D(0.0), D(1.0)), Bijector.Exp);
            AssertClose(positive.LogProb(D(-1.0, 0.0)), new[] { double.NegativeInfinity, double.NegativeInfinity });
            var ordered = new Transformed(new Normal(D(0.0), D(1.0)), Bijector.Ordered);
            Assert.That(Scalar(ordered.LogProb(D(0.0, 2.0, 1.0))), Is.EqualTo(double.NegativeInfinity));
            var simplex = new Transformed(new Normal(D(0.0), D(1.0)), Bijector.StickBreaking);
            Assert.That(Scalar(simplex.LogProb(D(1.2, -0.2))), Is.EqualTo(double.NegativeInfinity));
        }

        [Test]
        public void LayoutLogProbSumsEventsAndAlignsBounds()
        {
            // Two hidden batch dims; high of shape [3] is event-only (viewed as [1, 1, 3]).
            var high = D(1.0, 2.0, 3.0);
            var q = new Transformed(new Normal(D(0.0), D(1.0)), Bijector.UpperBound(high));
            var y = D(new long[] { 2, 1, 3 }, 0.5, 1.0, 2.0, -1.0, 0.0, 1.0);
            var lp = q.LogProb(y, 2, ScalarType.Float64);
            AssertShape(lp, 2, 1);
            var v = Values(y);
            var h = new[] { 1.0, 2.0, 3.0 };
            var expected = new double[2];
            for (int i = 0; i < 6; i++) expected[i / 3] += LogNormalPdf(Math.Log(h[i % 3] - v[i]), 0, 1) - Math.Log(h[i % 3] - v[i]);
            AssertClose(lp, expected);
        }

        [Test]
        public void ExpOfNormalHasTheLogNormalMean()
        {
            torch.manual_seed(31);
            const long n = 200_000;
            double mu = 0.2, s = 0.5;
            var q = new Transformed(new Normal(torch.tensor(mu), torch.tensor(s)), Bijector.Exp);
            var y = q.Sample(new long[] { n }, ScalarType.Float64, false);
            AssertShape(y, n);
            double mean = Math.Exp(mu + s * s / 2);
            double variance = (Math.Exp(s * s) - 1) * Math.Exp(2 * mu + s * s);
            double sampleMean = Scalar(y.mean());
            Assert.That(sampleMean, Is.EqualTo(mean).Within(Band * Math.Sqrt(variance / n)));
        }

        [Test]
        public void SigmoidOfNormalHasTheMeanFoundByQuadrature()
        {
            torch.manual_seed(32);
            const long n = 200_000;
            double mu = 0.7, s = 1.3;
            var q = new Transformed(new Normal(torch.tensor(mu), torch.tensor(s)), Bijector.UnitInterval);
            var y = q.Sample(new long[] { n }, ScalarType.Float64, false);
            // E σ(X) = ∫ σ(x) N(x; μ, s) dx and E σ(X)², by Simpson's rule over μ ± 12 s.
            Func<double, double> density = x => Math.Exp(LogNormalPdf(x, mu, s));
            Func<double, double> sigmoid = x => 1 / (1 + Math.Exp(-x));
            double mean = Simpson(x => sigmoid(x) * density(x), mu - 12 * s, mu + 12 * s);
            double second = Simpson(x => sigmoid(x) * sigmoid(x) * density(x), mu - 12 * s, mu + 12 * s);
            double se = Math.Sqrt((second - mean * mean) / n);
            Assert.That(Scalar(y.mean()), Is.EqualTo(mean).Within(Band * se));
        }

        [Test]
        public void StickBreakingDrawsSumToOne()
        {
            torch.manual_seed(33);
            var q = new Transformed(new Normal(torch.zeros(new long[] { 1, 4 }, ScalarType.Float64), torch.tensor(1.0)), Bijector.StickBreaking);
            var y = q.Sample(new long[] { 100 }, ScalarType.Float64, false);
            AssertShape(y, 100, 5);
            Assert.That(Values((y.sum(-1) - 1).abs().max())[0], Is.LessThan(1e-12));
            Assert.That((y > 0).all().item<bool>(), Is.True);
        }

        [Test]
        public void ReparameterisedDrawsCarryPathwiseGradients()
        {
            torch.manual_seed(34);
            var loc = torch.tensor(0.3).requires_grad_(true);
            var q = new Transformed(new Normal(loc, torch.tensor(0.5)), Bijector.Exp);
            Assert.That(q.IsReparameterised, Is.True);
            var y = q.Sample(new long[] { 10 }, ScalarType.Float64, true);
            y.sum().backward();
            // d exp(loc + s ε)/d loc = y.
            Assert.That(Scalar(loc.grad!), Is.EqualTo(Scalar(y.detach().sum())).Within(1e-12));
            Assert.That(new Transformed(new Normal(D(0.0), D(1.0)), Bijector.Ordered).Name, Is.EqualTo("Transformed(Normal, Ordered)"));
        }

        [Test]
        public void Float32DrawsHaveFiniteDensities()
        {
            torch.manual_seed(35);
            // σ(20 ± 0.3) rounds to 1 in float32 without the clamp into the open interval.
            var q = new Transformed(new Normal(torch.tensor(20f), torch.tensor(0.3f)), Bijector.UnitInterval);
            var y = q.Sample(new long[] { 1000 }, ScalarType.Float32, false);
            Assert.That((y < 1).all().item<bool>(), Is.True);
            Assert.That(torch.isfinite(q.LogProb(y, 1, ScalarType.Float32)).all().item<bool>(), Is.True);
            Assert.That(q.Sample().dtype, Is.EqualTo(ScalarType.Float32));
            Assert.That(new Transformed(new Normal(D(0.0), D(1.0)), Bijector.Exp).Sample().dtype, Is.EqualTo(ScalarType.Float64),
                "the dtype of a parameterless draw is the base's");
        }

        [Test]
        public void ItsSupportIsTheBijectorsNotAnAttributeOfItsOwn()
        {
            Assert.That(System.Reflection.CustomAttributeExtensions.GetCustomAttribute<DistributionAttribute>(typeof(Transformed)), Is.Null);
            var bijectors = typeof(Bijector).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Bijector))).ToArray();
            Assert.That(bijectors, Has.Length.EqualTo(9));
            var instances = new Bijector[]
            {
                Bijector.Exp, Bijector.Softplus, Bijector.LowerBound(D(0.0)), Bijector.UpperBound(D(0.0)), Bijector.Interval(D(0.0), D(1.0)),
                Bijector.UnitInterval, Bijector.StickBreaking, Bijector.Ordered, Bijector.PositiveOrdered,
            };
            Assert.That(instances.Select(b => b.GetType()), Is.EquivalentTo(bijectors));
            foreach (var b in instances)
            {
                // The attribute the generator reads agrees with the instance the runtime uses.
                var attribute = System.Reflection.CustomAttributeExtensions.GetCustomAttribute<BijectorAttribute>(b.GetType());
                Assert.That(attribute, Is.Not.Null, b.Name);
                Assert.That(attribute!.Support, Is.EqualTo(b.Support), b.Name);
                Assert.That(attribute.EventRank, Is.EqualTo(b.EventRank), b.Name);
                Assert.That(b.GetType().IsSealed, Is.True, b.Name);
                Assert.That(b.GetType().Name, Is.EqualTo(b.Name + "Bijector"));
            }
        }

        [Test]
        public void BadInputIsNamed()
        {
            var notReal = Assert.Throws<ArgumentException>(() => new Transformed(new Gamma(D(2.0), D(1.0)), Bijector.Exp));
            Assert.That(notReal!.Message, Does.Contain("real-valued").And.Contain("Gamma has support Positive").And.Contain("Normal"));
            Assert.That(notReal.ParamName, Is.EqualTo("baseDistribution"));
            var scalarBase = new Transformed(new Normal(D(0.0).reshape(Array.Empty<long>()), 1.0), Bijector.Ordered);
            var noEvent = Assert.Throws<ArgumentException>(() => scalarBase.Sample(new long[] { 3 }, ScalarType.Float64, false));
            Assert.That(noEvent!.Message, Does.Contain("Transformed(Normal, Ordered)").And.Contain("shape [3]").And.Contain("last dimension"));
            Assert.Throws<ArgumentNullException>(() => new Transformed(null!, Bijector.Exp));
            Assert.Throws<ArgumentNullException>(() => new Transformed(new Normal(D(0.0), D(1.0)), null!));
        }
    }
}
