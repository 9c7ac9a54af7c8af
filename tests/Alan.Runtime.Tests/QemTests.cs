using Alan.CompilerServices;
using Alan.CompilerServices.MomentMatching;
using System;
using System.Linq;
using System.Reflection;
using NUnit.Framework;
using TorchSharp;
using static Alan.Runtime.Tests.TestUtil;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>Reference special functions for the QEM tests, computed independently of torch.</summary>
    internal static class QemReference
    {
        /// <summary>psi(x) for x &gt; 0: recurrence up to x &gt;= 10, then the asymptotic series (~1e-15 absolute).</summary>
        public static double Digamma(double x)
        {
            double shift = 0;
            while (x < 10) { shift -= 1 / x; x += 1; }
            double r = 1 / x, r2 = r * r;
            return shift + Math.Log(x) - 0.5 * r
                - r2 * (1.0 / 12 - r2 * (1.0 / 120 - r2 * (1.0 / 252 - r2 * (1.0 / 240 - r2 / 132))));
        }

        /// <summary>Elementwise map of a float64 tensor's values.</summary>
        public static double[] Map(double[] v, Func<double, double> f) => v.Select(f).ToArray();

        /// <summary>Elementwise map of two equal-length arrays.</summary>
        public static double[] Zip(double[] a, double[] b, Func<double, double, double> f) => a.Zip(b, f).ToArray();
    }

    /// <summary>
    /// QEM maps (DESIGN.md 4.8): FromMean inverts ToMean for every family (1e-8 relative, batched), ToMean matches
    /// closed forms computed here, Statistics' shapes and values, and the in-place moving-average Update.
    /// </summary>
    public class QemTests
    {
        private const double RoundTrip = 1e-8;

        private static void AssertRoundTrip(QemFamily family, params Tensor[] conventional)
        {
            var back = Qem.FromMean(family, Qem.ToMean(family, conventional));
            Assert.That(back, Has.Length.EqualTo(conventional.Length));
            var names = Qem.ParameterNames(family);
            for (int i = 0; i < back.Length; i++)
            {
                Assert.That(back[i].dtype, Is.EqualTo(ScalarType.Float64), $"{family}.{names[i]} dtype");
                Assert.That(back[i].shape, Is.EqualTo(conventional[i].shape), $"{family}.{names[i]} shape");
                AssertClose(back[i], Values(conventional[i]), RoundTrip, $"{family}.{names[i]}");
            }
        }

        [Test]
        public void ParameterNamesFollowConstructors()
        {
            Assert.That(Qem.ParameterNames(QemFamily.Normal), Is.EqualTo(new[] { "loc", "scale" }));
            Assert.That(Qem.ParameterNames(QemFamily.Bernoulli), Is.EqualTo(new[] { "probs" }));
            Assert.That(Qem.ParameterNames(QemFamily.Exponential), Is.EqualTo(new[] { "rate" }));
            Assert.That(Qem.ParameterNames(QemFamily.HalfNormal), Is.EqualTo(new[] { "scale" }));
            Assert.That(Qem.ParameterNames(QemFamily.Poisson), Is.EqualTo(new[] { "rate" }));
            Assert.That(Qem.ParameterNames(QemFamily.Gamma), Is.EqualTo(new[] { "concentration", "rate" }));
            Assert.That(Qem.ParameterNames(QemFamily.Beta), Is.EqualTo(new[] { "concentration1", "concentration0" }));
            Assert.That(Qem.ParameterNames(QemFamily.Dirichlet), Is.EqualTo(new[] { "concentration" }));
            Assert.That(Qem.ParameterNames(QemFamily.MultivariateNormal), Is.EqualTo(new[] { "loc", "covarianceMatrix" }));
            foreach (var f in Enum.GetValues<QemFamily>())
                Assert.That(Qem.StatisticCount(f), Is.EqualTo(Qem.ParameterNames(f).Count), f.ToString());
        }

        /// <summary>
        /// QEM family metadata has one source, [QemFamily] on the runtime distribution types: every family is
        /// declared on exactly one type, named like the family, whose public constructor starts with exactly the
        /// declared parameter names (so a [QemParam] argument binds to the parameter Qem updates), and
        /// Qem.ParameterNames returns them.
        /// </summary>
        [Test]
        public void EveryFamilyIsDeclaredOnItsDistributionWithItsConstructorParameterNames()
        {
            var declared = typeof(Distribution).Assembly.GetTypes()
                .Select(t => (Type: t, Attribute: t.GetCustomAttribute<QemFamilyAttribute>(inherit: false)))
                .Where(x => x.Attribute is not null).ToList();
            Assert.That(declared.Select(x => x.Attribute!.Family), Is.EquivalentTo(Enum.GetValues<QemFamily>()), "one declaration per family");
            foreach (var (type, a) in declared)
            {
                var family = a!.Family;
                Assert.That(type.Name, Is.EqualTo(family.ToString()));
                Assert.That(type.IsSubclassOf(typeof(Distribution)), Is.True, type.Name);
                Assert.That(type.GetCustomAttribute<DistributionAttribute>(inherit: false), Is.Not.Null, type.Name);
                Assert.That(Qem.DistributionType(family), Is.EqualTo(type));
                Assert.That(Qem.ParameterNames(family), Is.EqualTo(a.Parameters), family.ToString());
                var ctors = type.GetConstructors().Select(c => c.GetParameters()).ToList();
                Assert.That(ctors.Any(p => p.Length >= a.Parameters.Length
                        && p.Take(a.Parameters.Length).Select(x => x.Name).SequenceEqual(a.Parameters)
                        && p.Take(a.Parameters.Length).All(x => x.ParameterType == typeof(Tensor))),
                    Is.True, $"{type.Name} has a constructor ({string.Join(", ", a.Parameters)}, ...)");
            }
        }

        // ---- round trips -------------------------------------------------------------------------------------

        [Test]
        public void RoundTripElementwiseFamilies()
        {
            AssertRoundTrip(QemFamily.Normal, D(new long[] { 2, 2 }, -1.5, 0, 2.3, 40), D(new long[] { 2, 2 }, 0.1, 1, 4, 3));
            AssertRoundTrip(QemFamily.Bernoulli, D(0.01, 0.3, 0.5, 0.99));
            AssertRoundTrip(QemFamily.Exponential, D(new long[] { 3, 1 }, 0.2, 1, 30));
            AssertRoundTrip(QemFamily.HalfNormal, D(0.05, 1, 7));
            AssertRoundTrip(QemFamily.Poisson, D(0.1, 3, 100));
        }

        [Test]
        public void RoundTripGammaSmallAndLargeShapes()
        {
            var shape = D(new long[] { 2, 4 }, 0.01, 0.3, 1, 2.5, 50, 1000, 1e5, 0.05);
            var rate = D(new long[] { 2, 4 }, 0.5, 2, 1, 3, 0.1, 10, 1, 1e3);
            AssertRoundTrip(QemFamily.Gamma, shape, rate);
        }

        [Test]
        public void RoundTripBetaAsymmetric()
        {
            var a = D(new long[] { 2, 4 }, 0.5, 2, 10, 1, 30, 0.05, 200, 0.02);
            var b = D(new long[] { 2, 4 }, 3, 0.2, 1, 1, 70, 0.1, 5, 40);
            AssertRoundTrip(QemFamily.Beta, a, b);
        }

        [Test]
        public void RoundTripDirichletAsymmetric()
        {
            AssertRoundTrip(QemFamily.Dirichlet, D(new long[] { 2, 2, 3 },
                0.3, 2, 5,
                10, 1, 0.1,
                1, 1, 1,
                50, 20, 100));
            AssertRoundTrip(QemFamily.Dirichlet, D(new long[] { 1, 5 }, 0.05, 0.5, 3, 0.2, 8));
        }

        [Test]
        public void RoundTripMultivariateNormal()
        {
            var loc = D(new long[] { 2, 3 }, 1, -2, 0.5, 0, 3, -1);
            var cov = D(new long[] { 2, 3, 3 },
                2, 0.3, -0.1,
                0.3, 1, 0.2,
                -0.1, 0.2, 0.5,
                1, 0, 0,
                0, 4, 1,
                0, 1, 3);
            AssertRoundTrip(QemFamily.MultivariateNormal, loc, cov);
        }

        private static Tensor LogUniform(long[] shape, double low, double high) =>
            (torch.rand(shape, ScalarType.Float64) * Math.Log(high / low) + Math.Log(low)).exp();

        [Test]
        public void RoundTripRandomSweep()
        {
            // Log-uniform concentrations over five decades (Beta, Dirichlet) and shapes over eight (Gamma), batched.
            torch.manual_seed(2718);
            AssertRoundTrip(QemFamily.Gamma, LogUniform(new long[] { 20, 25 }, 1e-3, 1e5), LogUniform(new long[] { 20, 25 }, 1e-2, 1e2));
            AssertRoundTrip(QemFamily.Beta, LogUniform(new long[] { 10, 50 }, 1e-2, 1e3), LogUniform(new long[] { 10, 50 }, 1e-2, 1e3));
            AssertRoundTrip(QemFamily.Dirichlet, LogUniform(new long[] { 5, 40, 4 }, 1e-2, 1e3));
        }

        // ---- closed forms of ToMean ---------------------------------------------------------------------------

        [Test]
        public void ToMeanElementwiseClosedForms()
        {
            double[] loc = { -1.5, 0, 2 }, scale = { 0.5, 1, 3 }, rate = { 0.2, 1, 30 };
            var normal = Qem.ToMean(QemFamily.Normal, new[] { D(loc), D(scale) });
            AssertClose(normal[0], loc, 1e-14, "Normal E[x]");
            AssertClose(normal[1], QemReference.Zip(loc, scale, (m, s) => s * s + m * m), 1e-14, "Normal E[x^2]");
            AssertClose(Qem.ToMean(QemFamily.Exponential, new[] { D(rate) })[0], QemReference.Map(rate, r => 1 / r), 1e-14, "Exponential");
            AssertClose(Qem.ToMean(QemFamily.HalfNormal, new[] { D(scale) })[0], QemReference.Map(scale, s => s * s), 1e-14, "HalfNormal");
            AssertClose(Qem.ToMean(QemFamily.Poisson, new[] { D(rate) })[0], rate, 1e-14, "Poisson");
            AssertClose(Qem.ToMean(QemFamily.Bernoulli, new[] { D(0.25) })[0], new[] { 0.25 }, 1e-14, "Bernoulli");
        }

        [Test]
        public void ToMeanGammaClosedForm()
        {
            double[] a = { 0.01, 0.3, 2.5, 50 }, b = { 0.5, 2, 3, 0.1 };
            var m = Qem.ToMean(QemFamily.Gamma, new[] { D(a), D(b) });
            AssertClose(m[0], QemReference.Zip(a, b, (x, y) => QemReference.Digamma(x) - Math.Log(y)), 1e-12, "E[log x]");
            AssertClose(m[1], QemReference.Zip(a, b, (x, y) => x / y), 1e-14, "E[x]");
        }

        [Test]
        public void ToMeanBetaClosedForm()
        {
            double[] a = { 0.5, 2, 30 }, b = { 3, 0.2, 70 };
            var m = Qem.ToMean(QemFamily.Beta, new[] { D(a), D(b) });
            var psi = (Func<double, double>)QemReference.Digamma;
            AssertClose(m[0], QemReference.Zip(a, b, (x, y) => psi(x) - psi(x + y)), 1e-12, "E[log x]");
            AssertClose(m[1], QemReference.Zip(a, b, (x, y) => psi(y) - psi(x + y)), 1e-12, "E[log(1-x)]");
        }

        [Test]
        public void ToMeanDirichletClosedForm()
        {
            double[] alpha = { 0.3, 2, 5, 10, 1, 0.1 };
            var m = Qem.ToMean(QemFamily.Dirichlet, new[] { D(new long[] { 2, 3 }, alpha) });
            AssertShape(m[0], 2, 3);
            var expected = new double[6];
            for (int row = 0; row < 2; row++)
            {
                double total = alpha[3 * row] + alpha[3 * row + 1] + alpha[3 * row + 2];
                for (int k = 0; k < 3; k++)
                    expected[3 * row + k] = QemReference.Digamma(alpha[3 * row + k]) - QemReference.Digamma(total);
            }
            AssertClose(m[0], expected, 1e-12, "E[log x]");
        }

        [Test]
        public void ToMeanMultivariateNormalSecondMoment()
        {
            double[] mu = { 1, -2, 0.5 };
            double[] cov = { 2, 0.3, -0.1, 0.3, 1, 0.2, -0.1, 0.2, 0.5 };
            var m = Qem.ToMean(QemFamily.MultivariateNormal, new[] { D(mu), D(new long[] { 3, 3 }, cov) });
            AssertClose(m[0], mu, 1e-14, "E[x]");
            AssertShape(m[1], 3, 3);
            var expected = new double[9];
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++)
                    expected[3 * i + j] = cov[3 * i + j] + mu[i] * mu[j];
            AssertClose(m[1], expected, 1e-14, "E[x x^T]");
        }

        // ---- Statistics ---------------------------------------------------------------------------------------

        [Test]
        public void StatisticsShapesAndValues()
        {
            var x = D(new long[] { 2, 2 }, 1, -2, 3, 0.5);
            var normal = Qem.Statistics(QemFamily.Normal, x);
            Assert.That(normal, Has.Length.EqualTo(2));
            AssertShape(normal[1], 2, 2);
            AssertClose(normal[0], new[] { 1, -2, 3, 0.5 }, 1e-15, "Normal x");
            AssertClose(normal[1], new[] { 1, 4, 9, 0.25 }, 1e-15, "Normal x^2");
            AssertClose(Qem.Statistics(QemFamily.HalfNormal, D(1.5, 2))[0], new[] { 2.25, 4 }, 1e-15, "HalfNormal");
            AssertClose(Qem.Statistics(QemFamily.Exponential, D(1.5, 2))[0], new[] { 1.5, 2 }, 1e-15, "Exponential");

            var pos = D(new long[] { 3, 1 }, 0.5, 2, 7);
            var gamma = Qem.Statistics(QemFamily.Gamma, pos);
            AssertShape(gamma[0], 3, 1);
            AssertClose(gamma[0], new[] { Math.Log(0.5), Math.Log(2), Math.Log(7) }, 1e-15, "Gamma log x");
            AssertClose(gamma[1], new[] { 0.5, 2, 7 }, 1e-15, "Gamma x");

            var beta = Qem.Statistics(QemFamily.Beta, D(0.2, 0.9));
            AssertClose(beta[0], new[] { Math.Log(0.2), Math.Log(0.9) }, 1e-15, "Beta log x");
            AssertClose(beta[1], new[] { Math.Log(0.8), Math.Log(0.1) }, 1e-14, "Beta log(1-x)");

            var dir = Qem.Statistics(QemFamily.Dirichlet, D(new long[] { 2, 3 }, 0.2, 0.3, 0.5, 0.1, 0.1, 0.8));
            Assert.That(dir, Has.Length.EqualTo(1));
            AssertShape(dir[0], 2, 3);
            AssertClose(dir[0], new[] { 0.2, 0.3, 0.5, 0.1, 0.1, 0.8 }.Select(v => Math.Log(v)).ToArray(), 1e-15, "Dirichlet log x");

            var mvn = Qem.Statistics(QemFamily.MultivariateNormal, D(new long[] { 2, 2 }, 1, 2, -1, 3));
            AssertShape(mvn[0], 2, 2);
            AssertShape(mvn[1], 2, 2, 2);
            AssertClose(mvn[1], new double[] { 1, 2, 2, 4, 1, -3, -3, 9 }, 1e-15, "MVN x x^T");
        }

        [Test]
        public void StatisticsOfIntegerDataAreFloating()
        {
            var counts = torch.tensor(new long[] { 0, 3, 5 });
            var t = Qem.Statistics(QemFamily.Poisson, counts)[0];
            Assert.That(torch.is_floating_point(t), Is.True);
            AssertClose(t, new double[] { 0, 3, 5 }, 1e-15, "Poisson x");
            Assert.That(torch.is_floating_point(Qem.Statistics(QemFamily.Bernoulli, torch.tensor(new[] { true, false }))[0]), Is.True);
        }

        [Test]
        public void VectorFamiliesRejectScalars()
        {
            Assert.Throws<ArgumentException>(() => Qem.Statistics(QemFamily.Dirichlet, D(0.5).reshape(Array.Empty<long>())));
            Assert.Throws<ArgumentException>(() => Qem.Statistics(QemFamily.MultivariateNormal, torch.tensor(1.0)));
        }

        // ---- Update -------------------------------------------------------------------------------------------

        private static Tensor[] Clone(Tensor[] ts) => ts.Select(t => t.clone()).ToArray();

        private static readonly (QemFamily Family, Func<Tensor[]> Old, Func<Tensor[]> Target)[] UpdateCases =
        {
            (QemFamily.Normal, () => new[] { D(0.0, 1), D(1.0, 2) }, () => new[] { D(2.0, -1), D(0.5, 3) }),
            (QemFamily.Bernoulli, () => new[] { D(0.2, 0.7) }, () => new[] { D(0.6, 0.1) }),
            (QemFamily.Exponential, () => new[] { D(1.0, 3) }, () => new[] { D(0.5, 10) }),
            (QemFamily.HalfNormal, () => new[] { D(1.0, 3) }, () => new[] { D(0.5, 10) }),
            (QemFamily.Poisson, () => new[] { D(1.0, 3) }, () => new[] { D(0.5, 10) }),
            (QemFamily.Gamma, () => new[] { D(2.0, 0.3), D(1.0, 4) }, () => new[] { D(0.7, 20), D(3.0, 0.5) }),
            (QemFamily.Beta, () => new[] { D(2.0, 0.3), D(1.0, 4) }, () => new[] { D(0.7, 20), D(3.0, 0.5) }),
            (QemFamily.Dirichlet, () => new[] { D(new long[] { 2, 3 }, 1, 2, 3, 0.5, 0.5, 4) },
                () => new[] { D(new long[] { 2, 3 }, 5, 0.2, 1, 10, 30, 2) }),
            (QemFamily.MultivariateNormal, () => new[] { D(0.0, 1), D(new long[] { 2, 2 }, 1, 0.2, 0.2, 2) },
                () => new[] { D(3.0, -1), D(new long[] { 2, 2 }, 0.5, -0.1, -0.1, 0.3) }),
        };

        private static readonly int[] UpdateCaseIndices = Enumerable.Range(0, UpdateCases.Length).ToArray();

        [TestCaseSource(nameof(UpdateCaseIndices))]
        public void UpdateWithUnitStepIsFromMeanOfExpectations(int index)
        {
            var (family, old, target) = UpdateCases[index];
            var parameters = old();
            var originals = parameters.ToArray();
            var expectations = Qem.ToMean(family, target());
            var expected = Qem.FromMean(family, expectations);
            Qem.Update(family, parameters, expectations, 1.0);
            for (int i = 0; i < parameters.Length; i++)
            {
                Assert.That(ReferenceEquals(parameters[i], originals[i]), Is.True, "updated in place");
                AssertClose(parameters[i], Values(expected[i]), 1e-12, $"{family}[{i}] vs FromMean");
                AssertClose(parameters[i], Values(target()[i]), RoundTrip, $"{family}[{i}] vs target");
            }
        }

        [TestCaseSource(nameof(UpdateCaseIndices))]
        public void UpdateWithHalfStepAveragesMeanParameters(int index)
        {
            var (family, old, target) = UpdateCases[index];
            var parameters = old();
            var before = Qem.ToMean(family, Clone(parameters));
            var expectations = Qem.ToMean(family, target());
            Qem.Update(family, parameters, expectations, 0.5);
            var after = Qem.ToMean(family, parameters);
            for (int i = 0; i < after.Length; i++)
                AssertClose(after[i], Values((before[i] + expectations[i]) * 0.5), RoundTrip, $"{family} mean[{i}]");
        }

        [Test]
        public void UpdateBroadcastsExpectationsAndKeepsLeafParameters()
        {
            var loc = D(0.0, 1, 2).requires_grad_(true);
            var scale = D(1.0, 1, 1).requires_grad_(true);
            Qem.Update(QemFamily.Normal, new[] { loc, scale }, new[] { torch.tensor(1.0), torch.tensor(5.0) }, 1.0);
            Assert.That(loc.requires_grad, Is.True);
            AssertClose(loc, new[] { 1.0, 1, 1 }, 1e-15, "loc");
            AssertClose(scale, new[] { 2.0, 2, 2 }, 1e-15, "scale");
        }

        [Test]
        public void UpdateValidatesArguments()
        {
            Tensor[] P() => new[] { D(0.0), D(1.0) };
            Tensor[] E() => new[] { D(0.0), D(1.0) };
            foreach (var lr in new[] { 0.0, -0.1, 1.5, double.NaN })
                Assert.Throws<ArgumentOutOfRangeException>(() => Qem.Update(QemFamily.Normal, P(), E(), lr), $"lr={lr}");
            var ex = Assert.Throws<ArgumentException>(() => Qem.Update(QemFamily.Gamma, new[] { D(1.0) }, E(), 0.5));
            Assert.That(ex!.Message, Does.Contain("Gamma"));
            ex = Assert.Throws<ArgumentException>(() => Qem.Update(QemFamily.Beta, P(), new[] { D(-1.0) }, 0.5));
            Assert.That(ex!.Message, Does.Contain("Beta"));
            ex = Assert.Throws<ArgumentException>(() => Qem.Update(QemFamily.Normal, P(), new[] { D(0.0, 1), D(1.0, 2) }, 0.5));
            Assert.That(ex!.Message, Does.Contain("Normal"));
            Assert.Throws<ArgumentException>(() => Qem.FromMean(QemFamily.Dirichlet, E()));
            Assert.Throws<ArgumentException>(() => Qem.ToMean(QemFamily.Bernoulli, P()));
        }

        // ---- float32 ------------------------------------------------------------------------------------------

        [Test]
        public void Float32InputsGiveFloat32Results()
        {
            foreach (var family in new[] { QemFamily.Gamma, QemFamily.Beta })
            {
                var p = new[] { torch.tensor(new[] { 0.3f, 4f }), torch.tensor(new[] { 2f, 0.7f }) };
                var back = Qem.FromMean(family, Qem.ToMean(family, p));
                for (int i = 0; i < 2; i++)
                {
                    Assert.That(back[i].dtype, Is.EqualTo(ScalarType.Float32), family.ToString());
                    AssertClose(back[i], Values(p[i]), 1e-4, $"{family}[{i}] float32");
                }
            }
            var alpha = torch.tensor(new[] { 0.5f, 2f, 6f });
            var dir = Qem.FromMean(QemFamily.Dirichlet, Qem.ToMean(QemFamily.Dirichlet, new[] { alpha }))[0];
            Assert.That(dir.dtype, Is.EqualTo(ScalarType.Float32));
            AssertClose(dir, Values(alpha), 1e-4, "Dirichlet float32");
        }

        [Test]
        public void DegenerateGammaStaysFinite()
        {
            // A point mass (E[log x] = log E[x]) has no finite Gamma fit; the shape is capped instead of dividing by zero.
            var back = Qem.FromMean(QemFamily.Gamma, new[] { D(Math.Log(2.0)), D(2.0) });
            Assert.That(Values(back[0]).Concat(Values(back[1])).All(double.IsFinite), Is.True);
            Assert.That(Scalar(back[0]) / Scalar(back[1]), Is.EqualTo(2.0).Within(1e-9));
        }

        [Test]
        public void DegenerateBetaAndDirichletStayFinite()
        {
            // Mean logs of a point mass (no maximiser): the bounded iteration returns a huge but finite precision.
            var beta = Qem.FromMean(QemFamily.Beta, new[] { D(Math.Log(0.3)), D(Math.Log(0.7)) });
            Assert.That(Values(beta[0]).Concat(Values(beta[1])).All(double.IsFinite), Is.True);
            Assert.That(Scalar(beta[0]) / (Scalar(beta[0]) + Scalar(beta[1])), Is.EqualTo(0.3).Within(1e-6));
            var dir = Qem.FromMean(QemFamily.Dirichlet, new[] { D(Math.Log(0.2), Math.Log(0.3), Math.Log(0.5)) })[0];
            Assert.That(Values(dir).All(v => double.IsFinite(v) && v > 0), Is.True);
        }
    }
}
