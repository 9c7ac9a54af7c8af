using System;
using System.Collections.Generic;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static Alan.Integration.Tests.TestMath;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// The chain estimator (DESIGN 4.10) against brute-force enumeration of every particle assignment (one index
    /// per (latent, element)): P_hat = K^-n sum_assignments prod p / prod q_mix, where a chained Q's q_mix is the
    /// uniform mixture over the previous element's particles (the init's at the first element). float64, 1e-8.
    /// </summary>
    public class TimeseriesBruteForceTests
    {
        private const double Tol = 1e-8;
        private const int T = 3;
        private const int K = 2;
        private static readonly double[] Data = { 0.4, -0.9, 1.3 };

        /// <summary>log q_mix of each chain particle: [k, t], given q(x | prev) (null: per element, no prev).</summary>
        private static double[,] ChainMix(double[] x, double[] init, Func<double, double, double> logQ)
        {
            var mix = new double[K, T];
            for (int k = 0; k < K; k++)
                for (int t = 0; t < T; t++)
                {
                    var terms = new double[K];
                    for (int j = 0; j < K; j++) terms[j] = logQ(x[k * T + t], t == 0 ? init[j] : x[j * T + t - 1]);
                    mix[k, t] = LogMeanExp(terms);
                }
            return mix;
        }

        private static double MeanFieldOrChained(double[] x0, double[] x, bool chained)
        {
            var mix = chained
                ? ChainMix(x, x0, (v, prev) => NormalLogPdf(v, 0.5 * prev + 0.1, 1.1))
                : ChainMix(x, x0, (v, _) => NormalLogPdf(v, 0.1, 1.3));
            var all = new List<double>();
            ForEachAssignment(1 + T, K, idx =>
            {
                double prev = x0[idx[0]];
                double lw = NormalLogPdf(prev, 0.0, 1.0) - NormalLogPdf(prev, 0.1, 1.2);
                for (int t = 0; t < T; t++)
                {
                    int k = idx[1 + t];
                    double v = x[k * T + t];
                    lw += NormalLogPdf(v, 0.8 * prev, 0.6) + NormalLogPdf(Data[t], v, 0.5) - mix[k, t];
                    prev = v;
                }
                all.Add(lw);
            });
            return LogSumExp(all) - (1 + T) * Math.Log(K);
        }

        [TestCase(21, Sampler.Permutation)]
        [TestCase(22, Sampler.Categorical)]
        public void MeanFieldQ(int seed, Sampler sampler)
        {
            torch.manual_seed(seed);
            var problem = new TsMeanFieldProblem(new TsMeanFieldProblem.PlateSizes(T: T),
                new TsMeanFieldProblem.Observations(Y: torch.tensor(Data)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(K, sampler: sampler);
            var p = sample.Particles;
            Assert.That(p.X.shape, Is.EqualTo(new long[] { K, T }));
            double expected = MeanFieldOrChained(ToArray(p.X0), ToArray(p.X), chained: false);
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
            Assert.That(Item(sample.ElboVi().detach()), Is.EqualTo(expected).Within(Tol));
            Assert.That(Item(sample.ElboRws().detach()), Is.EqualTo(expected).Within(Tol));
        }

        [TestCase(23, Sampler.Permutation)]
        [TestCase(24, Sampler.Categorical)]
        public void ChainedQ(int seed, Sampler sampler)
        {
            torch.manual_seed(seed);
            var problem = new TsChainedProblem(new TsChainedProblem.PlateSizes(T: T),
                new TsChainedProblem.Observations(Y: torch.tensor(Data)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(K, sampler: sampler);
            var p = sample.Particles;
            double expected = MeanFieldOrChained(ToArray(p.X0), ToArray(p.X), chained: true);
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
            Assert.That(Item(sample.ElboVi().detach()), Is.EqualTo(expected).Within(Tol));
        }

        [Test]
        public void TwoChainsInOnePlate()
        {
            torch.manual_seed(25);
            var problem = new TsTwoProblem(new TsTwoProblem.PlateSizes(T: T),
                new TsTwoProblem.Observations(D: torch.tensor(Data)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(K);
            var p = sample.Particles;
            double[] x0 = ToArray(p.X0), z0 = ToArray(p.Z0), x = ToArray(p.X), z = ToArray(p.Z);
            var mixX = ChainMix(x, x0, (v, _) => NormalLogPdf(v, 0.1, 1.3));
            var mixZ = ChainMix(z, z0, (v, prev) => NormalLogPdf(v, 0.6 * prev, 1.2));
            var all = new List<double>();
            // Indices: X0, Z0, then X and Z at each element.
            ForEachAssignment(2 + 2 * T, K, idx =>
            {
                double px = x0[idx[0]], pz = z0[idx[1]];
                double lw = NormalLogPdf(px, 0.0, 1.0) - NormalLogPdf(px, 0.1, 1.2) + NormalLogPdf(pz, 0.5, 1.0) - NormalLogPdf(pz, 0.4, 1.1);
                for (int t = 0; t < T; t++)
                {
                    int kx = idx[2 + 2 * t], kz = idx[3 + 2 * t];
                    double vx = x[kx * T + t], vz = z[kz * T + t];
                    lw += NormalLogPdf(vx, 0.8 * px, 0.6) - mixX[kx, t];
                    lw += NormalLogPdf(vz, 0.5 * vx + 0.7 * pz, 0.7) - mixZ[kz, t];
                    lw += NormalLogPdf(Data[t], vx + vz, 0.5);
                    px = vx;
                    pz = vz;
                }
                all.Add(lw);
            });
            double expected = LogSumExp(all) - (2 + 2 * T) * Math.Log(K);
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
        }

        [Test]
        public void NonMpIsTheGlobalImportanceWeightOfEachTrajectory()
        {
            torch.manual_seed(26);
            var problem = new TsChainedProblem(new TsChainedProblem.PlateSizes(T: T),
                new TsChainedProblem.Observations(Y: torch.tensor(Data)), dtype: ScalarType.Float64);
            using var sample = problem.SampleNonMp(5);
            var p = sample.Particles;
            double[] x0 = ToArray(p.X0), x = ToArray(p.X);
            var weights = new double[5];
            for (int n = 0; n < 5; n++)
            {
                double prev = x0[n];
                double lw = NormalLogPdf(prev, 0.0, 1.0) - NormalLogPdf(prev, 0.1, 1.2);
                for (int t = 0; t < T; t++)
                {
                    double v = x[n * T + t];
                    lw += NormalLogPdf(v, 0.8 * prev, 0.6) + NormalLogPdf(Data[t], v, 0.5) - NormalLogPdf(v, 0.5 * prev + 0.1, 1.1);
                    prev = v;
                }
                weights[n] = lw;
            }
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(LogMeanExp(weights)).Within(Tol));
        }
    }
}
