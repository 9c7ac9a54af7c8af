using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Samples.Posterior
{
    /// <summary>
    /// Part 1: the grouped regression. Synthetic data from P, a short VI fit of Q, then the posterior moments
    /// of every latent by three routes that must agree, and the predictive log-likelihood of held-out items.
    /// </summary>
    internal static class GroupedMoments
    {
        private const int Groups = 6;
        private const int TrainItems = 12;      // items per group used for training ...
        private const int HeldOutItems = 4;     // ... and held out for the predictive check
        private const int TrainK = 10;
        private const int Iterations = 500;
        private const double LearningRate = 0.05;
        private const int ReportEvery = 50;
        private const int PosteriorK = 30;      // particles for the posterior summaries
        private const int Draws = 10000;        // importance samples
        private const int ShownElements = 3;    // plate elements shown per plated latent

        // float64: in float32 the early, diffuse proposals make LogSpace.SumProduct underflow (each factor is
        // shifted by its own maximum, so their product can round to 0): log 0 = -inf forward, NaN gradients.
        private const ScalarType DType = ScalarType.Float64;

        public static ElboPanel Run(long seed)
        {
            Console.WriteLine("== Part 1: grouped model with nested plates; posterior moments three ways ==");
            Console.WriteLine("P: GlobalMean ~ N(0,1), GlobalLogScale ~ N(0,0.5^2); per group g: GroupMean[g] ~ N(GlobalMean, exp(GlobalLogScale)^2),");
            Console.WriteLine("   GroupSlope[g] ~ N(0,1); per item i of g: Y[g,i] ~ N(GroupMean[g] + GroupSlope[g] X[g,i], 0.5^2)");
            Console.WriteLine("Q: {GlobalMean, GlobalLogScale} one group (shared particles); all latents N(loc, exp(logScale)^2), learnt");
            Console.WriteLine();

            // ---- synthetic data: one draw of P over all items; the last HeldOutItems per group are held out
            torch.manual_seed(seed);
            int allItems = TrainItems + HeldOutItems;
            var allSizes = new GroupedProblem.PlateSizes(Groups: Groups, Items: allItems);
            var xAll = torch.randn(Groups, allItems, dtype: DType);
            var truth = GroupedProblem.SamplePrior(allSizes, new GroupedProblem.Inputs(X: xAll), DType);
            var sizes = new GroupedProblem.PlateSizes(Groups: Groups, Items: TrainItems);
            var inputs = new GroupedProblem.Inputs(X: xAll.narrow(1, 0, TrainItems));
            var observations = new GroupedProblem.Observations(Y: truth.Y.narrow(1, 0, TrainItems));
            Console.WriteLine($"Data (seed {seed}, float64): {Groups} groups x {TrainItems} training items (+{HeldOutItems} held out per group), X ~ N(0,1)");

            // ---- VI: ascend the MP ELBO with Adam on Q's parameters (P has none here)
            var problem = new GroupedProblem(sizes, observations, inputs, DType);
            var optimizer = torch.optim.Adam(problem.parameters(), lr: LearningRate);
            var phase = new Phase($"VI K={TrainK}", Iterations, _ =>
            {
                using var scope = torch.NewDisposeScope();
                optimizer.zero_grad();
                using var sample = problem.Sample(K: TrainK);
                var elbo = sample.ElboVi();
                (-elbo).backward();
                optimizer.step();
                return elbo.item<double>();
            });
            Console.WriteLine($"VI: Adam lr {LearningRate}, K = {TrainK}, {Iterations} iterations; ELBO = mean of the training estimates since the last line");
            Console.WriteLine("   iter       ELBO");
            var traces = Progress.Run(new[] { phase }, ReportEvery, (_, iter, elbo) => $"  {iter,5} {elbo,10:F3}");
            Console.WriteLine();

            // ---- one MP sample, summarised three ways
            using var noGrad = torch.no_grad();
            using var post = problem.Sample(K: PosteriorK, reparam: false);
            var w = post.Marginals();           // per latent: weights [K, plates...], sum to 1 over K
            var x = post.Particles;             // per latent: particles [K, plates...]
            var ess = w.Ess();
            var m = post.Moments();             // source-term moments (one forward + one backward pass)
            var draws = post.ImportanceSample(N: Draws);
            var dm = draws.Moments();           // moments of the exact draws from the MP posterior

            Console.WriteLine($"Posterior moments from one MP sample with K = {PosteriorK} (Q after training):");
            Console.WriteLine("  (a) Marginals():        sum_k w_k z_k, sqrt(sum_k w_k z_k^2 - mean^2)");
            Console.WriteLine("  (b) Moments():          source-term trick, .Mean and .Std");
            Console.WriteLine($"  (c) ImportanceSample({Draws}).Moments(): mean and sd of exact draws from the same MP posterior");
            Console.WriteLine($"  ESS = Marginals().Ess(), out of K = {PosteriorK}; truth = the value drawn from P");
            Console.WriteLine();
            Console.WriteLine("  latent            truth | (a) mean      sd | (b) mean      sd | (c) mean      sd |  ESS");
            Console.WriteLine("  ------------------------+-------------------+-------------------+-------------------+-----");
            var rows = new List<Summary>();
            rows.AddRange(Summarise("GlobalMean", truth.GlobalMean, w.GlobalMean, x.GlobalMean, m.GlobalMean, dm.GlobalMean, ess.GlobalMean));
            rows.AddRange(Summarise("GlobalLogScale", truth.GlobalLogScale, w.GlobalLogScale, x.GlobalLogScale, m.GlobalLogScale, dm.GlobalLogScale, ess.GlobalLogScale));
            rows.AddRange(Summarise("GroupMean", truth.GroupMean, w.GroupMean, x.GroupMean, m.GroupMean, dm.GroupMean, ess.GroupMean));
            rows.AddRange(Summarise("GroupSlope", truth.GroupSlope, w.GroupSlope, x.GroupSlope, m.GroupSlope, dm.GroupSlope, ess.GroupSlope));
            foreach (var r in rows.Where(r => r.Shown))
                Console.WriteLine($"  {r.Label,-16} {r.Truth,6:F3} | {r.MeanA,8:F4} {r.SdA,7:F4} | {r.MeanB,8:F4} {r.SdB,7:F4} | {r.MeanC,8:F4} {r.SdC,7:F4} | {r.Ess,4:F1}");
            Console.WriteLine($"  (first {ShownElements} of {Groups} groups shown)");
            double abMax = rows.Max(r => Math.Max(Math.Abs(r.MeanA - r.MeanB), Math.Abs(r.SdA - r.SdB)));
            double bcMax = rows.Max(r => Math.Abs(r.MeanB - r.MeanC) / (r.SdB / Math.Sqrt(Draws)));
            Console.WriteLine($"  (a) vs (b): largest difference over all {rows.Count} latent elements {abMax:E1} (the same quantity: round-off)");
            Console.WriteLine($"  (b) vs (c): largest |mean difference| {bcMax:F2} Monte Carlo standard errors (sd / sqrt({Draws}))");
            Console.WriteLine();

            Predictive(problem, draws, allSizes, xAll, truth);
            return new ElboPanel($"Part 1: grouped model, VI with K = {TrainK}", traces);
        }

        /// <summary>
        /// Extends the Items plate with the held-out positions and scores them: log mean_n p(Y_new | draw n).
        /// </summary>
        private static void Predictive(GroupedProblem problem, GroupedProblem.ImportanceSampleSet draws, GroupedProblem.PlateSizes allSizes,
                                       Tensor xAll, GroupedProblem.PriorSample truth)
        {
            var allInputs = new GroupedProblem.Inputs(X: xAll);
            var allObservations = new GroupedProblem.Observations(Y: truth.Y);
            int newCount = Groups * HeldOutItems;

            // Trained Q: the draws above, with the new item positions drawn from P given each draw.
            var extended = draws.Extend(allSizes, allInputs);
            double trained = extended.PredictiveLogLikelihood(allObservations).Y.item<double>();

            // The same with an untrained Q (its initial N(0,1) proposals), same K and N.
            var fresh = new GroupedProblem(problem.Sizes, new GroupedProblem.Observations(Y: truth.Y.narrow(1, 0, TrainItems)),
                                           new GroupedProblem.Inputs(X: xAll.narrow(1, 0, TrainItems)), DType);
            using var freshSample = fresh.Sample(K: PosteriorK, reparam: false);
            double untrained = freshSample.ImportanceSample(N: Draws).Extend(allSizes, allInputs).PredictiveLogLikelihood(allObservations).Y.item<double>();

            // Reference: the held-out items' log-likelihood under the true latents.
            var heldX = xAll.narrow(1, TrainItems, HeldOutItems);
            var heldY = truth.Y.narrow(1, TrainItems, HeldOutItems);
            var mean = truth.GroupMean.unsqueeze(1) + truth.GroupSlope.unsqueeze(1) * heldX;
            double oracle = torch.distributions.Normal(mean, torch.full_like(mean, 0.5)).log_prob(heldY).sum().item<double>();

            Console.WriteLine($"Predictive log-likelihood of the {newCount} held-out items (draws.Extend to Items = {TrainItems + HeldOutItems}, then PredictiveLogLikelihood):");
            Console.WriteLine("  source                                    total   per item");
            Console.WriteLine($"  {"trained Q, K = " + PosteriorK + ", N = " + Draws,-38} {trained,9:F3} {trained / newCount,9:F3}");
            Console.WriteLine($"  {"untrained Q, K = " + PosteriorK + ", N = " + Draws,-38} {untrained,9:F3} {untrained / newCount,9:F3}");
            Console.WriteLine($"  {"true latents (reference, not Bayesian)",-38} {oracle,9:F3} {oracle / newCount,9:F3}");
            Console.WriteLine();
        }

        private sealed record Summary(string Label, bool Shown, double Truth, double MeanA, double SdA, double MeanB, double SdB,
                                      double MeanC, double SdC, double Ess);

        /// <summary>Per plate element: truth, (a) weights x particles, (b) source-term moments, (c) importance-sample moments.</summary>
        private static IEnumerable<Summary> Summarise(string name, Tensor truth, Tensor weights, Tensor particles, Moments moments,
                                                      Moments drawMoments, Tensor ess)
        {
            // (a): the weights of a latent are those of its Q group, shaped like its particles [K, plates...].
            var meanA = (weights * particles).sum(0L);
            var sdA = ((weights * particles * particles).sum(0L) - meanA * meanA).clamp_min(0.0).sqrt();
            var columns = new[] { truth, meanA, sdA, moments.Mean, moments.Std, drawMoments.Mean, drawMoments.Std, ess }
                .Select(t => t.to_type(ScalarType.Float64).flatten().data<double>().ToArray()).ToArray();
            int n = columns[0].Length;
            for (int i = 0; i < n; i++)
            {
                string label = n == 1 ? name : $"{name}[{i}]";
                yield return new Summary(label, i < ShownElements, columns[0][i], columns[1][i], columns[2][i], columns[3][i], columns[4][i],
                                         columns[5][i], columns[6][i], columns[7][i]);
            }
        }
    }
}
