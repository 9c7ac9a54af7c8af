using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Fitting
{
    /// <summary>
    /// Posterior draws pooled over S independent samples of a trained Q.
    /// </summary>
    /// <remarks>
    /// <para>Sample s's MP estimate P-hat_s is an unbiased estimate of p(data), and its exact posterior draws
    /// (<c>PosteriorDraws</c>) follow its particles' posterior weights; so drawing from sample s with probability
    /// W_s = P-hat_s / sum_t P-hat_t, then from its draws, is a self-normalised importance sample over all samples'
    /// particle combinations (and a global latent gets up to S K distinct values instead of K). The counts n_s are
    /// allocated by systematic resampling (one uniform offset: E[n_s] = N W_s exactly, with the least spread).</para>
    /// <para>Two passes keep one sample in memory at a time: the first records each sample's random-number state and
    /// its estimate; the second restores the state of each sample with n_s &gt; 0, redraws the identical particles and
    /// takes its n_s draws. The pooled draws are then shuffled, so any prefix is a fair subsample.</para>
    /// <para>log p(data) is estimated by log(mean_s P-hat_s); the Pareto k-hat is that of the S weights P-hat_s
    /// (<see cref="ImportanceDiagnostics.ParetoK"/>). The effective sample size of a plate element pools the samples'
    /// per-particle weights W_s w_sk (Kish): 1 / sum_s (W_s^2 / ESS_s), over the samples that contributed draws (a
    /// sample without draws has W_s below 1/N, so its term is negligible).</para>
    /// </remarks>
    internal sealed class DrawPool
    {
        private DrawPool(IReadOnlyDictionary<string, Tensor> draws, IReadOnlyDictionary<string, Tensor> ess, double logEvidence, double paretoK, double sampleEss)
        {
            SampleEffectiveSize = sampleEss;
            Draws = draws;
            EffectiveSampleSizes = ess;
            LogEvidence = logEvidence;
            ParetoK = paretoK;
        }

        public IReadOnlyDictionary<string, Tensor> Draws { get; }
        public IReadOnlyDictionary<string, Tensor> EffectiveSampleSizes { get; }
        public double LogEvidence { get; }
        public double ParetoK { get; }

        /// <summary>Kish's effective number of samples among the S weights P-hat_s: near 1 when one sample carries all the draws.</summary>
        public double SampleEffectiveSize { get; }

        /// <summary>The most posterior draws taken from one sample in one backward pass.</summary>
        internal const int DrawChunk = 100;

        public static DrawPool Draw(InferenceProblem problem, int k, int draws, int samples, ComputationStrategy? strategy, Generator? generator)
        {
            using var noGrad = no_grad();
            var states = new Tensor[samples];
            // A sharded problem draws its local latents from a generator of its rank's own: the second pass restores it too,
            // so that each sample's local particles, and with them its estimate, are those of the first pass.
            var local = problem.DrawSharding?.Local;
            var localStates = local is null ? null : new Tensor[samples];
            var logEstimates = new double[samples];
            try
            {
                for (int s = 0; s < samples; s++)
                {
                    states[s] = generator?.get_state() ?? torch.random.get_rng_state();
                    if (localStates is not null) localStates[s] = local!.get_state();
                    using var scope = NewDisposeScope();
                    using var sample = problem.SampleWith(k, false, generator);
                    logEstimates[s] = sample.ElboNoGrad(strategy).to_type(ScalarType.Float64).item<double>();
                }
                double top = logEstimates.Max();
                if (!double.IsFinite(top))
                    throw new InvalidOperationException(
                        $"Every one of {samples} samples estimates p(data) as {top}: the trained Q puts no particle where the model has density. Check the data against the model, or use float64.");
                double logSum = top + Math.Log(logEstimates.Sum(l => Math.Exp(l - top)));
                double logEvidence = logSum - Math.Log(samples);
                var weights = logEstimates.Select(l => Math.Exp(l - logSum)).ToArray();
                double paretoK = ImportanceDiagnostics.ParetoK(logEstimates);
                double sampleEss = ImportanceDiagnostics.EffectiveSampleSize(logEstimates);
                var counts = SystematicCounts(weights, draws, generator);

                var pooled = problem.Latents.ToDictionary(l => l, _ => new List<Tensor>());
                var essDenominator = new Dictionary<string, Tensor>();
                for (int s = 0; s < samples; s++)
                {
                    if (counts[s] == 0) continue;
                    if (generator is null) torch.random.set_rng_state(states[s]);
                    else generator.set_state(states[s]);
                    if (localStates is not null) local!.set_state(localStates[s]);
                    using var scope = NewDisposeScope();
                    using var sample = problem.SampleWith(k, false, generator);
                    // A sample may be owed thousands of draws when its weight dominates: its draws are independent given the
                    // sample, so they are taken in chunks, whose backward passes each hold one chunk's joints.
                    for (int taken = 0; taken < counts[s]; taken += DrawChunk)
                    {
                        using var chunkScope = NewDisposeScope();
                        var sampleDraws = sample.PosteriorDraws(Math.Min(DrawChunk, counts[s] - taken), strategy);
                        foreach (var latent in problem.Latents)
                            pooled[latent].Add(sampleDraws[latent].detach().clone().DetachFromDisposeScope());
                    }
                    var ess = sample.EffectiveSampleSizes(strategy);
                    foreach (var latent in problem.Latents)
                    {
                        var term = ess[latent].to_type(ScalarType.Float64).reciprocal() * (Scalars.Temporary(weights[s] * weights[s]));
                        essDenominator[latent] = essDenominator.TryGetValue(latent, out var sum)
                            ? Replace(sum, sum.add(term, Scalars.Of(1)))
                            : term.DetachFromDisposeScope();
                    }
                }
                var order = randperm(draws, generator: generator);
                var result = new Dictionary<string, Tensor>();
                var esses = new Dictionary<string, Tensor>();
                foreach (var latent in problem.Latents)
                {
                    using var all = cat(pooled[latent], 0L);
                    foreach (var part in pooled[latent]) part.Dispose();
                    result[latent] = all.index_select(0, order);
                    esses[latent] = essDenominator[latent].reciprocal();
                    essDenominator[latent].Dispose();
                }
                order.Dispose();
                return new DrawPool(result, esses, logEvidence, paretoK, sampleEss);
            }
            finally
            {
                foreach (var state in states) state?.Dispose();
                if (localStates is not null) foreach (var state in localStates) state?.Dispose();
            }
        }

        /// <summary>The running sum replaced, outside any dispose scope (the old one is freed).</summary>
        private static Tensor Replace(Tensor old, Tensor updated)
        {
            updated.DetachFromDisposeScope();
            old.Dispose();
            return updated;
        }

        /// <summary>
        /// Systematic resampling counts: N points u/N, (u+1)/N, ..., (u+N-1)/N with one u ~ U[0, 1) against the
        /// cumulative weights; n_s counts the points in [C_(s-1), C_s). E[n_s] = N W_s and sum n_s = N exactly.
        /// </summary>
        internal static int[] SystematicCounts(IReadOnlyList<double> weights, int n, Generator? generator)
        {
            double u = rand(new long[] { 1 }, ScalarType.Float64, generator: generator).item<double>();
            var counts = new int[weights.Count];
            double cumulative = 0;
            int point = 0;
            for (int s = 0; s < weights.Count && point < n; s++)
            {
                cumulative += weights[s];
                double upper = s == weights.Count - 1 ? double.PositiveInfinity : cumulative * n;
                while (point < n && point + u < upper)
                {
                    counts[s]++;
                    point++;
                }
            }
            return counts;
        }
    }
}
