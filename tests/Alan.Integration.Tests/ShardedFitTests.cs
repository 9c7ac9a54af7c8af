using System;
using System.Linq;
using Alan.Distributed;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static Alan.Integration.Tests.ShardingTests;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// Fit with FitOptions.Strategy = ComputationStrategy.Sharded, threads as ranks: the all-reduced ELBO makes every
    /// decision of the fit the same on every rank, and its result is one process's where the particles are.
    /// </summary>
    public class ShardedFitTests
    {
        private static IntroProblem Intro(Tensor obs) =>
            new IntroProblem(new IntroProblem.PlateSizes(P1: (int)obs.shape[0]), new IntroProblem.Observations(Obs: obs), ScalarType.Float64);

        private static UnitsProblem Units(Tensor obs) =>
            new UnitsProblem(new UnitsProblem.PlateSizes(Unit: (int)obs.shape[0]), new UnitsProblem.Observations(Obs: obs), ScalarType.Float64);

        private sealed record Outcome(double[] Summary, string[] Labels, double LogEvidence, double ParetoK, double EffectiveSamples, int Iterations, bool Converged, double[] Trace);

        private static Outcome Of<T>(FitResult<T> fit) => new Outcome(
            fit.Summary().SelectMany(r => new[] { r.Mean, r.Sd, r.Q05, r.Q95, r.Ess }).ToArray(),
            fit.Summary().Select(r => r.Label).ToArray(),
            fit.LogEvidence, fit.ParetoK, fit.EffectiveSamples, fit.Iterations, fit.Converged, fit.ElboTrace.ToArray());

        private static readonly Tensor IntroData = torch.tensor(Enumerable.Range(0, 11).Select(i => 0.3 * i - 1.1 + 0.05 * i * i).ToArray(), dtype: ScalarType.Float64);

        [TestCase(2)]
        [TestCase(3)]
        public void WithGlobalLatentsOnlyAShardedFitGivesOneProcesssFit(int ranks)
        {
            var options = new FitOptions { Seed = 4, MaxIterations = 400, Draws = 600 };
            var whole = Of(Intro(IntroData).Fit(options));
            var shards = Shards(11, ranks);
            var perRank = OnRanksOrThrow(ranks, comm =>
            {
                var (start, length) = shards[comm.Rank];
                return Of(Intro(IntroData.narrow(0, start, length)).Fit(options with { Strategy = ComputationStrategy.Sharded("P1", comm) }));
            });
            // The ranks' ELBOs differ from one process's only by the order of the plate's sum (about 1e-16 relative), which
            // float64 training keeps far below the tolerance.
            foreach (var r in perRank)
            {
                Assert.That(r.Labels, Is.EqualTo(whole.Labels));
                Assert.That(r.Iterations, Is.EqualTo(whole.Iterations), "iterations");
                Assert.That(r.Converged, Is.EqualTo(whole.Converged), "converged");
                Assert.That(r.Trace, Is.EqualTo(whole.Trace).Within(1e-9 * Math.Abs(whole.Trace[^1])), "ELBO trace");
                Assert.That(r.Summary, Is.EqualTo(whole.Summary).Within(1e-9), "posterior summary of Mu");
                Assert.That(r.LogEvidence, Is.EqualTo(whole.LogEvidence).Within(1e-9 * Math.Abs(whole.LogEvidence)), "log evidence");
                Assert.That(r.ParetoK, Is.EqualTo(whole.ParetoK).Within(1e-9), "Pareto k-hat");
                Assert.That(r.EffectiveSamples, Is.EqualTo(whole.EffectiveSamples).Within(1e-9 * whole.EffectiveSamples), "effective samples");
            }
        }

        [Test]
        public void WithLocalLatentsEveryRankReachesTheSameFitAndSummarisesTheWholePlate()
        {
            const int N = 9;
            var obs = torch.tensor(Enumerable.Range(0, N).Select(i => Math.Cos(i) * 1.5 + 0.2).ToArray(), dtype: ScalarType.Float64);
            var shards = Shards(N, 2);
            var perRank = OnRanksOrThrow(2, comm =>
            {
                var (start, length) = shards[comm.Rank];
                var problem = Units(obs.narrow(0, start, length));
                problem.ShardDraws("Unit", comm, seed: 5);
                return Of(problem.Fit(new FitOptions { Seed = 6, MaxIterations = 300, Draws = 400, Strategy = ComputationStrategy.Sharded("Unit", comm) }));
            });
            Assert.That(perRank[0].Labels, Is.EqualTo(new[] { "Mu" }.Concat(Enumerable.Range(0, N).Select(i => $"Z[{i}]"))), "the whole plate");
            var other = perRank[1];
            Assert.That(other.Labels, Is.EqualTo(perRank[0].Labels));
            Assert.That(other.Summary, Is.EqualTo(perRank[0].Summary), "the same summary on both ranks");
            Assert.That(other.Trace, Is.EqualTo(perRank[0].Trace), "the same ELBO at every iteration");
            Assert.That((other.Iterations, other.Converged, other.LogEvidence, other.ParetoK, other.EffectiveSamples),
                Is.EqualTo((perRank[0].Iterations, perRank[0].Converged, perRank[0].LogEvidence, perRank[0].ParetoK, perRank[0].EffectiveSamples)), "diagnostics");
        }

        [Test]
        public void RanksWithDifferentKFailOnEveryRankWithAMessage()
        {
            var shards = Shards(11, 2);
            var (_, errors) = OnRanks(2, comm =>
            {
                var (start, length) = shards[comm.Rank];
                return Intro(IntroData.narrow(0, start, length)).Fit(new FitOptions { Seed = 1, K = 3 + comm.Rank, MaxIterations = 50, Strategy = ComputationStrategy.Sharded("P1", comm) });
            }, TimeSpan.FromSeconds(20));
            foreach (var e in errors)
                Assert.That(e, Is.TypeOf<CommunicatorException>().With.Message.Contains("K from 3 to 4"));
        }

        [Test]
        public void RanksWithDifferentSeedsFailOnEveryRankWithAMessage()
        {
            var shards = Shards(11, 2);
            var (_, errors) = OnRanks(2, comm =>
            {
                var (start, length) = shards[comm.Rank];
                return Intro(IntroData.narrow(0, start, length)).Fit(new FitOptions { Seed = 1 + comm.Rank, MaxIterations = 50, Strategy = ComputationStrategy.Sharded("P1", comm) });
            }, TimeSpan.FromSeconds(20));
            foreach (var e in errors)
                Assert.That(e, Is.TypeOf<CommunicatorException>().With.Message.Contains("Seed from 1 to 2").And.Message.Contains("the same options"));
        }

        [Test]
        public void LocalLatentsWithoutShardDrawsAreRefusedWithTheFix()
        {
            var comm = InProcessCommunicator.Create(1)[0];
            var problem = Units(torch.linspace(-1, 1, 4, dtype: ScalarType.Float64));
            Assert.That(() => problem.Fit(new FitOptions { Strategy = ComputationStrategy.Sharded("Unit", comm) }),
                Throws.TypeOf<InvalidOperationException>().With.Message.Contains("latent 'Z' is drawn on each rank: call problem.ShardDraws(\"Unit\", communicator, seed)"));
        }
    }
}
