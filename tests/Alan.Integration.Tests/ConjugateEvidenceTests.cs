using System;
using System.Collections.Generic;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static Alan.Integration.Tests.TestMath;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// Models with a closed-form evidence p(x). P_hat is unbiased for p(x), so by Jensen E[log P_hat] &lt;= log p(x).
    /// Band for every test: with mean m and standard error se of R repeated ElboNoGrad() values,
    ///     -6 se &lt;= log p(x) - m &lt;= Tolerance (stated per test),
    /// i.e. the estimate is (up to noise) below the evidence, and not by more than the tolerance.
    /// </summary>
    public class ConjugateEvidenceTests
    {
        private static void AssertBelowEvidence(Func<double> draw, int repeats, double exact, double tolerance)
        {
            var values = new List<double>(repeats);
            for (int r = 0; r < repeats; r++) values.Add(draw());
            var (mean, se) = MeanSe(values);
            double gap = exact - mean;
            TestContext.Out.WriteLine($"exact {exact:F6}  mean {mean:F6}  gap {gap:F6}  se {se:F6}  (tolerance {tolerance})");
            Assert.That(values.All(double.IsFinite), Is.True);
            Assert.That(gap, Is.GreaterThanOrEqualTo(-6 * se), "mean of log P_hat exceeds the exact evidence beyond noise (Jensen violated)");
            Assert.That(gap, Is.LessThanOrEqualTo(tolerance), "mean of log P_hat is too far below the exact evidence");
        }

        /// <summary>log N(x | m 1, c0 11^T + c1 I).</summary>
        private static double CompoundSymmetricEvidence(double[] x, double m, double shared, double own)
        {
            int n = x.Length;
            var cov = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                    cov[i, j] = shared + (i == j ? own : 0.0);
            return MvnLogPdf(x, Enumerable.Repeat(m, n).ToArray(), cov);
        }

        // (i) Intro: mu ~ N(0, 1), x_t ~ N(mu, 1): x ~ N(0, 11^T + I). Q = prior at its initial parameters.
        // Tolerance 0.02 nats at K = 1000, R = 400 (the bias is about Var(w)/(2 K) ~ 0.003 here).
        [Test]
        public void IntroModel()
        {
            torch.manual_seed(201);
            var sizes = new IntroProblem.PlateSizes(P1: 10);
            var x = IntroProblem.SamplePrior(sizes, dtype: ScalarType.Float64).Obs;
            var xs = ToArray(x);
            var problem = new IntroProblem(sizes, new IntroProblem.Observations(Obs: x), dtype: ScalarType.Float64);
            double exact = CompoundSymmetricEvidence(xs, 0.0, 1.0, 1.0);
            AssertBelowEvidence(() => { using var s = problem.Sample(1000); return Item(s.ElboNoGrad()); }, 400, exact, 0.02);
        }

        // (ii) a ~ N(2, 2), z_t ~ N(a, 1.3), d_t ~ N(z_t, 1.5): d ~ N(2, 4 11^T + (1.3^2 + 1.5^2) I).
        // Q's z_t ~ N(1.5 a, 3.5) is far wider than the posterior (sd ~1), so log P_hat is noisy: at K = 300 its sd is
        // about 0.25, giving an expected Jensen gap of roughly Var/2 ~ 0.03. Tolerance 0.08 nats (K = 300, R = 250).
        [Test]
        public void PlatedLatent()
        {
            torch.manual_seed(202);
            var d = new[] { 3.1, 0.4, 2.2, 4.0, 1.5 };
            var problem = new CjPlateProblem(new CjPlateProblem.PlateSizes(T: d.Length),
                new CjPlateProblem.Observations(D: torch.tensor(d)), dtype: ScalarType.Float64);
            double exact = CompoundSymmetricEvidence(d, 2.0, 4.0, 1.3 * 1.3 + 1.5 * 1.5);
            AssertBelowEvidence(() => { using var s = problem.Sample(300); return Item(s.ElboNoGrad()); }, 250, exact, 0.08);
        }

        // (iii) a ~ N(2, 1), b ~ N(a, 1), d_t ~ N(b, 3): d ~ N(2, 2 11^T + 9 I); Q's b depends on a.
        // Tolerance 0.05 nats at K = 300 (R = 300).
        [Test]
        public void CorrelatedProposal()
        {
            torch.manual_seed(203);
            var d = new[] { 5.2, -1.0, 3.3, 0.1, 2.8, 4.4 };
            var problem = new CjCorrProblem(new CjCorrProblem.PlateSizes(T: d.Length),
                new CjCorrProblem.Observations(D: torch.tensor(d)), dtype: ScalarType.Float64);
            double exact = CompoundSymmetricEvidence(d, 2.0, 2.0, 9.0);
            AssertBelowEvidence(() => { using var s = problem.Sample(300); return Item(s.ElboNoGrad()); }, 300, exact, 0.05);
        }

        // (iv) The same model with Q's a and b in one group (one shared particle dimension).
        // Tolerance 0.05 nats at K = 300 (R = 300).
        [Test]
        public void GroupedProposal()
        {
            torch.manual_seed(204);
            var d = new[] { 5.2, -1.0, 3.3, 0.1, 2.8, 4.4 };
            var problem = new CjCorrGroupedProblem(new CjCorrGroupedProblem.PlateSizes(T: d.Length),
                new CjCorrGroupedProblem.Observations(D: torch.tensor(d)), dtype: ScalarType.Float64);
            double exact = CompoundSymmetricEvidence(d, 2.0, 2.0, 9.0);
            AssertBelowEvidence(() => { using var s = problem.Sample(300); return Item(s.ElboNoGrad()); }, 300, exact, 0.05);
        }

        // Beta-Bernoulli: p(x) = B(2 + s, 3 + n - s) / B(2, 3), s = number of ones.
        // Tolerance 0.01 nats at K = 1000, R = 400.
        [Test]
        public void BetaBernoulli()
        {
            torch.manual_seed(205);
            var x = new[] { 1.0, 0.0, 0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0 };
            int n = x.Length, s1 = (int)x.Sum();
            var problem = new BetaBernProblem(new BetaBernProblem.PlateSizes(T: n),
                new BetaBernProblem.Observations(X: torch.tensor(x)), dtype: ScalarType.Float64);
            double exact = LogBetaInt(2 + s1, 3 + n - s1) - LogBetaInt(2, 3);
            AssertBelowEvidence(() => { using var s = problem.Sample(1000); return Item(s.ElboNoGrad()); }, 400, exact, 0.01);
        }
    }
}
