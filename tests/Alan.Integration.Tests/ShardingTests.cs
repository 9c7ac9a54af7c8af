using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Alan.Distributed;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// ComputationStrategy.Sharded with threads as ranks (InProcessCommunicator): each rank holds a problem built on its
    /// shard of the plate, and the ranks' log P-hat and gradients equal one process's.
    /// </summary>
    public class ShardingTests
    {
        /// <summary>Runs <paramref name="body"/> on <paramref name="size"/> threads, one rank each; returns each rank's result or exception.</summary>
        internal static (T?[] Results, Exception?[] Errors) OnRanks<T>(int size, Func<ICommunicator, T> body, TimeSpan? timeout = null)
        {
            var ranks = InProcessCommunicator.Create(size, timeout);
            var results = new T?[size];
            var errors = new Exception?[size];
            var threads = new Thread[size];
            for (int r = 0; r < size; r++)
            {
                int rank = r;
                threads[r] = new Thread(() =>
                {
                    try { results[rank] = body(ranks[rank]); }
                    catch (Exception e) { errors[rank] = e; }
                }, 16 << 20);
                threads[r].Start();
            }
            foreach (var t in threads) t.Join();
            return (results, errors);
        }

        internal static T[] OnRanksOrThrow<T>(int size, Func<ICommunicator, T> body)
        {
            var (results, errors) = OnRanks(size, body);
            var failed = errors.Where(e => e is not null).ToList();
            if (failed.Count > 0) throw new AggregateException(failed!);
            return results!;
        }

        /// <summary>Splits n elements into <paramref name="size"/> uneven contiguous shards (the first ones larger).</summary>
        internal static (long Start, long Length)[] Shards(long n, int size)
        {
            var shards = new (long, long)[size];
            long start = 0;
            for (int r = 0; r < size; r++)
            {
                long length = r == size - 1 ? n - start : (n - start) / (size - r) + (r == 0 ? 1 : 0);
                shards[r] = (start, length);
                start += length;
            }
            return shards;
        }

        private sealed record Evaluation(double Vi, double[] ViGrads, double Rws, double[] RwsGrads, double NoGrad, double[] MuWeights, double MuMean);

        private static double[] Grads(IEnumerable<TorchSharp.Modules.Parameter> parameters, Tensor objective)
        {
            var ps = parameters.ToList();
            foreach (var p in ps) p.grad = null;
            objective.backward();
            return ps.SelectMany(p => p.grad!.to_type(ScalarType.Float64).data<double>().ToArray()).ToArray();
        }

        private static Evaluation Evaluate(IntroProblem problem, ComputationStrategy? strategy)
        {
            using (var a = problem.Sample(K: 4, generator: new Generator(0, CPU).manual_seed(5)))
            using (var b = problem.Sample(K: 4, reparam: false, generator: new Generator(0, CPU).manual_seed(6)))
            {
                var vi = a.ElboVi(strategy);
                var viGrads = Grads(problem.parameters(), vi);
                var rws = b.ElboRws(strategy);
                var rwsGrads = Grads(problem.parameters(), rws);
                double noGrad = b.ElboNoGrad(strategy).to_type(ScalarType.Float64).item<double>();
                var weights = b.Marginals(strategy).Mu.to_type(ScalarType.Float64).data<double>().ToArray();
                double mean = b.Moments(strategy).Mu.Mean.to_type(ScalarType.Float64).item<double>();
                return new Evaluation(vi.to_type(ScalarType.Float64).item<double>(), viGrads, rws.to_type(ScalarType.Float64).item<double>(), rwsGrads, noGrad, weights, mean);
            }
        }

        private static IntroProblem Intro(Tensor obs, ScalarType dtype)
        {
            var problem = new IntroProblem(new IntroProblem.PlateSizes(P1: (int)obs.shape[0]), new IntroProblem.Observations(Obs: obs), dtype);
            using (no_grad())
            {
                // Away from the initial values, the same on every rank.
                var values = new[] { 0.7, -0.4 };
                int i = 0;
                foreach (var p in problem.parameters()) p.fill_(values[i++ % values.Length]);
            }
            return problem;
        }

        [TestCase(2, ScalarType.Float64, 1e-9)]
        [TestCase(3, ScalarType.Float64, 1e-9)]
        [TestCase(2, ScalarType.Float32, 1e-5)]
        public void ShardsOfTheDataGiveTheValuesAndGradientsOfOneProcess(int ranks, ScalarType dtype, double tolerance)
        {
            // The Intro model: its particles are global, so the ranks draw exactly what one process draws.
            var obs = torch.tensor(Enumerable.Range(0, 11).Select(i => 0.3 * i - 1.1 + 0.05 * i * i).ToArray(), dtype: ScalarType.Float64);
            var whole = Evaluate(Intro(obs, dtype), null);
            var shards = Shards(11, ranks);
            var perRank = OnRanksOrThrow(ranks, comm =>
            {
                var (start, length) = shards[comm.Rank];
                return Evaluate(Intro(obs.narrow(0, start, length), dtype), ComputationStrategy.Sharded("P1", comm));
            });
            double Relative(double x) => tolerance * Math.Max(1, Math.Abs(x));
            foreach (var e in perRank)
            {
                Assert.That(e.Vi, Is.EqualTo(whole.Vi).Within(Relative(whole.Vi)), "ElboVi");
                Assert.That(e.Rws, Is.EqualTo(whole.Rws).Within(Relative(whole.Rws)), "ElboRws");
                Assert.That(e.NoGrad, Is.EqualTo(whole.NoGrad).Within(Relative(whole.NoGrad)), "ElboNoGrad");
                for (int i = 0; i < whole.ViGrads.Length; i++)
                {
                    Assert.That(e.ViGrads[i], Is.EqualTo(whole.ViGrads[i]).Within(Relative(whole.ViGrads[i])), $"ElboVi gradient {i}");
                    Assert.That(e.RwsGrads[i], Is.EqualTo(whole.RwsGrads[i]).Within(Relative(whole.RwsGrads[i])), $"ElboRws gradient {i}");
                }
                Assert.That(e.MuWeights, Is.EqualTo(whole.MuWeights).Within(tolerance), "Marginals of Mu");
                Assert.That(e.MuMean, Is.EqualTo(whole.MuMean).Within(Relative(whole.MuMean)), "Moments of Mu");
            }
        }

        [Test]
        public void ShardedQemUpdatesEqualOneProcesss()
        {
            var obs = torch.tensor(Enumerable.Range(0, 9).Select(i => 0.4 * i - 1.0).ToArray(), dtype: ScalarType.Float64);
            (double Elbo, double[] Buffers) Update(Tensor data, ComputationStrategy? strategy)
            {
                var problem = new QemIntroProblem(new QemIntroProblem.PlateSizes(P1: (int)data.shape[0]), new QemIntroProblem.Observations(Obs: data), ScalarType.Float64);
                double elbo = 0;
                for (int step = 0; step < 3; step++)
                {
                    using var sample = problem.Sample(K: 5, reparam: false, generator: new Generator(0, CPU).manual_seed(20 + step));
                    elbo = sample.UpdateQemParams(0.5, strategy);
                }
                return (elbo, problem.buffers().SelectMany(b => b.to_type(ScalarType.Float64).data<double>().ToArray()).ToArray());
            }
            var whole = Update(obs, null);
            var shards = Shards(9, 2);
            var perRank = OnRanksOrThrow(2, comm => Update(obs.narrow(0, shards[comm.Rank].Start, shards[comm.Rank].Length), ComputationStrategy.Sharded("P1", comm)));
            Assert.That(whole.Buffers, Is.Not.Empty);
            foreach (var r in perRank)
            {
                Assert.That(r.Elbo, Is.EqualTo(whole.Elbo).Within(1e-9 * Math.Abs(whole.Elbo)), "the update's ELBO");
                Assert.That(r.Buffers, Is.EqualTo(whole.Buffers).Within(1e-9), "QEM parameters and moving averages");
            }
        }

        private sealed record UnitsRank(double[] Mu, double[] Z, double LogPHat, double[] GlobalGrads, double[] LocLocalGrads, double[] LogScaleLocalGrads);

        /// <summary>
        /// log N(x; m, s) in the test's own float64 arithmetic.
        /// </summary>
        private static Tensor LogNormal(Tensor x, Tensor m, Tensor s) =>
            -0.5 * ((x - m) / s).pow(2) - s.log() - 0.5 * Math.Log(2 * Math.PI);

        [TestCase(2)]
        [TestCase(3)]
        public void ShardsWithLocalLatentsGiveTheEstimateOfTheirJoinedParticles(int ranks)
        {
            const int N = 13, K = 3;
            var obs = torch.tensor(Enumerable.Range(0, N).Select(i => Math.Sin(i) * 2 + 0.5).ToArray(), dtype: ScalarType.Float64);
            var shards = Shards(N, ranks);
            var perRank = OnRanksOrThrow(ranks, comm =>
            {
                var (start, length) = shards[comm.Rank];
                var problem = new UnitsProblem(new UnitsProblem.PlateSizes(Unit: (int)length),
                    new UnitsProblem.Observations(Obs: obs.narrow(0, start, length)), ScalarType.Float64);
                problem.ShardDraws("Unit", comm, seed: 11);
                using var sample = problem.Sample(K, reparam: false, generator: new Generator(0, CPU).manual_seed(7));
                var strategy = ComputationStrategy.Sharded("Unit", comm);
                var rws = sample.ElboRws(strategy);
                var globals = problem.parameters().Where(p => p.numel() == 1).ToList();
                var locals = problem.parameters().Where(p => p.numel() == length).ToList();
                Assert.That(globals.Count + locals.Count, Is.EqualTo(4));
                foreach (var p in problem.parameters()) p.grad = null;
                rws.backward();
                return new UnitsRank(
                    sample.Particles.Mu.data<double>().ToArray(),
                    sample.Particles.Z.contiguous().data<double>().ToArray(),
                    sample.ElboNoGrad(strategy).item<double>(),
                    globals.SelectMany(p => p.grad!.data<double>().ToArray()).ToArray(),
                    locals[0].grad!.data<double>().ToArray(),
                    locals[1].grad!.data<double>().ToArray());
            });

            // Every rank holds the global particles of rank 0, and local particles of its own.
            foreach (var r in perRank) Assert.That(r.Mu, Is.EqualTo(perRank[0].Mu), "global particles");
            Assert.That(perRank[1].Z.Take(K), Is.Not.EqualTo(perRank[0].Z.Take(K)), "local particles are drawn per rank");

            // The estimate over the joined particles (DESIGN 4.2, 4.3), computed here: Q starts at N(0, 1) everywhere, and
            // its parameters are leaves so that the RWS gradient (through the log densities only) comes out too.
            var mu = torch.tensor(perRank[0].Mu, dtype: ScalarType.Float64);                                     // [K]
            var z = torch.cat(perRank.Select((r, i) => torch.tensor(r.Z, dtype: ScalarType.Float64).reshape(K, shards[i].Length)).ToArray(), 1); // [K, N]
            var locMu = torch.zeros(1, dtype: ScalarType.Float64).requires_grad_();
            var logScaleMu = torch.zeros(1, dtype: ScalarType.Float64).requires_grad_();
            var locZ = torch.zeros(N, dtype: ScalarType.Float64).requires_grad_();
            var logScaleZ = torch.zeros(N, dtype: ScalarType.Float64).requires_grad_();
            var one = torch.ones(1, dtype: ScalarType.Float64);
            double logK = Math.Log(K);
            var fMu = LogNormal(mu, torch.zeros(1, dtype: ScalarType.Float64), one) - LogNormal(mu, locMu, logScaleMu.exp()) - logK;   // [K]
            var lqZ = LogNormal(z, locZ, logScaleZ.exp());                                                                           // [J, N]
            var fZ = LogNormal(z.unsqueeze(1), mu.view(1, K, 1), one) - lqZ.unsqueeze(1) - logK;                                     // [J, K, N]
            var d = LogNormal(obs, z, 0.5 * one);                                                                                    // [J, N]
            var r_ = (fZ + d.unsqueeze(1)).logsumexp(0).sum(1);                                                                      // [K]
            var logPHat = (fMu + r_).logsumexp(0);
            var grads = torch.autograd.grad(new[] { logPHat }, new[] { locMu, logScaleMu, locZ, logScaleZ });
            double expected = logPHat.item<double>();
            var expectedGlobal = new[] { grads[0].item<double>(), grads[1].item<double>() };
            for (int i = 0; i < ranks; i++)
            {
                var rank = perRank[i];
                Assert.That(rank.LogPHat, Is.EqualTo(expected).Within(1e-9 * Math.Abs(expected)), $"rank {i}: log P-hat");
                Assert.That(rank.GlobalGrads, Is.EqualTo(expectedGlobal).Within(1e-9), $"rank {i}: gradients of Mu's parameters");
                var (start, length) = shards[i];
                Assert.That(rank.LocLocalGrads, Is.EqualTo(grads[2].narrow(0, start, length).data<double>().ToArray()).Within(1e-9), $"rank {i}: Z.loc gradients");
                Assert.That(rank.LogScaleLocalGrads, Is.EqualTo(grads[3].narrow(0, start, length).data<double>().ToArray()).Within(1e-9), $"rank {i}: Z.logScale gradients");
            }
        }

        [Test]
        public void RanksDrawingDifferentGlobalParticlesFailOnEveryRank()
        {
            var obs = torch.linspace(-1, 1, 8, dtype: ScalarType.Float64);
            var (_, errors) = OnRanks(2, comm =>
            {
                var problem = Intro(obs.narrow(0, 4 * comm.Rank, 4), ScalarType.Float64);
                using var sample = problem.Sample(K: 3, generator: new Generator(0, CPU).manual_seed(100 + comm.Rank));
                return sample.ElboNoGrad(ComputationStrategy.Sharded("P1", comm)).item<double>();
            });
            foreach (var e in errors)
                Assert.That(e, Is.TypeOf<CommunicatorException>().With.Message.Contains("different global particles or parameters"));
        }

        [Test]
        public void RanksWithDifferentParticleCountsFailOnEveryRank()
        {
            var obs = torch.linspace(-1, 1, 8, dtype: ScalarType.Float64);
            var (_, errors) = OnRanks(2, comm =>
            {
                var problem = Intro(obs.narrow(0, 4 * comm.Rank, 4), ScalarType.Float64);
                using var sample = problem.Sample(K: 3 + comm.Rank, generator: new Generator(0, CPU).manual_seed(1));
                return sample.ElboNoGrad(ComputationStrategy.Sharded("P1", comm)).item<double>();
            });
            foreach (var e in errors)
                Assert.That(e, Is.TypeOf<CommunicatorException>().With.Message.Contains("Every rank must run the same model with the same K"));
        }

        [Test]
        public void ARankThatStopsMakesTheOthersFailAfterTheTimeout()
        {
            var obs = torch.linspace(-1, 1, 8, dtype: ScalarType.Float64);
            var (_, errors) = OnRanks(2, comm =>
            {
                if (comm.Rank == 1) throw new InvalidOperationException("rank 1 fails before its first collective");
                var problem = Intro(obs.narrow(0, 0, 4), ScalarType.Float64);
                using var sample = problem.Sample(K: 3, generator: new Generator(0, CPU).manual_seed(1));
                return sample.ElboNoGrad(ComputationStrategy.Sharded("P1", comm)).item<double>();
            }, TimeSpan.FromSeconds(2));
            Assert.That(errors[0], Is.TypeOf<CommunicatorException>().With.Message.Contains("waited 2 s"));
        }

        [Test]
        public void AShardOfOneElementIsRefusedWithItsRank()
        {
            var obs = torch.linspace(-1, 1, 3, dtype: ScalarType.Float64);
            var (_, errors) = OnRanks(2, comm =>
            {
                var problem = Intro(comm.Rank == 0 ? obs.narrow(0, 0, 2) : obs.narrow(0, 2, 1), ScalarType.Float64);
                using var sample = problem.Sample(K: 2, generator: new Generator(0, CPU).manual_seed(1));
                return sample.ElboNoGrad(ComputationStrategy.Sharded("P1", comm)).item<double>();
            }, TimeSpan.FromSeconds(2));
            Assert.That(errors[1], Is.TypeOf<ArgumentException>().With.Message.Contains("rank 1 holds 1 element(s) of plate 'P1'"));
            Assert.That(errors[0], Is.TypeOf<CommunicatorException>(), "rank 0 then waits in vain and fails");
        }

        [Test]
        public void ShardDrawsOfAnUnknownPlateNamesTheProblemsPlates()
        {
            // The plates come from the generated problem's layout accessor.
            var comm = InProcessCommunicator.Create(1)[0];
            var problem = new UnitsProblem(new UnitsProblem.PlateSizes(Unit: 3), new UnitsProblem.Observations(Obs: torch.zeros(3, dtype: ScalarType.Float64)), ScalarType.Float64);
            Assert.That(() => problem.ShardDraws("Units", comm),
                Throws.ArgumentException.With.Message.Contains("ShardDraws names plate 'Units', but UnitsProblem's plates are: Unit."));
        }

        [Test]
        public void InProcessCollectivesAddAndBroadcastInRankOrder()
        {
            var results = OnRanksOrThrow(3, comm =>
            {
                var sum = new double[] { comm.Rank, 1.5 };
                comm.AllReduce(sum);
                var max = new float[] { comm.Rank * 2f };
                comm.AllReduce(max, ReduceOperation.Max);
                var min = new double[] { 10 - comm.Rank };
                comm.AllReduce(min, ReduceOperation.Min);
                var broadcast = new byte[] { (byte)(comm.Rank + 7) };
                comm.Broadcast(broadcast, root: 2);
                return (sum[0], sum[1], max[0], min[0], broadcast[0]);
            });
            foreach (var r in results) Assert.That(r, Is.EqualTo((3.0, 4.5, 4f, 8.0, (byte)9)));
        }
    }
}
