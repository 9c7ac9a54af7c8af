using System;
using System.Collections.Generic;
using System.Linq;
using Alan.Distributions.Authoring;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static Alan.Integration.Tests.TestMath;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// A distribution defined outside the runtime (<see cref="Kumaraswamy"/>, in this assembly, written against the
    /// public authoring API) works end to end: its log-density against the closed form, its draws' moments and
    /// pathwise gradient against the analytic ones, and a model using it in P and Q (<see cref="UserKumaProblem"/>)
    /// whose MP estimator matches a brute-force average over the particles and whose evidence estimate matches a
    /// quadrature of the evidence, all computed here with System.Math.
    /// </summary>
    public class UserDistributionTests
    {
        /// <summary>log Kumaraswamy(x | a, b) = log a + log b + (a - 1) log x + (b - 1) log(1 - x^a).</summary>
        private static double KumaraswamyLogPdf(double x, double a, double b) =>
            Math.Log(a) + Math.Log(b) + (a - 1) * Math.Log(x) + (b - 1) * Math.Log(1 - Math.Pow(x, a));

        /// <summary>E[X^n] = b B(1 + n/a, b), for b = 1: a / (a + n); for a = 2, b = 3 and n = 1, 2, 4: 16/35, 1/4, 1/10.</summary>
        private static double KumaraswamyMoment(double a, double b, int n) => (a, b, n) switch
        {
            (4.0, 1.0, _) => a / (a + n),
            (2.0, 3.0, 1) => 16.0 / 35.0,
            (2.0, 3.0, 2) => 0.25,
            (2.0, 3.0, 4) => 0.1,
            _ => throw new ArgumentException($"no closed form written for a = {a}, b = {b}, n = {n}"),
        };

        [Test]
        public void LogProb_MatchesTheClosedForm()
        {
            var a = new[] { 2.0, 0.5, 4.0, 1.0 };
            var b = new[] { 3.0, 0.7, 1.0, 2.5 };
            var x = new[] { 0.3, 0.01, 0.95, 0.5 };
            var d = new Kumaraswamy(torch.tensor(a), torch.tensor(b));
            var actual = ToArray(d.LogProb(torch.tensor(x)));
            for (int i = 0; i < x.Length; i++)
                Assert.That(actual[i], Is.EqualTo(KumaraswamyLogPdf(x[i], a[i], b[i])).Within(1e-12), $"x = {x[i]}, a = {a[i]}, b = {b[i]}");

            // In the layout (batchRank 1): scalar parameters broadcast, the trailing dimension is summed.
            var scalar = new Kumaraswamy(torch.tensor(2.0), torch.tensor(3.0));
            var values = torch.tensor(new[] { 0.2, 0.4, 0.6, 0.8 }).view(2, 2);
            var summed = ToArray(scalar.LogProb(values, batchRank: 1, ScalarType.Float64));
            Assert.That(summed[0], Is.EqualTo(KumaraswamyLogPdf(0.2, 2, 3) + KumaraswamyLogPdf(0.4, 2, 3)).Within(1e-12));
            Assert.That(summed[1], Is.EqualTo(KumaraswamyLogPdf(0.6, 2, 3) + KumaraswamyLogPdf(0.8, 2, 3)).Within(1e-12));

            // Outside (0, 1): -inf, with a finite gradient for the parameters.
            var aParam = torch.tensor(2.0, requires_grad: true);
            var outside = new Kumaraswamy(aParam, torch.tensor(3.0)).LogProb(torch.tensor(new[] { 0.0, 1.0, 1.5, -0.2, 0.5 }));
            Assert.That(ToArray(outside).Take(4), Is.All.EqualTo(double.NegativeInfinity));
            outside[4].backward();
            Assert.That(double.IsFinite(Item(aParam.grad!)), Is.True);
        }

        // Moments of 200 000 float64 draws per setting: the mean and the mean of x^2 within 6 standard errors of the
        // analytic values (standard errors from the analytic variances of x and x^2).
        [Test]
        public void Draws_HaveTheAnalyticMoments()
        {
            torch.manual_seed(301);
            const int n = 200_000;
            var a = new[] { 2.0, 4.0 };
            var b = new[] { 3.0, 1.0 };
            // Parameters in the layout [1, 2] (rank = batchRank: they carry their batch dimension), draws [n, 2].
            var d = new Kumaraswamy(torch.tensor(a).view(1, 2), torch.tensor(b).view(1, 2));
            var draws = d.Sample(new long[] { n, 1 }, ScalarType.Float64, reparam: false);
            Assert.That(draws.shape, Is.EqualTo(new long[] { n, 2 }));
            for (int j = 0; j < 2; j++)
            {
                var x = ToArray(draws.select(1, j));
                Assert.That(x.All(v => v > 0 && v < 1), Is.True, "draws in (0, 1)");
                double m1 = KumaraswamyMoment(a[j], b[j], 1), m2 = KumaraswamyMoment(a[j], b[j], 2), m4 = KumaraswamyMoment(a[j], b[j], 4);
                double se1 = Math.Sqrt((m2 - m1 * m1) / n), se2 = Math.Sqrt((m4 - m2 * m2) / n);
                double mean = x.Average(), meanSquare = x.Select(v => v * v).Average();
                TestContext.Out.WriteLine($"a {a[j]} b {b[j]}: mean {mean:F5} ({m1:F5} ± {se1:F5}), E[x^2] {meanSquare:F5} ({m2:F5} ± {se2:F5})");
                Assert.That(Math.Abs(mean - m1), Is.LessThanOrEqualTo(6 * se1), $"mean, a = {a[j]}, b = {b[j]}");
                Assert.That(Math.Abs(meanSquare - m2), Is.LessThanOrEqualTo(6 * se2), $"E[x^2], a = {a[j]}, b = {b[j]}");
            }
        }

        // The pathwise gradient: for b = 1, E[x] = a / (a + 1), so dE[x]/da = 1 / (a + 1)^2 (0.04 at a = 4). Each draw
        // x = u^(1/a) (u uniform) has dx/da = -x log(x) / a; the autograd mean of 200 000 of them within 6 standard
        // errors (their sample standard deviation over sqrt(n)) of the analytic derivative.
        [Test]
        public void ReparameterisedDraws_CarryThePathwiseGradient()
        {
            torch.manual_seed(302);
            const int n = 200_000;
            var a = torch.tensor(4.0, requires_grad: true);
            var d = new Kumaraswamy(a, torch.tensor(1.0));
            var draws = d.Sample(new long[] { n }, ScalarType.Float64, reparam: true);
            draws.mean().backward();
            double gradient = Item(a.grad!);
            var x = ToArray(draws);
            var perDraw = x.Select(v => -v * Math.Log(v) / 4.0).ToList();
            var (_, se) = MeanSe(perDraw);
            TestContext.Out.WriteLine($"dE[x]/da {gradient:F6} (0.04 ± {se:F6})");
            Assert.That(Math.Abs(gradient - 0.04), Is.LessThanOrEqualTo(6 * se));
        }

        /// <summary>A continuous distribution whose draws are not pathwise (the attribute and the override say so).</summary>
        [Distribution(Support.Positive)]
        private sealed class NonPathwise : Distribution
        {
            public override int EventRank => 0;
            public override bool IsReparameterised => false;
            protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype) => -ShapeUtil.Value(value, dtype);
            protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam) => torch.ones(batchShape, dtype);
        }

        [Test]
        public void ReparameterisedSampling_OfANonPathwiseDistribution_IsRefusedWithItsName()
        {
            var d = new NonPathwise();
            var e = Assert.Throws<InvalidOperationException>(() => d.Sample(new long[] { 2 }, ScalarType.Float64, reparam: true))!;
            Assert.That(e.Message, Does.Contain("NonPathwise").And.Contain("IsReparameterised is false").And.Contain("reparam: false"));
            Assert.That(ToArray(d.Sample(new long[] { 2 }, ScalarType.Float64, reparam: false)), Is.EqualTo(new[] { 1.0, 1.0 }));
        }

        private static readonly double[] Data = { 0.31, 0.58, 0.44, 0.72, 0.25 };

        /// <summary>Q's initial parameters: Kumaraswamy(e^0.8, e^1).</summary>
        private static readonly double QA = Math.Exp(0.8), QB = Math.Exp(1.0);

        /// <summary>log p(z) + sum_t log p(y_t | z): z ~ Kumaraswamy(2, 3), y_t ~ Kumaraswamy(1 + 3 z, 2).</summary>
        private static double LogJoint(double z) => KumaraswamyLogPdf(z, 2, 3) + Data.Sum(y => KumaraswamyLogPdf(y, 1 + 3 * z, 2));

        private static UserKumaProblem Problem() =>
            new(new UserKumaProblem.PlateSizes(T: Data.Length), new UserKumaProblem.Observations(Y: torch.tensor(Data)), dtype: ScalarType.Float64);

        // One latent in one Q group: P_hat = 1/K sum_k p(z_k, y) / q(z_k), exactly, from the sample's own particles.
        [TestCase(1, 311)]
        [TestCase(5, 312)]
        public void Estimator_MatchesTheBruteForceAverage(int k, int seed)
        {
            torch.manual_seed(seed);
            var problem = Problem();
            using var sample = problem.Sample(k);
            var z = ToArray(sample.Particles.Z);
            Assert.That(z, Has.Length.EqualTo(k));
            double expected = LogMeanExp(z.Select(v => LogJoint(v) - KumaraswamyLogPdf(v, QA, QB)).ToList());
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(1e-10));
            Assert.That(Item(sample.ElboVi().detach()), Is.EqualTo(expected).Within(1e-10));
        }

        /// <summary>log of the integral over (0, 1) of exp(<paramref name="logIntegrand"/>), by composite Simpson on a fine grid
        /// (the integrands here are smooth and vanish at both ends).</summary>
        private static double LogQuadrature(Func<double, double> logIntegrand, int intervals = 20_000)
        {
            double h = 1.0 / intervals;
            var terms = new List<double>();
            for (int i = 1; i < intervals; i++)
                terms.Add(logIntegrand(i * h) + Math.Log(i % 2 == 1 ? 4.0 : 2.0));
            return LogSumExp(terms) + Math.Log(h / 3);
        }

        // P_hat is unbiased for p(y), so E[log P_hat] <= log p(y) (Jensen). Band: with mean m and standard error se of
        // R = 200 values at K = 1000, -6 se <= log p(y) - m <= 0.01 nats (the Jensen gap, Var(log P_hat) / 2, is about
        // 0.001 here).
        [Test]
        public void EvidenceEstimate_MatchesQuadrature()
        {
            double prior = LogQuadrature(z => KumaraswamyLogPdf(z, 2, 3));
            Assert.That(prior, Is.EqualTo(0.0).Within(1e-9), "the quadrature integrates the prior to 1");
            double exact = LogQuadrature(LogJoint);

            torch.manual_seed(313);
            var problem = Problem();
            var values = new List<double>();
            for (int r = 0; r < 200; r++)
            {
                using var sample = problem.Sample(1000);
                values.Add(Item(sample.ElboNoGrad()));
            }
            var (mean, se) = MeanSe(values);
            double gap = exact - mean;
            TestContext.Out.WriteLine($"exact {exact:F6}  mean {mean:F6}  gap {gap:F6}  se {se:F6}");
            Assert.That(values.All(double.IsFinite), Is.True);
            Assert.That(gap, Is.GreaterThanOrEqualTo(-6 * se), "mean of log P_hat exceeds the evidence beyond noise");
            Assert.That(gap, Is.LessThanOrEqualTo(0.01), "mean of log P_hat is too far below the evidence");
        }
    }
}
