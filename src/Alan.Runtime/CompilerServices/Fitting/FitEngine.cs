using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Globalization;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Fitting
{
    /// <summary>
    /// <c>problem.Fit</c> for every generated problem: validates the options, trains Q (and P's parameters) until the
    /// ELBO stops improving at the lowest of three learning rates or the iterations run out, then pools posterior draws
    /// over independent samples (see <see cref="DrawPool"/>). The problem's base class supplies what the generated part
    /// knows about the model (<see cref="FitModel"/>) and how to type the pooled draws.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class FitEngine
    {
        /// <summary>Default particles per group for VI and RWS.</summary>
        public const int DefaultK = 10;

        /// <summary>
        /// Default particles per group while VI trains (the draws use <see cref="DefaultK"/>): the single-sample ELBO, whose
        /// gradient fits a full-covariance Q to a Gaussian posterior closely, where the K-particle bound leaves it over-dispersed.
        /// </summary>
        public const int DefaultViTrainingK = 1;

        /// <summary>Default particles per group for QEM (its moment estimates need more).</summary>
        public const int DefaultQemK = 30;

        /// <summary>Default iteration cap.</summary>
        public const int DefaultMaxIterations = 20_000;

        /// <summary>Default Adam learning rate (VI, RWS).</summary>
        public const double DefaultAdamRate = 0.02;

        /// <summary>Default QEM moving-average rate.</summary>
        public const double DefaultQemRate = 0.1;

        /// <summary>The learning rate is divided by this at each convergence, twice, before training stops.</summary>
        public const double RateDivisor = 3;

        /// <summary>Learning-rate phases: the first rate and two lower ones.</summary>
        public const int RatePhases = 3;

        /// <summary>Independent samples whose draws are pooled (and whose estimates give the Pareto k-hat).</summary>
        public const int PooledSamples = 100;

        /// <summary>Trains <paramref name="problem"/> and returns pooled draws typed by <paramref name="typeDraws"/>.</summary>
        public static FitResult<TDraws> Run<TDraws>(InferenceProblem problem, FitOptions? options, FitModel model,
            Func<PooledDraws, TDraws> typeDraws)
        {
            if (problem is null) throw new ArgumentNullException(nameof(problem));
            if (model is null) throw new ArgumentNullException(nameof(model));
            if (typeDraws is null) throw new ArgumentNullException(nameof(typeDraws));
            problem.__ThrowIfProblemDisposed();
            options ??= new FitOptions();
            // [QemParam]s are buffers, not parameters: a QEM guide has something to train all the same
            var plan = FitPlan.Resolve(options, model, problem.parameters().Any() || model.QemCapable);
            // Sharded: every estimate is the whole data set's on every rank, and so is every decision taken from it.
            if (options.Strategy is { Shards: true } sharded) ShardedFit.Check(problem, sharded, plan, options);

            // A seeded fit draws every random number from a generator of its own: its result does not depend on what
            // other threads draw, and the process-wide default generator is left alone. The draws keep the generator
            // (their Extend continues it), so it is not disposed here; it is freed with them.
            var generator = options.Seed is int seed ? new Generator(0, problem.DrawDevice).manual_seed(seed) : null;
            var training = Train(problem, plan, options, model, generator);
            Report(options, FitPhase.Drawing, training.Iterations, training.LastElbo, training.FinalRate,
                $"drawing {options.Draws} posterior draws pooled over {PooledSamples} samples of K = {plan.K}");
            // A subsample trains; the pooled draws need every element.
            var pool = DrawPool.Draw(problem, plan.K, options.Draws, PooledSamples, options.Strategy?.ForWholePlate(), generator);
            // A sharded fit's summary gathers the local latents' rows over the ranks: now, while every rank is here.
            var summary = options.Strategy is { Shards: true }
                ? ShardedSummary.Rows(problem, problem.Latents, pool.Draws, pool.EffectiveSampleSizes, options.Strategy)
                : null;
            var result = new FitResult<TDraws>(model.ProblemName, typeDraws(new PooledDraws(pool.Draws, generator,
                DrawsOrigin.OfFit(plan.Method, plan.K, PooledSamples, pool.ParetoK, pool.LogEvidence))), problem.Latents, pool.Draws,
                pool.EffectiveSampleSizes, plan.Method, plan.K, training.Iterations, training.Converged, training.Trace, pool.LogEvidence, pool.ParetoK,
                PooledSamples, pool.SampleEffectiveSize, summary);
            Report(options, FitPhase.Done, training.Iterations, training.LastElbo, training.FinalRate, result.Diagnosis);
            return result;
        }

        private sealed record TrainingOutcome(int Iterations, bool Converged, IReadOnlyList<double> Trace, double LastElbo, double FinalRate);

        /// <summary>
        /// The training loop: each phase runs at one learning rate until <see cref="ConvergenceMonitor"/> says the ELBO
        /// has stopped improving; the next phase divides the rate by <see cref="RateDivisor"/>.
        /// </summary>
        /// <summary>Exact posterior draws per moment update of a derived guide's root block.</summary>
        public const int MomentDraws = 200;

        /// <summary>
        /// While gradient steps train the rest of a derived guide, its root block is moment-updated at every this many
        /// iterations (an update costs a sample of K = 30 and its posterior draws, several gradient steps' worth).
        /// </summary>
        public const int MomentEvery = 4;

        private static TrainingOutcome Train(InferenceProblem problem, FitPlan plan, FitOptions options, FitModel model, Generator? generator)
        {
            var trace = new List<double>();
            if (!plan.HasParameters)
                return new TrainingOutcome(0, true, trace, double.NaN, plan.LearningRate);
            double rate = plan.LearningRate;
            int phase = 0;
            bool converged = false;
            // A derived Default guide's root block is set from posterior moments (QEM's update for a multivariate normal),
            // which no scaling of the latents slows down; gradient steps train the rest of Q.
            using var moments = model.MomentBlock is { Count: > 0 } block && plan.Method != FitMethod.Qem ? new RootMomentUpdate(problem, block) : null;
            double momentRate = DefaultQemRate;
            var step = TrainingStep.Create(problem, plan.Method, plan.TrainingK, rate, options.Strategy, generator, moments?.Parameters);
            // The single-particle ELBO is noisier: its window is longer, so that slow steady progress is told from noise.
            int window = plan.TrainingK == 1 && step.HasParameters ? Math.Clamp(plan.MaxIterations / 100, 20, 200) : Math.Clamp(plan.MaxIterations / 40, 20, 100);
            var monitor = new ConvergenceMonitor(window);
            bool subsampled = options.Strategy is { Subsamples: true };
            while (trace.Count < plan.MaxIterations)
            {
                double elbo = step.HasParameters ? step.Run() : double.NaN;
                if (moments is not null && (!step.HasParameters || trace.Count % MomentEvery == 0))
                {
                    double blockElbo = moments.Update(problem, DefaultQemK, MomentDraws, momentRate, options.Strategy?.ForWholePlate(), generator);
                    if (!step.HasParameters) elbo = blockElbo;
                }
                if (!double.IsFinite(elbo))
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture,
                        $"{plan.ProblemName}.Fit: the ELBO is {elbo} at iteration {trace.Count + 1} ({plan.Method}, K = {plan.TrainingK}, learning rate {rate:G3}). " +
                        $"Try a smaller FitOptions.LearningRate, float64 (dtype: ScalarType.Float64), or a guide whose initial scale is closer to the posterior's."));
                trace.Add(elbo);
                if (trace.Count % window == 0)
                    Report(options, FitPhase.Training, trace.Count, monitor.RecentMean, rate,
                        string.Create(CultureInfo.InvariantCulture, $"iteration {trace.Count}: ELBO {monitor.RecentMean:F3} (mean of the last {window}), learning rate {rate:G3}"));
                // A minibatch ELBO's noise grows with N / B and hides the progress the monitor looks for: a subsampled
                // fit runs a fixed schedule instead, an equal share of MaxIterations at each learning rate.
                if (subsampled ? trace.Count % Math.Max(1, plan.MaxIterations / RatePhases) != 0 : !monitor.Add(elbo)) continue;
                if (++phase == RatePhases)
                {
                    converged = !subsampled;
                    break;
                }
                rate /= RateDivisor;
                momentRate /= RateDivisor;
                step.SetLearningRate(rate);
                monitor.Reset();
            }
            return new TrainingOutcome(trace.Count, converged, trace, trace.Count == 0 ? double.NaN : trace[^1], rate);
        }

        private static void Report(FitOptions options, FitPhase phase, int iteration, double elbo, double rate, string message) =>
            options.Progress?.Report(new FitProgress(phase, iteration, elbo, rate, message));
    }
}
