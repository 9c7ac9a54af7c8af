using System;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static Alan.Integration.Tests.ShardingTests;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// ComputationStrategy.Sharded over the plate that holds timeseries chains (TsRegions: a global drift A, a chain
    /// along Days in every region), threads as ranks. The chains' draws (Q's step by step, their parent maps, and
    /// ImportanceSample's forward-filter backward-sample) are this rank's own; the global particles are shared.
    /// </summary>
    public class ShardedTimeseriesTests
    {
        private const int Regions = 5, Days = 4, K = 3;

        private static TsRegionsProblem Problem(Tensor y)
        {
            var problem = new TsRegionsProblem(new TsRegionsProblem.PlateSizes(Regions: (int)y.shape[0], Days: Days),
                new TsRegionsProblem.Observations(y), ScalarType.Float64);
            using (no_grad()) foreach (var (name, p) in problem.named_parameters()) p.fill_(name.Contains("logScale") ? -0.2 : 0.15);
            return problem;
        }

        private sealed record RankResult(double Sharded, double Own, double[] OwnWeightsA, double[] A, double[] QLocA, double[] QLogScaleA,
            double[] DrawsA, long[] DrawsXShape, string[] Labels, double[] Summary);

        private static double LogNormal(double x, double m, double s) => -0.5 * Math.Pow((x - m) / s, 2) - Math.Log(s) - 0.5 * Math.Log(2 * Math.PI);

        [Test]
        public void ShardedChainsGiveTheEstimateOfTheirJoinedParticlesAndDrawPerRank()
        {
            torch.manual_seed(41);
            var y = TsRegionsProblem.SamplePrior(new TsRegionsProblem.PlateSizes(Regions: Regions, Days: Days), ScalarType.Float64).Y;
            var shards = Shards(Regions, 2);
            var perRank = OnRanksOrThrow(2, comm =>
            {
                var (start, length) = shards[comm.Rank];
                var problem = Problem(y.narrow(0, start, length));
                problem.ShardDraws("Regions", comm, seed: 2);
                var strategy = ComputationStrategy.Sharded("Regions", comm);
                using var sample = problem.Sample(K, reparam: false, generator: new Generator(0, CPU).manual_seed(12));
                double sharded = sample.ElboNoGrad(strategy).item<double>();
                // The same particles evaluated on this shard alone (no sharding): its estimate and A's weights.
                double own = sample.ElboNoGrad().item<double>();
                var weights = sample.Marginals().A.contiguous().data<double>().ToArray();
                var draws = sample.ImportanceSample(50, strategy);
                var summary = sample.Summary(200, strategy: strategy);
                var q = problem.named_parameters().ToDictionary(p => p.name, p => p.parameter);
                return new RankResult(sharded, own, weights, sample.Particles.A.contiguous().data<double>().ToArray(),
                    q.Where(p => p.Key.StartsWith("A.") && p.Key.EndsWith("loc")).Select(p => p.Value.item<double>()).ToArray(),
                    q.Where(p => p.Key.StartsWith("A.") && p.Key.EndsWith("logScale")).Select(p => p.Value.item<double>()).ToArray(),
                    draws.A.contiguous().data<double>().ToArray(), draws.X.shape,
                    summary.Select(r => r.Label).ToArray(), summary.SelectMany(r => new[] { r.Mean, r.Sd, r.Q05, r.Q95, r.Ess }).ToArray());
            });

            Assert.That(perRank[1].A, Is.EqualTo(perRank[0].A), "the same global particles on both ranks");
            Assert.That(perRank[0].QLocA.Length, Is.EqualTo(1));
            // log P-hat = log sum_k f_A(k) exp(R_1(k) + R_2(k)), f_A(k) = P(a_k) / (K Q(a_k)) (DESIGN 4.3). Each rank's
            // plate result R_r(k) comes from its unsharded estimate and A's weights there: f_A(k) exp(R_r(k)) = w_r(k) P-hat_r.
            double sQ = Math.Exp(perRank[0].QLogScaleA[0]), mQ = perRank[0].QLocA[0];
            var fA = perRank[0].A.Select(a => LogNormal(a, 0, 1) - LogNormal(a, mQ, sQ) - Math.Log(K)).ToArray();
            var terms = Enumerable.Range(0, K).Select(k => fA[k] + perRank.Sum(r => Math.Log(r.OwnWeightsA[k]) + r.Own - fA[k])).ToArray();
            double top = terms.Max();
            double expected = top + Math.Log(terms.Sum(t => Math.Exp(t - top)));
            foreach (var r in perRank)
                Assert.That(r.Sharded, Is.EqualTo(expected).Within(1e-9 * Math.Abs(expected)), "sharded log P-hat");

            // Draws: A the same on both ranks, X this rank's regions; the summary covers every region and day on both.
            Assert.That(perRank[1].DrawsA, Is.EqualTo(perRank[0].DrawsA));
            for (int i = 0; i < 2; i++) Assert.That(perRank[i].DrawsXShape, Is.EqualTo(new long[] { 50, shards[i].Length, Days }));
            var labels = new[] { "A" }.Concat(Enumerable.Range(0, Regions).Select(r => $"X0[{r}]"))
                .Concat(Enumerable.Range(0, Regions).SelectMany(r => Enumerable.Range(0, Days).Select(d => $"X[{r}, {d}]")));
            Assert.That(perRank[0].Labels, Is.EquivalentTo(labels));
            Assert.That(perRank[1].Labels, Is.EqualTo(perRank[0].Labels));
            Assert.That(perRank[1].Summary, Is.EqualTo(perRank[0].Summary));
        }

        [Test]
        public void TheTimeseriesPlateItselfIsNotSharded()
        {
            // Its elements are chained: a shard of it would cut the chain.
            var comm = Alan.Distributed.InProcessCommunicator.Create(1)[0];
            var problem = new TsMeanFieldProblem(new TsMeanFieldProblem.PlateSizes(T: 4),
                new TsMeanFieldProblem.Observations(torch.zeros(4, dtype: ScalarType.Float64)), ScalarType.Float64);
            using var sample = problem.Sample(K: 2, generator: new Generator(0, CPU).manual_seed(1));
            Assert.That(() => sample.ElboNoGrad(ComputationStrategy.Sharded("T", comm)),
                Throws.ArgumentException.With.Message.Contains("cannot split plate 'T': it holds a timeseries"));
        }
    }
}
