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
    /// A self-starting chain (DESIGN 4.10): the HMM <see cref="Hmm"/>, whose first state has its own distribution
    /// (Start), against the forward and forward-backward algorithms written here. Exactly (1e-9): the estimate and the
    /// particles' posterior weights equal the forward-backward recursion over the drawn particles (the MP estimator with
    /// Q uniform: each particle weighted by 1 / (K q)). Statistically: P-hat is unbiased for p(y), and the posterior
    /// state marginals match forward-backward. Float64, fixed seeds.
    /// </summary>
    public class SelfStartingChainTests
    {
        private static readonly double[] Initial = { 0.7, 0.3 };
        private static readonly double[,] Transition = { { 0.9, 0.1 }, { 0.2, 0.8 } };
        private const double Sd = 0.8;
        private static readonly double[] Data = { 1.1, 0.7, -0.9, -1.4, 0.2, 1.3 };

        private static double Emission(double y, int z) => NormalLogPdf(y, 2.0 * z - 1.0, Sd);

        private static HmmProblem Problem() => new HmmProblem(new HmmProblem.PlateSizes(T: Data.Length),
            new HmmProblem.Observations(Y: torch.tensor(Data)), ScalarType.Float64);

        /// <summary>
        /// Forward-backward over candidate states per element: states[t][k] with an extra log-weight bonus[t][k] (zero for
        /// the exact HMM, -log(K q) for particles). Returns log of the total and the normalised marginals per (t, k).
        /// </summary>
        private static (double LogTotal, double[][] Marginals) ForwardBackward(int[][] states, double[][] bonus)
        {
            int n = states.Length;
            var alpha = new double[n][];
            for (int t = 0; t < n; t++)
            {
                alpha[t] = new double[states[t].Length];
                for (int k = 0; k < states[t].Length; k++)
                {
                    int s = states[t][k];
                    double local = Emission(Data[t], s) + bonus[t][k];
                    alpha[t][k] = t == 0
                        ? Math.Log(Initial[s]) + local
                        : LogSumExp(states[t - 1].Select((p, j) => alpha[t - 1][j] + Math.Log(Transition[p, s])).ToList()) + local;
                }
            }
            var beta = new double[n][];
            beta[n - 1] = new double[states[n - 1].Length];
            for (int t = n - 2; t >= 0; t--)
            {
                beta[t] = new double[states[t].Length];
                for (int j = 0; j < states[t].Length; j++)
                    beta[t][j] = LogSumExp(states[t + 1].Select((s, k) =>
                        Math.Log(Transition[states[t][j], s]) + Emission(Data[t + 1], s) + bonus[t + 1][k] + beta[t + 1][k]).ToList());
            }
            double total = LogSumExp(alpha[n - 1]);
            var marginals = Enumerable.Range(0, n).Select(t => alpha[t].Select((a, k) => Math.Exp(a + beta[t][k] - total)).ToArray()).ToArray();
            return (total, marginals);
        }

        private static (double LogEvidence, double[] PosteriorOne) Exact()
        {
            var states = Data.Select(_ => new[] { 0, 1 }).ToArray();
            var bonus = Data.Select(_ => new double[2]).ToArray();
            var (logZ, marginals) = ForwardBackward(states, bonus);
            return (logZ, marginals.Select(m => m[1]).ToArray());
        }

        [Test]
        public void EstimateAndWeights_AreTheForwardBackwardRecursionOverTheParticles()
        {
            const int K = 4;
            var problem = Problem();
            torch.manual_seed(91);
            using var s = problem.Sample(K, reparam: false);
            var z = s.Particles.Z; // [K, T]
            Assert.That(z.shape, Is.EqualTo(new long[] { K, Data.Length }));
            var flat = ToArray(z);
            var states = Enumerable.Range(0, Data.Length).Select(t => Enumerable.Range(0, K).Select(k => (int)flat[k * Data.Length + t]).ToArray()).ToArray();
            // Q is uniform (q = 1/2) and the MP estimate averages over the K particles: each is weighted by 1 / (K q).
            var bonus = states.Select(row => row.Select(_ => -Math.Log(K * 0.5)).ToArray()).ToArray();
            var (logPHat, weights) = ForwardBackward(states, bonus);
            Assert.That(Item(s.ElboNoGrad()), Is.EqualTo(logPHat).Within(1e-9), "log P-hat");
            var marginals = ToArray(s.Marginals().Z);
            for (int t = 0; t < Data.Length; t++)
                for (int k = 0; k < K; k++)
                    Assert.That(marginals[k * Data.Length + t], Is.EqualTo(weights[t][k]).Within(1e-9), $"weight of particle {k} at element {t}");
        }

        [Test]
        public void PHat_IsUnbiasedForTheForwardEvidence()
        {
            var (logZ, _) = Exact();
            var problem = Problem();
            torch.manual_seed(92);
            const int Samples = 400;
            var ratios = new List<double>();
            for (int i = 0; i < Samples; i++)
            {
                using var s = problem.Sample(K: 3, reparam: false);
                ratios.Add(Math.Exp(Item(s.ElboNoGrad()) - logZ));
            }
            var (mean, se) = MeanSe(ratios);
            TestContext.Out.WriteLine($"log p(y) = {logZ:F4}; mean P-hat / p(y) = {mean:F4} +- {se:F4}");
            Assert.That(mean, Is.EqualTo(1.0).Within(6 * se), "E[P-hat] = p(y), within 6 standard errors");
        }

        [Test]
        public void StatePosterior_MatchesForwardBackward()
        {
            var (_, exact) = Exact();
            var problem = Problem();
            torch.manual_seed(93);
            const int Repeats = 20, K = 400;
            var estimates = new double[Repeats, Data.Length];
            var drawn = new double[Data.Length];
            for (int r = 0; r < Repeats; r++)
            {
                using var s = problem.Sample(K, reparam: false);
                var w = ToArray(s.Marginals().Z);
                var z = ToArray(s.Particles.Z);
                for (int t = 0; t < Data.Length; t++)
                    estimates[r, t] = Enumerable.Range(0, K).Sum(k => w[k * Data.Length + t] * z[k * Data.Length + t]);
                if (r == 0)
                {
                    // Exact draws of the MP posterior (forward-filter backward-sample from the start): frequencies of state 1.
                    var draws = ToArray(s.ImportanceSample(4000).Z);
                    for (int t = 0; t < Data.Length; t++) drawn[t] = Enumerable.Range(0, 4000).Average(n => draws[n * Data.Length + t]);
                    for (int t = 0; t < Data.Length; t++)
                        Assert.That(drawn[t], Is.EqualTo(estimates[0, t]).Within(6 * Math.Sqrt(0.25 / 4000)),
                            $"importance draws at {t} against the sample's own posterior weights (6 standard errors)");
                }
            }
            for (int t = 0; t < Data.Length; t++)
            {
                var (mean, se) = MeanSe(Enumerable.Range(0, Repeats).Select(r => estimates[r, t]).ToList());
                // 6 standard errors of the mean over repeats, plus 0.01 for the self-normalised estimate's O(1/K) bias.
                Assert.That(mean, Is.EqualTo(exact[t]).Within(6 * se + 0.01), $"P(Z_{t} = 1 | y)");
            }
        }

        [Test]
        public void SamplePrior_DrawsTheFirstStateFromStart_AndExtendForecastsFromTheLast()
        {
            // 2000 prior draws of two elements: Z_0 ~ (0.7, 0.3), Z_1 | Z_0 by the transition (6 standard errors each).
            torch.manual_seed(94);
            const int Draws = 2000;
            int first = 0, stay0 = 0, from0 = 0;
            for (int i = 0; i < Draws; i++)
            {
                var z = ToArray(HmmProblem.SamplePrior(new HmmProblem.PlateSizes(T: 2), ScalarType.Float64).Z);
                first += (int)z[0];
                if (z[0] == 0) { from0++; if (z[1] == 0) stay0++; }
            }
            Assert.That(first / (double)Draws, Is.EqualTo(Initial[1]).Within(6 * Math.Sqrt(0.3 * 0.7 / Draws)), "P(Z_0 = 1)");
            Assert.That(stay0 / (double)from0, Is.EqualTo(Transition[0, 0]).Within(6 * Math.Sqrt(0.9 * 0.1 / from0)), "P(Z_1 = 0 | Z_0 = 0)");

            // Extend keeps each draw's training states and forecasts two more elements from the last one.
            var problem = Problem();
            torch.manual_seed(95);
            using var s = problem.Sample(K: 20, reparam: false);
            var draws = s.ImportanceSample(50);
            var extended = draws.Extend(new HmmProblem.PlateSizes(T: Data.Length + 2));
            Assert.That(extended.Z.shape, Is.EqualTo(new long[] { 50, Data.Length + 2 }));
            Assert.That(ToArray(extended.Z.narrow(1, 0, Data.Length)), Is.EqualTo(ToArray(draws.Z)), "training states kept");
            Assert.That(ToArray(extended.Z).All(v => v == 0 || v == 1), Is.True, "forecast states are states");
            var future = Data.Concat(new[] { 0.9, 1.2 }).ToArray();
            double predictive = Item(extended.PredictiveLogLikelihood(new HmmProblem.Observations(Y: torch.tensor(future))).Y);
            Assert.That(double.IsFinite(predictive), Is.True);
        }
    }
}
