using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// Randomness per problem (DESIGN 3): <c>Sample(..., generator:)</c> and <c>FitOptions.Seed</c> draw every random number
    /// from a generator of their own, so a run gives bitwise the same particles, draws and trained parameters whether it
    /// runs alone or while other threads train other problems and draw from torch's default generator.
    /// </summary>
    public class ReproducibleRandomnessTests
    {
        /// <summary>Every number a run produced, in order: compared exactly (float64, bitwise).</summary>
        private sealed class Fingerprint
        {
            public readonly List<(string What, double[] Values)> Parts = new();

            public void Add(string what, Tensor t) =>
                Parts.Add((what, t.detach().to_type(ScalarType.Float64).cpu().flatten().data<double>().ToArray()));
        }

        /// <summary>
        /// Nested (grouped root, a Q parent re-indexed per state, a vector latent) trained by VI from a seed, then its
        /// pooled draws; its data come from a generator of the test's own, not from the default one.
        /// </summary>
        private static Fingerprint FitNested()
        {
            var data = new Generator(0).manual_seed(101);
            var sizes = new NestedProblem.PlateSizes(States: 3, Zips: 4);
            var inputs = new NestedProblem.Inputs(
                Basement: randn(new long[] { 3 }, ScalarType.Float64, generator: data),
                Covariates: randn(new long[] { 3, 4, 3 }, ScalarType.Float64, generator: data));
            var obs = randn(new long[] { 3, 4 }, ScalarType.Float64, generator: data);
            using var problem = new NestedProblem(sizes, new NestedProblem.Observations(obs), inputs, ScalarType.Float64);
            var fit = problem.Fit(new FitOptions { Seed = 11, K = 4, MaxIterations = 120, Draws = 200 });
            var print = new Fingerprint();
            foreach (var p in problem.parameters()) print.Add("parameter", p);
            print.Add("draws of StateMean", fit.Draws.StateMean);
            print.Add("draws of Phi", fit.Draws.Phi);
            print.Add("ELBO trace", tensor(fit.ElboTrace.ToArray()));
            return print;
        }

        /// <summary>A Mixture latent (Gumbel-max component choice) proposed by a Mixture: RWS from a seed, then its pooled draws.</summary>
        private static Fingerprint FitMixture()
        {
            using var problem = new MixturePriorProblem(new MixturePriorProblem.PlateSizes(Points: 3),
                new MixturePriorProblem.Observations(Y: tensor(new[] { -1.1, 0.4, -0.2 }, ScalarType.Float64)), ScalarType.Float64);
            var fit = problem.Fit(new FitOptions { Seed = 5, K = 6, MaxIterations = 120, Draws = 200 });
            var print = new Fingerprint();
            foreach (var p in problem.parameters()) print.Add("parameter", p);
            print.Add("draws of Z", fit.Draws.Z);
            return print;
        }

        /// <summary>
        /// A chained Q drawn element by element with both samplers, its exact posterior draws (forward-filter
        /// backward-sample) and their extension to a longer chain (forecast draws from P), all from one generator.
        /// </summary>
        private static Fingerprint SampleChained()
        {
            using var problem = new TsChainedProblem(new TsChainedProblem.PlateSizes(T: 3),
                new TsChainedProblem.Observations(Y: tensor(new[] { 0.4, -0.9, 1.3 }, ScalarType.Float64)), dtype: ScalarType.Float64);
            var generator = new Generator(0).manual_seed(3);
            var print = new Fingerprint();
            foreach (var sampler in new[] { Sampler.Permutation, Sampler.Categorical })
            {
                using var sample = problem.Sample(K: 3, sampler: sampler, generator: generator);
                print.Add("particles of X", sample.Particles.X);
                var draws = sample.ImportanceSample(N: 40);
                print.Add("importance draws of X", draws.X);
                print.Add("extended X", draws.Extend(new TsChainedProblem.PlateSizes(T: 6)).X);
            }
            return print;
        }

        /// <summary>Same shape and every element equal.</summary>
        private static bool Same(Tensor a, Tensor b) => a.shape.SequenceEqual(b.shape) && a.eq(b).all().item<bool>();

        private static readonly Func<Fingerprint>[] Runs = { FitNested, FitMixture, SampleChained };

        [Test]
        public void ConcurrentRunsGiveBitwiseTheResultsOfTheSameRunsDoneOneAfterTheOther()
        {
            var sequential = Runs.Select(run => run()).ToArray();

            // The same runs on three threads at once, while a fourth draws from torch's default generator (which the
            // runs must not read) and forces garbage collections (which must not free anything a run still uses).
            var concurrent = new Fingerprint?[Runs.Length];
            var errors = new Exception?[Runs.Length + 1];
            using var done = new CountdownEvent(Runs.Length);
            using var start = new Barrier(Runs.Length + 1);
            var threads = Enumerable.Range(0, Runs.Length).Select(i => new Thread(() =>
            {
                try
                {
                    // The same intra-op thread count as the sequential runs (TestAssemblySetup): under OpenMP it is a
                    // setting of each thread, and a kernel split over other threads sums in another order.
                    torch.set_num_threads(1);
                    start.SignalAndWait();
                    concurrent[i] = Runs[i]();
                }
                catch (Exception e) { errors[i] = e; }
                finally { done.Signal(); }
            })).ToList();
            threads.Add(new Thread(() =>
            {
                try
                {
                    start.SignalAndWait();
                    // A full collection every 2 ms or so: hundreds during the runs, while leaving them the time to run (back to
                    // back, the blocking collections stopped the runs' threads most of the time).
                    while (!done.Wait(2))
                    {
                        using (NewDisposeScope()) rand(new long[] { 64 }).sum();
                        GC.Collect();
                    }
                }
                catch (Exception e) { errors[Runs.Length] = e; }
            }));
            foreach (var t in threads) t.Start();
            foreach (var t in threads) t.Join();

            Assert.That(errors, Is.All.Null);
            for (int r = 0; r < Runs.Length; r++)
            {
                var alone = sequential[r].Parts;
                var together = concurrent[r]!.Parts;
                Assert.That(together.Select(p => p.What), Is.EqualTo(alone.Select(p => p.What)), $"run {r}");
                for (int p = 0; p < alone.Count; p++)
                    Assert.That(together[p].Values.Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(alone[p].Values.Select(BitConverter.DoubleToInt64Bits)),
                        $"run {r} ({Runs[r].Method.Name}), {alone[p].What}: concurrent and sequential runs differ");
            }
        }

        [Test]
        public void SamplesFromEqualGeneratorsAreEqualAndLeaveTheDefaultGeneratorAlone()
        {
            using var problem = new TsChainedProblem(new TsChainedProblem.PlateSizes(T: 3),
                new TsChainedProblem.Observations(Y: tensor(new[] { 0.4, -0.9, 1.3 }, ScalarType.Float64)), dtype: ScalarType.Float64);
            torch.manual_seed(9);
            var defaultBefore = torch.random.get_rng_state();
            using var first = problem.Sample(K: 4, generator: new Generator(0).manual_seed(21));
            var firstDraws = first.ImportanceSample(N: 10).X;
            Assert.That(Same(torch.random.get_rng_state(), defaultBefore), Is.True, "a sample with a generator does not advance the default generator");
            using var second = problem.Sample(K: 4, generator: new Generator(0).manual_seed(21));
            Assert.That(Same(second.Particles.X, first.Particles.X), Is.True);
            Assert.That(Same(second.ImportanceSample(N: 10).X, firstDraws), Is.True);
            using var other = problem.Sample(K: 4, generator: new Generator(0).manual_seed(22));
            Assert.That(Same(other.Particles.X, first.Particles.X), Is.False, "another seed gives other particles");
        }

        [Test]
        public void FitWithASeedLeavesTheDefaultGeneratorAlone()
        {
            using var problem = new MixturePriorProblem(new MixturePriorProblem.PlateSizes(Points: 3),
                new MixturePriorProblem.Observations(Y: tensor(new[] { -1.1, 0.4, -0.2 }, ScalarType.Float64)), ScalarType.Float64);
            torch.manual_seed(9);
            var defaultBefore = torch.random.get_rng_state();
            problem.Fit(new FitOptions { Seed = 5, K = 4, MaxIterations = 20, Draws = 20 });
            Assert.That(Same(torch.random.get_rng_state(), defaultBefore), Is.True);
        }
    }
}
