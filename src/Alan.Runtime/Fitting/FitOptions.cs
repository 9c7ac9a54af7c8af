using System;

namespace Alan
{
    /// <summary>
    /// Options of <c>problem.Fit</c>. Every property left null takes the library's default for the model and the
    /// method; the defaults are listed on each property.
    /// </summary>
    public sealed record class FitOptions
    {
        /// <summary>
        /// Particles per Q group during training and for the final draws. Default: 10 for the draws, and for training 1 for VI
        /// (the single-sample ELBO fits Q closest), 10 for RWS, 30 for QEM.
        /// </summary>
        public int? K { get; init; }

        /// <summary>The most training iterations (default 20,000); training stops earlier when it has converged.</summary>
        public int? MaxIterations { get; init; }

        /// <summary>The number of pooled posterior draws in the result (default 4,000).</summary>
        public int Draws { get; init; } = 4000;

        /// <summary>
        /// The seed of a generator of the fit's own, from which every random number of the fit is drawn (training samples,
        /// pooled draws, their shuffle, and the draws' <c>Extend</c>): the same seed gives the same result whatever other
        /// threads do, and torch's default generator is left untouched. Null: torch's default generator as it stands.
        /// </summary>
        public int? Seed { get; init; }

        /// <summary>The training method (default <see cref="FitMethod.Auto"/>).</summary>
        public FitMethod Method { get; init; } = FitMethod.Auto;

        /// <summary>The first learning rate (Adam's for VI and RWS, default 0.02; QEM's moving-average rate, default 0.1);
        /// it is lowered twice, by 3x each time, as training converges.</summary>
        public double? LearningRate { get; init; }

        /// <summary>Receives progress reports (every <see cref="FitProgress"/> phase change and periodically during training).</summary>
        public IProgress<FitProgress>? Progress { get; init; }

        /// <summary>
        /// How the estimator is evaluated (for example <c>ComputationStrategy.Split</c> to bound memory, or
        /// <c>ComputationStrategy.Subsample</c> to train on minibatches: then training runs a fixed schedule of
        /// <see cref="MaxIterations"/> and the posterior draws use the whole plate), or <c>ComputationStrategy.Sharded</c>
        /// to fit one rank's shard of the data (every rank calls Fit with the same options; see docs/distributed.md); null: at once.
        /// </summary>
        public ComputationStrategy? Strategy { get; init; }
    }
}
