using System;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static Alan.Integration.Tests.TestMath;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// TruncatedNormal and HalfStudentT latents end to end: a few hundred ElboVi steps, then the evidence estimate and the
    /// ImportanceSample posterior mean against values computed here by quadrature (Simpson's rule on the one latent).
    /// Bands: evidence, -6 se &lt;= log p(y) - mean(log P_hat) &lt;= 0.02 nats (K = 1000, R = 100); posterior mean, pooled
    /// over 10 independent samples of K = 1000 particles (2000 draws each), within 6 posterior sd / sqrt(10 K / 2) of the
    /// exact mean: the draws are resampled particles, and a trained Q is taken to keep an effective sample size of at
    /// least K / 2 per sample.
    /// </summary>
    public class TailFamilyTests
    {
        private static double Simpson(Func<double, double> f, double a, double b, int n = 200_000)
        {
            double h = (b - a) / n, sum = f(a) + f(b);
            for (int i = 1; i < n; i++) sum += (i % 2 == 1 ? 4 : 2) * f(a + i * h);
            return sum * h / 3;
        }

        private static double NormalPdf(double z) => Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);

        /// <summary>log p(y), posterior mean and posterior sd of a scalar latent with unnormalised log-density logJoint on [a, b].</summary>
        private static (double LogEvidence, double Mean, double Sd) Quadrature(Func<double, double> logJoint, double a, double b)
        {
            double peak = Enumerable.Range(0, 2001).Select(i => logJoint(a + (b - a) * i / 2000.0)).Where(double.IsFinite).Max();
            double z = Simpson(x => Math.Exp(logJoint(x) - peak), a, b);
            double m = Simpson(x => x * Math.Exp(logJoint(x) - peak), a, b) / z;
            double v = Simpson(x => (x - m) * (x - m) * Math.Exp(logJoint(x) - peak), a, b) / z;
            return (peak + Math.Log(z), m, Math.Sqrt(v));
        }

        private static void Train(torch.nn.Module problem, Func<IInferenceSample> sample, int steps, double lr)
        {
            var opt = torch.optim.Adam(problem.parameters(), lr: lr);
            for (int i = 0; i < steps; i++)
            {
                opt.zero_grad();
                using (var scope = torch.NewDisposeScope())
                {
                    using var s = sample();
                    (-s.ElboVi()).backward();
                }
                opt.step();
            }
        }

        private static void CheckEvidence(Func<IInferenceSample> sample, double exact)
        {
            var values = Enumerable.Range(0, 100).Select(_ => { using var s = sample(); return Item(s.ElboNoGrad()); }).ToList();
            var (mean, se) = MeanSe(values);
            TestContext.Out.WriteLine($"evidence exact {exact:F6} mean {mean:F6} se {se:F6}");
            Assert.That(values.All(double.IsFinite), Is.True);
            Assert.That(exact - mean, Is.GreaterThanOrEqualTo(-6 * se));
            Assert.That(exact - mean, Is.LessThanOrEqualTo(0.02));
        }

        private static void CheckMean(Func<Tensor> draws, double mean, double sd, double low, double high)
        {
            const int samples = 10, k = 1000;
            var x = Enumerable.Range(0, samples).SelectMany(_ => ToArray(draws().flatten())).ToArray();
            TestContext.Out.WriteLine($"posterior mean exact {mean:F5} draws {x.Average():F5} (sd {sd:F5})");
            Assert.That(x, Is.All.InRange(low, high));
            Assert.That(x.Average(), Is.EqualTo(mean).Within(6 * sd / Math.Sqrt(samples * k / 2.0)));
        }

        [Test]
        public void TruncatedNormalPriorOnAMean()
        {
            torch.manual_seed(811);
            var y = new[] { 2.9, 3.6, 2.2, 4.1, 3.3, 2.7 };
            var problem = new TruncMeanProblem(new TruncMeanProblem.PlateSizes(T: y.Length),
                new TruncMeanProblem.Observations(Y: torch.tensor(y)), dtype: ScalarType.Float64);
            // Prior density: N(mu | 0.5, 2) / (Phi(1.25) - Phi(-0.75)) on [-1, 3]; the mass by quadrature too.
            double mass = Simpson(NormalPdf, -0.75, 1.25);
            double LogJoint(double mu) =>
                NormalLogPdf(mu, 0.5, 2.0) - Math.Log(mass) + y.Sum(v => NormalLogPdf(v, mu, 1.0));
            var (logEvidence, mean, sd) = Quadrature(LogJoint, -1.0, 3.0);

            Train(problem, () => problem.Sample(10), 300, 0.05);
            CheckEvidence(() => problem.Sample(1000), logEvidence);
            CheckMean(() => { using var s = problem.Sample(1000); return s.ImportanceSample(2000).Mu.detach().clone(); }, mean, sd, -1.0, 3.0);
        }

        [Test]
        public void HalfStudentTPriorOnAScale()
        {
            torch.manual_seed(812);
            var y = new[] { 0.8, -2.1, 1.5, -0.3, 2.6, -1.2, 0.4, 1.9 };
            var problem = new HalfTScaleProblem(new HalfTScaleProblem.PlateSizes(T: y.Length),
                new HalfTScaleProblem.Observations(Y: torch.tensor(y)), dtype: ScalarType.Float64);
            // Prior density 2 t_3(sigma) on sigma > 0; integrate over u = log sigma (density times sigma) on [-8, 8].
            double df = 3;
            // 2 Gamma(2) / (Gamma(3/2) sqrt(3 pi)), Gamma(2) = 1, Gamma(3/2) = sqrt(pi) / 2.
            double logNorm = Math.Log(2) - Math.Log(Math.Sqrt(Math.PI) / 2) - 0.5 * Math.Log(df * Math.PI);
            double LogJointU(double u)
            {
                double s = Math.Exp(u);
                return u + logNorm - (df + 1) / 2 * Math.Log(1 + s * s / df) + y.Sum(v => NormalLogPdf(v, 0.0, s));
            }
            var (logEvidence, _, _) = Quadrature(LogJointU, -8.0, 8.0);
            // Posterior mean of sigma from the same quadrature: E[sigma] = int e^u p(u | y) du.
            double peak = Enumerable.Range(0, 2001).Select(i => LogJointU(-8 + 16 * i / 2000.0)).Max();
            double zq = Simpson(u => Math.Exp(LogJointU(u) - peak), -8, 8);
            double mean = Simpson(u => Math.Exp(u + LogJointU(u) - peak), -8, 8) / zq;
            double sd = Math.Sqrt(Simpson(u => Math.Pow(Math.Exp(u) - mean, 2) * Math.Exp(LogJointU(u) - peak), -8, 8) / zq);

            Train(problem, () => problem.Sample(10), 300, 0.05);
            CheckEvidence(() => problem.Sample(1000), logEvidence);
            CheckMean(() => { using var s = problem.Sample(1000); return s.ImportanceSample(2000).Sigma.detach().clone(); },
                mean, sd, 0.0, double.PositiveInfinity);
        }

        [Test]
        public void HalfStudentTPriorWithHalfNormalAndGammaGuidesCompilesAndRuns()
        {
            torch.manual_seed(813);
            var y = torch.tensor(new[] { 0.8, -2.1, 1.5 });
            using (var s = new HalfTScaleHalfNormalProblem(new HalfTScaleHalfNormalProblem.PlateSizes(T: 3),
                       new HalfTScaleHalfNormalProblem.Observations(Y: y), dtype: ScalarType.Float64).Sample(50))
                Assert.That(double.IsFinite(Item(s.ElboVi())), Is.True);
            using (var s = new HalfTScaleGammaProblem(new HalfTScaleGammaProblem.PlateSizes(T: 3),
                       new HalfTScaleGammaProblem.Observations(Y: y), dtype: ScalarType.Float64).Sample(50))
                Assert.That(double.IsFinite(Item(s.ElboVi())), Is.True);
        }
    }
}
