using System;
using System.Collections.Generic;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static Alan.Integration.Tests.ShardingTests;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// ImportanceSample and Summary under ComputationStrategy.Sharded, with threads as ranks: the global particles'
    /// indices are drawn from their marginal over the whole data set (the same on every rank), each rank's local
    /// indices from their conditional on its own shard, and the summary covers the whole plate on every rank.
    /// </summary>
    public class ShardedDrawsTests
    {
        private static IntroProblem Intro(Tensor obs)
        {
            var problem = new IntroProblem(new IntroProblem.PlateSizes(P1: (int)obs.shape[0]), new IntroProblem.Observations(Obs: obs), ScalarType.Float64);
            using (no_grad())
            {
                var values = new[] { 0.7, -0.4 };
                int i = 0;
                foreach (var p in problem.parameters()) p.fill_(values[i++ % values.Length]);
            }
            return problem;
        }

        private sealed record IntroDraws(double[] Mu, PosteriorSummaryRow[] Summary);

        private static IntroDraws DrawIntro(IntroProblem problem, ComputationStrategy? strategy)
        {
            using var sample = problem.Sample(K: 6, reparam: false, generator: new Generator(0, CPU).manual_seed(3));
            var draws = sample.ImportanceSample(500, strategy);
            var summary = sample.Summary(400, strategy: strategy).ToArray();
            return new IntroDraws(draws.Mu.contiguous().data<double>().ToArray(), summary);
        }

        [TestCase(2)]
        [TestCase(3)]
        public void WithGlobalLatentsOnlyTheRanksDrawWhatOneProcessDraws(int ranks)
        {
            var obs = torch.tensor(Enumerable.Range(0, 11).Select(i => 0.3 * i - 1.1 + 0.05 * i * i).ToArray(), dtype: ScalarType.Float64);
            var whole = DrawIntro(Intro(obs), null);
            var shards = Shards(11, ranks);
            var perRank = OnRanksOrThrow(ranks, comm =>
            {
                var (start, length) = shards[comm.Rank];
                return DrawIntro(Intro(obs.narrow(0, start, length)), ComputationStrategy.Sharded("P1", comm));
            });
            // The draws pick particles: equal indices give equal values, bit for bit; the summary is computed from them.
            Assert.That(whole.Mu.Distinct().Count(), Is.GreaterThan(1), "the draws pick several particles");
            foreach (var r in perRank)
            {
                Assert.That(r.Mu, Is.EqualTo(whole.Mu).Within(1e-9), "draws of Mu");
                Assert.That(r.Summary.Length, Is.EqualTo(1));
                var (a, b) = (r.Summary[0], whole.Summary[0]);
                Assert.That(new[] { a.Mean, a.Sd, a.Q05, a.Q95, a.Ess }, Is.EqualTo(new[] { b.Mean, b.Sd, b.Q05, b.Q95, b.Ess }).Within(1e-9), "summary of Mu");
            }
        }

        private sealed record UnitsRank(double[] Mu, double[] Z, double[] MuDraws, double[] ZDraws, PosteriorSummaryRow[] Summary);

        private static Tensor LogNormal(Tensor x, Tensor m, double s) => -0.5 * ((x - m) / s).pow(2) - Math.Log(s) - 0.5 * Math.Log(2 * Math.PI);

        [TestCase(2)]
        [TestCase(3)]
        public void WithLocalLatentsEachShardDrawsFromItsConditionalAndTheSummaryCoversThePlate(int ranks)
        {
            const int N = 7, K = 3, Draws = 20_000;
            var obs = torch.tensor(Enumerable.Range(0, N).Select(i => Math.Sin(i) * 2 + 0.5).ToArray(), dtype: ScalarType.Float64);
            var shards = Shards(N, ranks);
            var perRank = OnRanksOrThrow(ranks, comm =>
            {
                var (start, length) = shards[comm.Rank];
                var problem = new UnitsProblem(new UnitsProblem.PlateSizes(Unit: (int)length),
                    new UnitsProblem.Observations(Obs: obs.narrow(0, start, length)), ScalarType.Float64);
                problem.ShardDraws("Unit", comm, seed: 4);
                var strategy = ComputationStrategy.Sharded("Unit", comm);
                using var sample = problem.Sample(K, reparam: false, generator: new Generator(0, CPU).manual_seed(9));
                var draws = sample.ImportanceSample(Draws, strategy);
                var summary = sample.Summary(Draws, strategy: strategy).ToArray();
                return new UnitsRank(
                    sample.Particles.Mu.contiguous().data<double>().ToArray(),
                    sample.Particles.Z.contiguous().data<double>().ToArray(),
                    draws.Mu.contiguous().data<double>().ToArray(),
                    draws.Z.contiguous().data<double>().ToArray(),
                    summary);
            });

            // Global draws: the same on every rank. Local draws: [Draws, shard], each a particle of its own element.
            foreach (var r in perRank) Assert.That(r.MuDraws, Is.EqualTo(perRank[0].MuDraws), "every rank draws the same global particles");
            for (int i = 0; i < ranks; i++)
                Assert.That(perRank[i].ZDraws.Length, Is.EqualTo(Draws * shards[i].Length), $"rank {i}: draws of its own elements");

            // The exact posterior over particle indices of the joined particles (DESIGN 4.7), computed here. Q starts at
            // N(0, 1) for Mu and every Z; P: Mu ~ N(0, 1), Z_i ~ N(Mu, 1), Obs_i ~ N(Z_i, 0.5).
            var mu = torch.tensor(perRank[0].Mu, dtype: ScalarType.Float64);                                              // [K]
            var z = torch.cat(perRank.Select((r, i) => torch.tensor(r.Z, dtype: ScalarType.Float64).reshape(K, shards[i].Length)).ToArray(), 1); // [J, N]
            var zero = torch.zeros(1, dtype: ScalarType.Float64);
            var fMu = LogNormal(mu, zero, 1) - LogNormal(mu, zero, 1);                                                    // [K]: prior over proposal
            var fZ = LogNormal(z.unsqueeze(1), mu.view(1, K, 1), 1) - LogNormal(z, zero, 1).unsqueeze(1) + LogNormal(obs, z, 0.5).unsqueeze(1); // [J, K, N]
            var pMu = (fMu + fZ.logsumexp(0).sum(1)).softmax(0);                                                          // p(k)
            var pZGivenMu = fZ.softmax(0);                                                                                // p(j | k, i)

            // Every rank's summary covers the whole plate, and the ranks' summaries are the same.
            foreach (var r in perRank)
            {
                Assert.That(r.Summary.Select(row => row.Label), Is.EqualTo(new[] { "Mu" }.Concat(Enumerable.Range(0, N).Select(i => $"Z[{i}]"))));
                for (int k = 0; k < r.Summary.Length; k++)
                    Assert.That(Values(r.Summary[k]), Is.EqualTo(Values(perRank[0].Summary[k])), $"{r.Summary[k].Label}: the same summary on every rank");
            }
            // The draws' first and second moments against the exact ones, within 5 standard errors each
            // (sqrt(Var x / Draws) and sqrt(Var x^2 / Draws), from the exact distribution).
            var rows = perRank[0].Summary;
            CheckMoments("Mu", rows[0], pMu, mu, Draws);
            for (int i = 0; i < N; i++)
            {
                // Z_i's distribution over the K x J pairs (k, j): p(k) p(j | k, i), at value z[j, i].
                var weights = (pMu.unsqueeze(0) * pZGivenMu.select(2, i)).reshape(-1);                            // [J * K]
                var values = z.select(1, i).unsqueeze(1).expand(K, K).reshape(-1);
                CheckMoments($"Z[{i}]", rows[1 + i], weights, values, Draws);
            }
        }

        private static double[] Values(PosteriorSummaryRow row) => new[] { row.Mean, row.Sd, row.Q05, row.Q95, row.Ess };

        /// <summary>The row's mean and second moment (sd^2 + mean^2, the sd having divisor N) against the exact distribution's.</summary>
        private static void CheckMoments(string label, PosteriorSummaryRow row, Tensor weights, Tensor values, int draws)
        {
            double Moment(int power) => (weights * values.pow(power)).sum().item<double>();
            double m1 = Moment(1), m2 = Moment(2), m4 = Moment(4);
            double se1 = Math.Sqrt((m2 - m1 * m1) / draws), se2 = Math.Sqrt((m4 - m2 * m2) / draws);
            Assert.That(weights.max().item<double>(), Is.LessThan(0.99), $"{label}: the posterior over particles is not a point mass");
            Assert.That(row.Mean, Is.EqualTo(m1).Within(5 * se1), $"{label}: posterior mean");
            Assert.That(row.Sd * row.Sd + row.Mean * row.Mean, Is.EqualTo(m2).Within(5 * se2), $"{label}: posterior second moment");
        }
    }
}
