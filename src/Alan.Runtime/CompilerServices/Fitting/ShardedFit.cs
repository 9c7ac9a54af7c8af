using System;
using System.Globalization;
using System.Linq;
using Alan.Distributed;

namespace Alan.CompilerServices.Fitting
{
    /// <summary>
    /// What a sharded <c>Fit</c> (<see cref="ComputationStrategy.Sharded"/>) checks before it trains. Every decision of
    /// the fit (convergence, learning-rate phases, which pooled sample gives how many draws) follows from all-reduced
    /// estimates, so it is the same on every rank as long as the ranks run the same plan from the same generator: the
    /// plan and the seed are compared over the ranks first, and a mismatch fails on every rank with the same message.
    /// </summary>
    internal static class ShardedFit
    {
        /// <summary>Throws unless <paramref name="problem"/> can be fitted sharded with <paramref name="plan"/> and <paramref name="options"/>.</summary>
        public static void Check(InferenceProblem problem, ComputationStrategy strategy, FitPlan plan, FitOptions options)
        {
            string plate = strategy.Plate!;
            var communicator = strategy.Communicator!;
            if (problem.Layout.IndexOf(plate) < 0)
                throw new ArgumentException(
                    $"{problem.ProblemName}.Fit: ComputationStrategy.Sharded names plate '{plate}', but the problem's plates are: {string.Join(", ", problem.Layout.Names)}.",
                    nameof(options));
            // Local latents drawn from the shared generator would take a different number of its numbers on each rank
            // (their shards differ), after which the ranks' global particles differ: their draws must be routed per rank.
            var local = problem.Latents.FirstOrDefault(l => problem.IsLocal(l, plate));
            if (local is not null && problem.DrawSharding?.Plate != plate)
                throw new InvalidOperationException(
                    $"{problem.ProblemName}.Fit shards plate '{plate}', whose latent '{local}' is drawn on each rank: call problem.ShardDraws(\"{plate}\", communicator, seed) " +
                    "on every rank before Fit, so that every rank draws the same global particles and its own local ones.");

            var names = new[] { "method", "K", "training K", "MaxIterations", "LearningRate", "Draws", "whether a Seed is given", "Seed" };
            var values = new double[]
            {
                (double)plan.Method, plan.K, plan.TrainingK, plan.MaxIterations, plan.LearningRate, options.Draws,
                options.Seed is null ? 0 : 1, options.Seed ?? 0,
            };
            var bounds = new double[2 * values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                bounds[i] = values[i];
                bounds[values.Length + i] = -values[i];
            }
            communicator.AllReduce(bounds, ReduceOperation.Max);
            var differing = Enumerable.Range(0, values.Length)
                .Where(i => bounds[i] != -bounds[values.Length + i])
                .Select(i => string.Create(CultureInfo.InvariantCulture, $"{names[i]} from {-bounds[values.Length + i]:G9} to {bounds[i]:G9} (this rank {values[i]:G9})"))
                .ToList();
            if (differing.Count > 0)
                throw new CommunicatorException(
                    $"{problem.ProblemName}.Fit, sharded over plate '{plate}': the ranks' fit options differ: {string.Join("; ", differing)}. " +
                    "Every rank must call Fit with the same options (the same K and Seed).");
        }
    }
}
