using System;
using System.Globalization;
using System.Linq;
using System.Threading;
using Alan;
using Alan.Distributed;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.MpiProbe
{
    /// <summary>
    /// Run under <c>mpirun -np 2</c> by MpiTests. Usage: <c>Alan.MpiProbe equal|draws|fit|mismatch|stall</c>.
    /// equal: the sharded estimates and gradients of MeanProblem equal one process's (float64 1e-9, float32 1e-5), and a
    ///   few sharded training steps of UnitsProblem (local latents drawn per rank) leave every rank with the same global
    ///   parameters; each rank prints "rank r: equal ..." and exits 0.
    /// draws: sharded ImportanceSample and Summary of MeanProblem (global latents) equal one process's (float64 1e-9); of
    ///   UnitsProblem (local latents), the global draws and the whole plate's summary are the same on every rank; each rank
    ///   prints "rank r: equal ..." and exits 0.
    /// fit: a sharded Fit of MeanProblem (global latents) gives one process's Fit (summary, ELBO trace, evidence, Pareto k,
    ///   effective samples; float64 1e-9); each rank prints "rank r: equal ..." and exits 0.
    /// mismatch: the ranks draw with different seeds; each rank prints "rank r: refused: ..." and exits 0.
    /// stall: rank 1 stops calling collectives; rank 0's collective times out after 3 s and aborts the launch.
    /// </summary>
    public static class Program
    {
        private const int Items = 41;

        public static int Main(string[] args)
        {
            torch.set_num_threads(1);
            string mode = args.Length > 0 ? args[0] : "equal";
            using var world = MpiCommunicator.World(TimeSpan.FromSeconds(mode == "stall" ? 3 : 60));
            return mode switch
            {
                "equal" => Equal(world),
                "draws" => Draws(world),
                "fit" => Fit(world),
                "mismatch" => Mismatch(world),
                "stall" => Stall(world),
                _ => throw new ArgumentException($"Unknown mode '{mode}': equal, draws, fit, mismatch or stall.", nameof(args)),
            };
        }

        private static (long Start, long Length) Shard(ICommunicator comm, long n)
        {
            long start = n * comm.Rank / comm.Size, end = n * (comm.Rank + 1) / comm.Size;
            return (start, end - start);
        }

        private static Tensor Data(long n) =>
            torch.tensor(Enumerable.Range(0, (int)n).Select(i => 0.7 + Math.Sin(1.3 * i)).ToArray(), dtype: ScalarType.Float64);

        private static MeanProblem Mean(Tensor values, ScalarType dtype) =>
            new MeanProblem(new MeanProblem.PlateSizes(Item: (int)values.shape[0]), new MeanProblem.Observations(Value: values), dtype);

        /// <summary>ElboVi and its gradients, ElboRws and its gradients, ElboNoGrad: every number in one array.</summary>
        private static double[] Evaluate(MeanProblem problem, ComputationStrategy? strategy)
        {
            var numbers = new System.Collections.Generic.List<double>();
            void Backward(Tensor objective)
            {
                foreach (var p in problem.parameters()) p.grad = null;
                objective.backward();
                numbers.Add(objective.to_type(ScalarType.Float64).item<double>());
                foreach (var p in problem.parameters()) numbers.AddRange(p.grad!.to_type(ScalarType.Float64).data<double>().ToArray());
            }
            using (var a = problem.Sample(K: 5, generator: new Generator(0, CPU).manual_seed(5))) Backward(a.ElboVi(strategy));
            using (var b = problem.Sample(K: 5, reparam: false, generator: new Generator(0, CPU).manual_seed(6)))
            {
                Backward(b.ElboRws(strategy));
                numbers.Add(b.ElboNoGrad(strategy).to_type(ScalarType.Float64).item<double>());
            }
            return numbers.ToArray();
        }

        private static int Equal(MpiCommunicator world)
        {
            var data = Data(Items);
            var (start, length) = Shard(world, Items);
            var strategy = ComputationStrategy.Sharded("Item", world);
            bool ok = true;
            foreach (var (dtype, tolerance) in new[] { (ScalarType.Float64, 1e-9), (ScalarType.Float32, 1e-5) })
            {
                var whole = Evaluate(Mean(data, dtype), null);
                var sharded = Evaluate(Mean(data.narrow(0, start, length), dtype), strategy);
                double worst = whole.Zip(sharded, (w, s) => Math.Abs(w - s) / Math.Max(1, Math.Abs(w))).Max();
                bool equal = worst <= tolerance;
                ok &= equal;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"rank {world.Rank}: {(equal ? "equal" : "DIFFERENT")} {dtype} ({whole.Length} numbers, largest relative difference {worst:G3}, tolerance {tolerance:G3})"));
            }

            // Local latents: each rank draws its own; a few sharded Adam steps must leave the global parameters equal everywhere.
            var units = new UnitsProblem(new UnitsProblem.PlateSizes(Unit: (int)length),
                new UnitsProblem.Observations(Obs: data.narrow(0, start, length)), ScalarType.Float64);
            units.ShardDraws("Unit", world, seed: 3);
            var shared = new Generator(0, CPU).manual_seed(4);
            var adam = torch.optim.Adam(units.parameters(), lr: 0.05);
            double elbo = 0;
            for (int step = 0; step < 5; step++)
            {
                using var scope = NewDisposeScope();
                adam.zero_grad();
                using var sample = units.Sample(K: 3, generator: shared);
                var e = sample.ElboVi(ComputationStrategy.Sharded("Unit", world));
                (-e).backward();
                adam.step();
                elbo = e.item<double>();
            }
            var globals = units.parameters().Where(p => p.numel() == 1).SelectMany(p => p.data<double>().ToArray()).Append(elbo).ToArray();
            var max = (double[])globals.Clone();
            var min = (double[])globals.Clone();
            world.AllReduce(max, ReduceOperation.Max);
            world.AllReduce(min, ReduceOperation.Min);
            bool same = max.SequenceEqual(min);
            ok &= same;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rank {world.Rank}: {(same ? "equal" : "DIFFERENT")} global parameters and ELBO after 5 sharded steps ({globals.Length - 1} parameters, ELBO {elbo:F6})"));
            return ok ? 0 : 1;
        }

        /// <summary>ImportanceSample's draws of Mu and the summary's numbers, in one array.</summary>
        private static double[] DrawMean(MeanProblem problem, ComputationStrategy? strategy)
        {
            using var sample = problem.Sample(K: 5, reparam: false, generator: new Generator(0, CPU).manual_seed(8));
            var draws = sample.ImportanceSample(300, strategy).Mu.contiguous().data<double>().ToArray();
            return draws.Concat(sample.Summary(300, strategy: strategy).SelectMany(Numbers)).ToArray();
        }

        private static double[] Numbers(PosteriorSummaryRow row) => new[] { row.Mean, row.Sd, row.Q05, row.Q95, row.Ess };

        /// <summary>Whether every rank holds the same <paramref name="values"/> (their largest and smallest over the ranks agree).</summary>
        private static bool SameOnEveryRank(ICommunicator world, double[] values)
        {
            var max = (double[])values.Clone();
            var min = (double[])values.Clone();
            world.AllReduce(max, ReduceOperation.Max);
            world.AllReduce(min, ReduceOperation.Min);
            return max.SequenceEqual(min);
        }

        private static int Draws(MpiCommunicator world)
        {
            var data = Data(Items);
            var (start, length) = Shard(world, Items);
            var whole = DrawMean(Mean(data, ScalarType.Float64), null);
            var sharded = DrawMean(Mean(data.narrow(0, start, length), ScalarType.Float64), ComputationStrategy.Sharded("Item", world));
            double worst = whole.Zip(sharded, (w, s) => Math.Abs(w - s) / Math.Max(1, Math.Abs(w))).Max();
            bool equal = whole.Length == sharded.Length && worst <= 1e-9;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rank {world.Rank}: {(equal ? "equal" : "DIFFERENT")} draws and summary of global latents ({whole.Length} numbers, largest relative difference {worst:G3})"));

            var units = new UnitsProblem(new UnitsProblem.PlateSizes(Unit: (int)length),
                new UnitsProblem.Observations(Obs: data.narrow(0, start, length)), ScalarType.Float64);
            units.ShardDraws("Unit", world, seed: 3);
            var strategy = ComputationStrategy.Sharded("Unit", world);
            using var sample = units.Sample(K: 3, reparam: false, generator: new Generator(0, CPU).manual_seed(4));
            var globalDraws = sample.ImportanceSample(200, strategy).Mu.contiguous().data<double>().ToArray();
            var summary = sample.Summary(200, strategy: strategy);
            bool covers = summary.Count == 2 + Items && summary.Last().Label == $"Z[{Items - 1}]";
            bool same = covers && SameOnEveryRank(world, globalDraws.Concat(summary.SelectMany(Numbers)).ToArray());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rank {world.Rank}: {(same ? "equal" : "DIFFERENT")} global draws and whole-plate summary with local latents ({summary.Count} rows)"));
            return equal && same ? 0 : 1;
        }

        /// <summary>A fit's summary, ELBO trace and diagnostics, in one array.</summary>
        private static double[] FitNumbers(FitResult<MeanProblem.ImportanceSampleSet> fit) =>
            fit.Summary().SelectMany(Numbers).Concat(fit.ElboTrace)
                .Concat(new[] { fit.LogEvidence, fit.ParetoK, fit.EffectiveSamples, fit.Iterations, fit.Converged ? 1 : 0 }).ToArray();

        private static int Fit(MpiCommunicator world)
        {
            var data = Data(Items);
            var (start, length) = Shard(world, Items);
            var options = new FitOptions { Seed = 4, MaxIterations = 300, Draws = 500 };
            var whole = FitNumbers(Mean(data, ScalarType.Float64).Fit(options));
            var sharded = FitNumbers(Mean(data.narrow(0, start, length), ScalarType.Float64)
                .Fit(options with { Strategy = ComputationStrategy.Sharded("Item", world) }));
            double worst = whole.Length == sharded.Length
                ? whole.Zip(sharded, (w, s) => Math.Abs(w - s) / Math.Max(1, Math.Abs(w))).Max()
                : double.PositiveInfinity;
            bool equal = worst <= 1e-9;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"rank {world.Rank}: {(equal ? "equal" : "DIFFERENT")} fit ({whole.Length} numbers, largest relative difference {worst:G3})"));
            return equal ? 0 : 1;
        }

        private static int Mismatch(MpiCommunicator world)
        {
            var (start, length) = Shard(world, Items);
            var problem = Mean(Data(Items).narrow(0, start, length), ScalarType.Float64);
            using var sample = problem.Sample(K: 3, generator: new Generator(0, CPU).manual_seed(100 + world.Rank));
            try
            {
                sample.ElboNoGrad(ComputationStrategy.Sharded("Item", world));
                Console.WriteLine($"rank {world.Rank}: not refused");
                return 1;
            }
            catch (CommunicatorException e)
            {
                Console.WriteLine($"rank {world.Rank}: refused: {e.Message}");
                return 0;
            }
        }

        private static int Stall(MpiCommunicator world)
        {
            if (world.Rank == 1)
            {
                Thread.Sleep(TimeSpan.FromMinutes(5));   // never reaches the collective; the launch is aborted before this ends
                return 0;
            }
            var (start, length) = Shard(world, Items);
            var problem = Mean(Data(Items).narrow(0, start, length), ScalarType.Float64);
            using var sample = problem.Sample(K: 3, generator: new Generator(0, CPU).manual_seed(1));
            sample.ElboNoGrad(ComputationStrategy.Sharded("Item", world));
            return 0;
        }
    }
}
