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
    /// The linear-Gaussian state-space model TsChain (X0 ~ N(0,1), X_t ~ N(0.8 X_{t-1}, 0.6), Y_t ~ N(X_t, 0.5))
    /// against a Kalman filter and RTS smoother written here: the log evidence, the smoothed means and sds, and the
    /// predictive density of future observations. Mean-field Q (N(0.1, 1.3) per element), float64, fixed seeds.
    /// </summary>
    public class TimeseriesKalmanTests
    {
        private const double A = 0.8, Q = 0.6, R = 0.5;
        private const int T = 10;
        private const int Future = 3;

        /// <summary>Kalman filter + RTS smoother: log p(y), smoothed means and variances.</summary>
        internal static (double LogEvidence, double[] Mean, double[] Var) Kalman(double[] y)
        {
            int n = y.Length;
            double m = 0, p = 1, logZ = 0;
            var mp = new double[n]; var pp = new double[n]; var mf = new double[n]; var pf = new double[n];
            for (int t = 0; t < n; t++)
            {
                mp[t] = A * m;
                pp[t] = A * A * p + Q * Q;
                double s = pp[t] + R * R;
                logZ += NormalLogPdf(y[t], mp[t], Math.Sqrt(s));
                double gain = pp[t] / s;
                m = mp[t] + gain * (y[t] - mp[t]);
                p = (1 - gain) * pp[t];
                mf[t] = m; pf[t] = p;
            }
            var ms = (double[])mf.Clone(); var ps = (double[])pf.Clone();
            for (int t = n - 2; t >= 0; t--)
            {
                double g = pf[t] * A / pp[t + 1];
                ms[t] = mf[t] + g * (ms[t + 1] - mp[t + 1]);
                ps[t] = pf[t] + g * g * (ps[t + 1] - pp[t + 1]);
            }
            return (logZ, ms, ps);
        }

        private static double[] Observations(int count)
        {
            torch.manual_seed(51);
            var prior = TsMeanFieldProblem.SamplePrior(new TsMeanFieldProblem.PlateSizes(T: count), ScalarType.Float64);
            return ToArray(prior.Y);
        }

        private static TsMeanFieldProblem Problem(double[] y) => new TsMeanFieldProblem(new TsMeanFieldProblem.PlateSizes(T: y.Length),
            new TsMeanFieldProblem.Observations(Y: torch.tensor(y)), dtype: ScalarType.Float64);

        [Test]
        public void EvidenceMomentsAndDrawsMatchTheKalmanSmoother()
        {
            var y = Observations(T);
            var (logZ, mean, variance) = Kalman(y);
            var problem = Problem(y);
            torch.manual_seed(52);
            const int K = 300, Samples = 8;
            var elbos = new double[Samples];
            var means = new double[Samples, T];
            var sds = new double[Samples, T];
            for (int i = 0; i < Samples; i++)
            {
                using var s = problem.Sample(K);
                elbos[i] = Item(s.ElboNoGrad());
                var mo = s.Moments();
                var mm = ToArray(mo.X.Mean); var sd = ToArray(mo.X.Std);
                for (int t = 0; t < T; t++) { means[i, t] = mm[t]; sds[i, t] = sd[t]; }
            }
            // E[log P-hat] <= log p(y) (Jensen); at K = 300 the gap is about 0.13 nats here (band: 0.25 below, 0.02 above).
            double meanElbo = elbos.Average();
            TestContext.Out.WriteLine($"log p(y) = {logZ:F4}, mean ElboNoGrad = {meanElbo:F4}");
            Assert.That(meanElbo, Is.InRange(logZ - 0.25, logZ + 0.02), "mean ElboNoGrad within [-0.25, +0.02] nats of the evidence");
            for (int t = 0; t < T; t++)
            {
                double m = Enumerable.Range(0, Samples).Average(i => means[i, t]);
                double s = Enumerable.Range(0, Samples).Average(i => sds[i, t]);
                Assert.That(m, Is.EqualTo(mean[t]).Within(0.05), $"smoothed mean at {t} (band 0.05; posterior sd {Math.Sqrt(variance[t]):F2})");
                Assert.That(s, Is.EqualTo(Math.Sqrt(variance[t])).Within(0.05), $"smoothed sd at {t} (band 0.05)");
            }

            // Exact posterior draws of the MP posterior: their moments agree with the smoother to Monte Carlo error.
            torch.manual_seed(53);
            using var sample = problem.Sample(K);
            var draws = sample.ImportanceSample(4000).X;
            var dm = ToArray(draws.mean(new long[] { 0 }));
            var ds = ToArray(draws.std(0));
            for (int t = 0; t < T; t++)
            {
                Assert.That(dm[t], Is.EqualTo(mean[t]).Within(0.1), $"draws' mean at {t} (band 0.1)");
                Assert.That(ds[t], Is.EqualTo(Math.Sqrt(variance[t])).Within(0.1), $"draws' sd at {t} (band 0.1)");
            }
        }

        [Test]
        public void ForecastPredictiveMatchesTheExactOne()
        {
            var all = Observations(T + Future);
            var train = all.Take(T).ToArray();
            // log p(y_T.. | y_..T-1) = log p(all) - log p(train).
            double exact = Kalman(all).LogEvidence - Kalman(train).LogEvidence;
            var problem = Problem(train);
            torch.manual_seed(54);
            using var sample = problem.Sample(300);
            var extended = sample.ImportanceSample(4000).Extend(new TsMeanFieldProblem.PlateSizes(T: T + Future));
            Assert.That(extended.X.shape, Is.EqualTo(new long[] { 4000, T + Future }));
            double predictive = Item(extended.PredictiveLogLikelihood(new TsMeanFieldProblem.Observations(Y: torch.tensor(all))).Y);
            TestContext.Out.WriteLine($"exact predictive {exact:F4}, estimated {predictive:F4}");
            Assert.That(predictive, Is.EqualTo(exact).Within(0.1), "forecast predictive log density within 0.1 nats of the Kalman one");
        }
    }
}
