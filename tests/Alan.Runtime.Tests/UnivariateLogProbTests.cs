using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using TorchSharp;
using static Alan.Runtime.Tests.TestUtil;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// Log-densities of the univariate families (including the discrete ones) against closed forms computed
    /// independently with System.Math, in float64, at batched, scalar and broadcast parameters.
    /// </summary>
    public class UnivariateLogProbTests
    {
        /// <summary>A family, closed-form log-density f(params, x), N parameter points (one array per parameter) and N values.</summary>
        public sealed record Spec(string Name, Func<Tensor[], Distribution> Make, Func<double[], double, double> LogPdf,
            double[][] Params, double[] Xs)
        {
            public override string ToString() => Name;
        }

        private static readonly double HalfLog2Pi = 0.5 * Math.Log(2 * Math.PI);

        public static IEnumerable<Spec> Specs()
        {
            double[] loc = { 0, 1.5, -2, 3 }, scale = { 1, 0.5, 2, 3 }, realXs = { 0.3, 1.0, -5, 10 };
            double[] probs = { 0.3, 0.9, 0.01, 0.5 }, logits = { -2, 0.5, 30, -40 };

            yield return new Spec("Normal", p => new Normal(p[0], p[1]),
                (p, x) => { var z = (x - p[0]) / p[1]; return -0.5 * z * z - Math.Log(p[1]) - HalfLog2Pi; },
                new[] { loc, scale }, realXs);
            yield return new Spec("LogNormal", p => new LogNormal(p[0], p[1]),
                (p, x) => { var z = (Math.Log(x) - p[0]) / p[1]; return -0.5 * z * z - Math.Log(p[1] * x) - HalfLog2Pi; },
                new[] { new[] { 0, 0.5, -1, 2 }, new[] { 1, 0.3, 2, 0.8 } }, new[] { 0.5, 1.7, 0.01, 12 });
            yield return new Spec("HalfNormal", p => new HalfNormal(p[0]),
                (p, x) => 0.5 * Math.Log(2 / Math.PI) - Math.Log(p[0]) - x * x / (2 * p[0] * p[0]),
                new[] { scale }, new[] { 0, 0.3, 4, 1 });
            yield return new Spec("StudentT", p => new StudentT(p[0], p[1], p[2]),
                (p, x) =>
                {
                    double nu = p[0], y = (x - p[1]) / p[2];
                    return Lgamma((nu + 1) / 2) - Lgamma(nu / 2) - 0.5 * Math.Log(nu * Math.PI) - Math.Log(p[2])
                           - (nu + 1) / 2 * Math.Log(1 + y * y / nu);
                },
                new[] { new[] { 1, 2.5, 5, 30 }, loc, scale }, realXs);
            yield return new Spec("HalfStudentT", p => new HalfStudentT(p[0], p[1]),
                (p, x) =>
                {
                    double nu = p[0], y = x / p[1];
                    return Math.Log(2) + Lgamma((nu + 1) / 2) - Lgamma(nu / 2) - 0.5 * Math.Log(nu * Math.PI) - Math.Log(p[1])
                           - (nu + 1) / 2 * Math.Log(1 + y * y / nu);
                },
                new[] { new[] { 1, 2.5, 5, 30 }, scale }, new[] { 0, 0.3, 4, 1 });
            yield return new Spec("Laplace", p => new Laplace(p[0], p[1]),
                (p, x) => -Math.Abs(x - p[0]) / p[1] - Math.Log(2 * p[1]), new[] { loc, scale }, realXs);
            yield return new Spec("Cauchy", p => new Cauchy(p[0], p[1]),
                (p, x) => -Math.Log(Math.PI * p[1] * (1 + Math.Pow((x - p[0]) / p[1], 2))), new[] { loc, scale }, realXs);
            yield return new Spec("HalfCauchy", p => new HalfCauchy(p[0]),
                (p, x) => Math.Log(2 / (Math.PI * p[0] * (1 + Math.Pow(x / p[0], 2)))), new[] { scale }, new[] { 0, 0.3, 4, 1 });
            yield return new Spec("Gumbel", p => new Gumbel(p[0], p[1]),
                (p, x) => { var z = (x - p[0]) / p[1]; return -z - Math.Exp(-z) - Math.Log(p[1]); },
                new[] { loc, scale }, realXs);
            yield return new Spec("Uniform", p => new Uniform(p[0], p[1]),
                (p, x) => x >= p[0] && x < p[1] ? -Math.Log(p[1] - p[0]) : double.NegativeInfinity,
                new[] { new double[] { 0, -1, 2, -3 }, new double[] { 1, 1, 5, 10 } }, new[] { 0.5, -1, 4.9, 0 });
            yield return new Spec("Exponential", p => new Exponential(p[0]),
                (p, x) => Math.Log(p[0]) - p[0] * x, new[] { new[] { 1, 0.5, 2, 10 } }, new[] { 0, 0.3, 4, 0.05 });
            yield return new Spec("Gamma", p => new Gamma(p[0], p[1]),
                (p, x) => p[0] * Math.Log(p[1]) + (p[0] - 1) * Math.Log(x) - p[1] * x - Lgamma(p[0]),
                new[] { new[] { 1, 0.5, 2.5, 10 }, new[] { 1, 2, 0.5, 3 } }, new[] { 0.3, 0.01, 4, 3 });
            yield return new Spec("Weibull", p => new Weibull(p[0], p[1]),
                (p, x) => Math.Log(p[1] / p[0]) + (p[1] - 1) * Math.Log(x / p[0]) - Math.Pow(x / p[0], p[1]),
                new[] { new[] { 1, 2, 0.5, 3 }, new[] { 1, 0.7, 2.5, 5 } }, new[] { 0.3, 0.01, 0.6, 3 });
            yield return new Spec("Beta", p => new Beta(p[0], p[1]),
                (p, x) => (p[0] - 1) * Math.Log(x) + (p[1] - 1) * Math.Log(1 - x) + Lgamma(p[0] + p[1]) - Lgamma(p[0]) - Lgamma(p[1]),
                new[] { new[] { 1, 0.5, 2.5, 10 }, new[] { 1, 2, 0.5, 3 } }, new[] { 0.3, 0.01, 0.99, 0.7 });

            // Discrete families: closed forms in terms of log p and log(1 - p).
            Func<double[], double, double> bern(bool isLogits) => (p, x) =>
                x * LogP(p[0], isLogits) + (1 - x) * Log1mP(p[0], isLogits);
            yield return new Spec("Bernoulli(probs)", p => new Bernoulli(probs: p[0]), bern(false), new[] { probs }, new double[] { 0, 1, 1, 0 });
            yield return new Spec("Bernoulli(logits)", p => new Bernoulli(logits: p[0]), bern(true), new[] { logits }, new double[] { 0, 1, 1, 0 });

            Func<double[], double, double> binom(bool isLogits) => (p, k) =>
                LogChoose(p[0], k) + k * LogP(p[1], isLogits) + (p[0] - k) * Log1mP(p[1], isLogits);
            double[] n = { 10, 5, 1, 30 }, ks = { 3, 5, 0, 17 };
            yield return new Spec("Binomial(probs)", p => new Binomial(p[0], probs: p[1]), binom(false), new[] { n, probs }, ks);
            yield return new Spec("Binomial(logits)", p => new Binomial(p[0], logits: p[1]), binom(true),
                new[] { n, new double[] { -2, 0.5, 3, -25 } }, ks);

            Func<double[], double, double> geom(bool isLogits) => (p, k) => LogP(p[0], isLogits) + k * Log1mP(p[0], isLogits);
            yield return new Spec("Geometric(probs)", p => new Geometric(probs: p[0]), geom(false), new[] { probs }, new double[] { 0, 2, 40, 3 });
            yield return new Spec("Geometric(logits)", p => new Geometric(logits: p[0]), geom(true), new[] { logits }, new double[] { 0, 2, 40, 3 });

            yield return new Spec("Poisson", p => new Poisson(p[0]),
                (p, k) => k * Math.Log(p[0]) - p[0] - Lgamma(k + 1), new[] { new[] { 1, 3.5, 0.1, 50 } }, new double[] { 0, 2, 1, 45 });

            // torch convention: pmf C(k + r - 1, k) (1 - p)^r p^k with p the success probability.
            Func<double[], double, double> negbin(bool isLogits) => (p, k) =>
                Lgamma(k + p[0]) - Lgamma(k + 1) - Lgamma(p[0]) + p[0] * Log1mP(p[1], isLogits) + k * LogP(p[1], isLogits);
            double[] r = { 1, 3.5, 0.5, 20 }, nbk = { 0, 7, 1, 15 };
            yield return new Spec("NegativeBinomial(probs)", p => new NegativeBinomial(p[0], probs: p[1]), negbin(false), new[] { r, probs }, nbk);
            yield return new Spec("NegativeBinomial(logits)", p => new NegativeBinomial(p[0], logits: p[1]), negbin(true),
                new[] { r, new double[] { -2, 0.5, 3, -5 } }, nbk);
        }

        private static double LogP(double q, bool isLogits) => isLogits ? LogSigmoid(q) : Math.Log(q);
        private static double Log1mP(double q, bool isLogits) => isLogits ? LogSigmoid(-q) : Log1p(-q);

        private static double[] Column(Spec s, int i) => s.Params.Select(p => p[i]).ToArray();

        [TestCaseSource(nameof(Specs))]
        public void BatchedParameters(Spec s)
        {
            var d = s.Make(s.Params.Select(p => D(p)).ToArray());
            var lp = d.LogProb(D(s.Xs));
            var expected = s.Xs.Select((x, i) => s.LogPdf(Column(s, i), x)).ToArray();
            Assert.That(lp.dtype, Is.EqualTo(ScalarType.Float64));
            AssertShape(lp, s.Xs.Length);
            AssertClose(lp, expected, label: s.Name);
        }

        [TestCaseSource(nameof(Specs))]
        public void ScalarParametersFromDoubles(Spec s)
        {
            for (int j = 0; j < s.Xs.Length; j++)
            {
                var pj = Column(s, j);
                var d = s.Make(pj.Select(v => (Tensor)v).ToArray()); // implicit double -> 0-dim float64 tensor
                var lp = d.LogProb((Tensor)s.Xs[j]);
                AssertShape(lp);
                AssertClose(lp, new[] { s.LogPdf(pj, s.Xs[j]) }, label: $"{s.Name} point {j}");
            }
        }

        [TestCaseSource(nameof(Specs))]
        public void BroadcastValueColumnAgainstParameterRow(Spec s)
        {
            // value [N, 1] against parameters [N]: result [N, N] with entry (i, j) = f(params_j, x_i).
            // Only pairs inside the support are compared (e.g. a Binomial count may exceed another column's n).
            int n = s.Xs.Length;
            var d = s.Make(s.Params.Select(p => D(p)).ToArray());
            var lp = d.LogProb(D(new long[] { n, 1 }, s.Xs));
            AssertShape(lp, n, n);
            var a = Values(lp);
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    double e = s.LogPdf(Column(s, j), s.Xs[i]);
                    if (double.IsNaN(e) || (s.Name.StartsWith("Binomial") && s.Xs[i] > s.Params[0][j])) continue;
                    if (double.IsInfinity(e)) Assert.That(a[i * n + j], Is.EqualTo(e));
                    else Assert.That(a[i * n + j], Is.EqualTo(e).Within(Math.Max(1e-9 * Math.Abs(e), 1e-12)), $"{s.Name}[{i},{j}]");
                }
        }

        [Test]
        public void UniformIsMinusInfinityOutsideHalfOpenSupport()
        {
            var d = new Uniform(D(-1.0), D(2.0));
            var lp = Values(d.LogProb(D(-1.0, 1.999, 2.0, -1.0001, 5)));
            Assert.That(lp[0], Is.EqualTo(-Math.Log(3)).Within(1e-15));
            Assert.That(lp[1], Is.EqualTo(-Math.Log(3)).Within(1e-15));
            Assert.That(lp.Skip(2), Is.All.EqualTo(double.NegativeInfinity));
        }

        [Test]
        public void PositiveFamiliesAreMinusInfinityForNegativeValues()
        {
            var families = new Distribution[]
            {
                new LogNormal(0.0, 1.0), new HalfNormal(1.0), new HalfCauchy(1.0), new HalfStudentT(3.0, 1.0), new Exponential(1.0),
                new Gamma(2.0, 1.0), new Weibull(1.0, 2.0), new Beta(2.0, 2.0),
            };
            foreach (var d in families)
                Assert.That(Values(d.LogProb(D(-0.5))), Is.All.EqualTo(double.NegativeInfinity), d.Name);
            Assert.That(Scalar(new Beta(2.0, 2.0).LogProb(D(1.5))), Is.EqualTo(double.NegativeInfinity));
        }

        [Test]
        public void OutOfSupportValuesKeepParameterGradientsFinite()
        {
            var a = D(2.0).requires_grad_(true);
            var lp = new Gamma(a, 1.0).LogProb(D(-1.0, 0.5));
            Assert.That(Values(lp)[0], Is.EqualTo(double.NegativeInfinity));
            lp[1].backward();
            Assert.That(Values(a.grad!), Is.All.Matches<double>(double.IsFinite));
        }

        [Test]
        public void ExtremeLogitsStayFinite()
        {
            var lp = Values(new Bernoulli(logits: D(800, -800)).LogProb(D(1, 0)));
            Assert.That(lp, Is.All.EqualTo(0.0).Within(1e-300));
            var lp2 = Values(new Bernoulli(logits: D(800, -800)).LogProb(D(0, 1)));
            Assert.That(lp2, Is.All.EqualTo(-800.0).Within(1e-12));
            var lp3 = Values(new Geometric(probs: D(1.0)).LogProb(D(0.0)));
            Assert.That(lp3[0], Is.EqualTo(0.0));
        }
    }
}
