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
    /// Posterior methods on a chain (DESIGN 4.10) against brute-force enumeration of the particle assignments
    /// (T = 3, K = 2, float64): Marginals and Moments exactly (1e-8), ImportanceSample (forward-filter
    /// backward-sample) by the frequencies of single and consecutive particle indices within 5 standard errors.
    /// </summary>
    public class TimeseriesPosteriorTests
    {
        private const int T = 3;
        private const int K = 2;
        private static readonly double[] Data = { 0.4, -0.9, 1.3 };

        /// <summary>Normalised posterior weight of every assignment (X0 index, then X's index per element).</summary>
        private static List<(int[] Index, double Weight)> Posterior(double[] x0, double[] x, bool chained)
        {
            var mix = new double[K, T];
            for (int k = 0; k < K; k++)
                for (int t = 0; t < T; t++)
                {
                    var terms = new double[K];
                    for (int j = 0; j < K; j++)
                    {
                        double prev = t == 0 ? x0[j] : x[j * T + t - 1];
                        terms[j] = chained ? NormalLogPdf(x[k * T + t], 0.5 * prev + 0.1, 1.1) : NormalLogPdf(x[k * T + t], 0.1, 1.3);
                    }
                    mix[k, t] = LogMeanExp(terms);
                }
            var all = new List<(int[], double)>();
            ForEachAssignment(1 + T, K, idx =>
            {
                double prev = x0[idx[0]];
                double lw = NormalLogPdf(prev, 0.0, 1.0) - NormalLogPdf(prev, 0.1, 1.2);
                for (int t = 0; t < T; t++)
                {
                    double v = x[idx[1 + t] * T + t];
                    lw += NormalLogPdf(v, 0.8 * prev, 0.6) + NormalLogPdf(Data[t], v, 0.5) - mix[idx[1 + t], t];
                    prev = v;
                }
                all.Add(((int[])idx.Clone(), lw));
            });
            double total = LogSumExp(all.Select(a => a.Item2).ToList());
            return all.Select(a => (a.Item1, Math.Exp(a.Item2 - total))).ToList();
        }

        private static TsChainedProblem Chained() => new TsChainedProblem(new TsChainedProblem.PlateSizes(T: T),
            new TsChainedProblem.Observations(Y: torch.tensor(Data)), dtype: ScalarType.Float64);

        [Test]
        public void MarginalsAndMomentsEqualTheEnumeratedPosterior()
        {
            torch.manual_seed(31);
            using var sample = Chained().Sample(K);
            double[] x0 = ToArray(sample.Particles.X0), x = ToArray(sample.Particles.X);
            var post = Posterior(x0, x, chained: true);
            var marginals = sample.Marginals();
            Assert.That(marginals.X.shape, Is.EqualTo(new long[] { K, T }));
            var w = ToArray(marginals.X);
            var moments = sample.Moments();
            var mean = ToArray(moments.X.Mean);
            for (int t = 0; t < T; t++)
            {
                double expectedMean = 0;
                for (int k = 0; k < K; k++)
                {
                    double expected = post.Where(p => p.Index[1 + t] == k).Sum(p => p.Weight);
                    Assert.That(w[k * T + t], Is.EqualTo(expected).Within(1e-8), $"weight of particle {k} at element {t}");
                    expectedMean += expected * x[k * T + t];
                }
                Assert.That(mean[t], Is.EqualTo(expectedMean).Within(1e-8), $"posterior mean at element {t}");
            }
            var w0 = ToArray(marginals.X0);
            for (int k = 0; k < K; k++)
                Assert.That(w0[k], Is.EqualTo(post.Where(p => p.Index[0] == k).Sum(p => p.Weight)).Within(1e-8));
        }

        [Test]
        public void ImportanceSampleDrawsTheEnumeratedPosterior()
        {
            torch.manual_seed(32);
            using var sample = Chained().Sample(K);
            double[] x0 = ToArray(sample.Particles.X0), x = ToArray(sample.Particles.X);
            var post = Posterior(x0, x, chained: true);
            const int N = 20000;
            var draws = sample.ImportanceSample(N);
            Assert.That(draws.X.shape, Is.EqualTo(new long[] { N, T }));
            Assert.That(draws.X0.shape, Is.EqualTo(new long[] { N }));
            var dx = ToArray(draws.X);
            var dx0 = ToArray(draws.X0);
            // Recover each draw's particle index from its value (the K particles differ).
            int IndexAt(double v, int t) => Enumerable.Range(0, K).First(k => x[k * T + t] == v);
            int Index0(double v) => Enumerable.Range(0, K).First(k => x0[k] == v);
            var counts = new Dictionary<string, int>();
            for (int n = 0; n < N; n++)
            {
                var key = string.Join(",", new[] { Index0(dx0[n]) }.Concat(Enumerable.Range(0, T).Select(t => IndexAt(dx[n * T + t], t))));
                counts[key] = counts.TryGetValue(key, out var c) ? c + 1 : 1;
            }
            // Every joint assignment (X0 and the chain at every element) within 5 standard errors of its posterior probability.
            foreach (var (index, weight) in post)
            {
                double freq = counts.TryGetValue(string.Join(",", index), out var c) ? (double)c / N : 0.0;
                double se = Math.Sqrt(weight * (1 - weight) / N);
                Assert.That(freq, Is.EqualTo(weight).Within(5 * se + 1e-12), $"assignment {string.Join(",", index)}");
            }
        }

        [Test]
        public void ImportanceSampleOfTwoChainsIsOneDrawPerElementAndTyped()
        {
            torch.manual_seed(33);
            var problem = new TsTwoProblem(new TsTwoProblem.PlateSizes(T: 4),
                new TsTwoProblem.Observations(D: torch.tensor(new[] { 0.1, 0.5, -0.3, 0.8 })), dtype: ScalarType.Float64);
            using var sample = problem.Sample(3);
            var draws = sample.ImportanceSample(7);
            Assert.That(draws.X.shape, Is.EqualTo(new long[] { 7, 4 }));
            Assert.That(draws.Z.shape, Is.EqualTo(new long[] { 7, 4 }));
            // Every drawn value is one of that element's particles.
            var px = sample.Particles.X;
            for (int t = 0; t < 4; t++)
                for (int n = 0; n < 7; n++)
                    Assert.That((px.select(1, t) - draws.X[n, t]).abs().min().item<double>(), Is.EqualTo(0.0));
        }
    }
}
