using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Alan.Samples.Common
{
    /// <summary>What a computation strategy is chosen for (see <see cref="TrainingTarget.Strategy"/>).</summary>
    public enum Evaluation
    {
        /// <summary>ElboVi, ElboRws, ElboNoGrad: the training pass, in the problem's dtype.</summary>
        Estimate,

        /// <summary>UpdateQemParams and the ESS of the summary: the source-term pass, in float64 (twice the bytes of float32).</summary>
        Float64,

        /// <summary>Importance sampling (the predictive log-likelihood and the summary's draws).</summary>
        Draws,
    }

    /// <summary>
    /// One generated problem for the shared <see cref="Trainer"/>: the problem itself (it trains through
    /// <see cref="IInferenceProblem"/>) and what is specific to the model: the held-out predictive log-likelihood
    /// (through the typed <c>Extend</c>), the latents the summary shows, and how large estimates are split.
    /// </summary>
    /// <summary>A problem's records for one split of the data: its own PlateSizes, Observations and Inputs (null when the model has none).</summary>
    public sealed record Records(object Sizes, object Observations, object? Inputs = null);

    public sealed class TrainingTarget
    {
        public TrainingTarget(IInferenceProblem problem, Func<IInferenceSample, int, double> predictiveLogLikelihood)
        {
            Problem = problem ?? throw new ArgumentNullException(nameof(problem));
            PredictiveLogLikelihood = predictiveLogLikelihood ?? throw new ArgumentNullException(nameof(predictiveLogLikelihood));
        }

        /// <summary>
        /// The target for <paramref name="problem"/>, whose held-out check is the problem's own: importance samples extended
        /// to the train+test records <paramref name="heldOut"/> and their log predictive density, summed over the data
        /// variables (<see cref="IInferenceSample.PredictiveLogLikelihood"/>). <paramref name="summaryLatents"/> and
        /// <paramref name="strategy"/> as <see cref="SummaryLatents"/> and <see cref="Strategy"/> (the draws take the
        /// strategy of <see cref="Evaluation.Draws"/>).
        /// </summary>
        public static TrainingTarget For(
            IInferenceProblem problem,
            Records heldOut,
            IReadOnlyList<string>? summaryLatents = null,
            Func<int, Evaluation, ComputationStrategy?>? strategy = null)
        {
            if (heldOut is null) throw new ArgumentNullException(nameof(heldOut));
            double Predictive(IInferenceSample s, int n)
            {
                double total = 0;
                foreach (var ll in s.PredictiveLogLikelihood(n, heldOut.Sizes, heldOut.Observations, heldOut.Inputs, strategy?.Invoke(s.K, Evaluation.Draws)).Values)
                    total += Trainer.ToDouble(ll);
                return total;
            }
            return new TrainingTarget(problem, Predictive) { SummaryLatents = summaryLatents, Strategy = strategy };
        }

        /// <summary>
        /// The target for a new <typeparamref name="TProblem"/> built from the training records <paramref name="train"/>
        /// (<see cref="IInferenceProblemFactory{TSelf}.Create"/>), checked on <paramref name="all"/> as <see cref="For(IInferenceProblem, Records, IReadOnlyList{string}?, Func{int, Evaluation, ComputationStrategy?}?)"/>.
        /// </summary>
        public static TrainingTarget For<TProblem>(
            Records train,
            Records all,
            IReadOnlyList<string>? summaryLatents = null,
            Func<int, Evaluation, ComputationStrategy?>? strategy = null)
            where TProblem : IInferenceProblem, IInferenceProblemFactory<TProblem>
        {
            if (train is null) throw new ArgumentNullException(nameof(train));
            return For(TProblem.Create(train.Sizes, train.Observations, train.Inputs), all, summaryLatents, strategy);
        }

        /// <summary>The problem (a module: its parameters are P's and Q's). Disposing it releases its tensors.</summary>
        public IInferenceProblem Problem { get; }

        /// <summary>The held-out predictive log-likelihood from a sample and N importance samples.</summary>
        public Func<IInferenceSample, int, double> PredictiveLogLikelihood { get; }

        /// <summary>The model's interpretable latents, summarised after training (null: every latent).</summary>
        public IReadOnlyList<string>? SummaryLatents { get; init; }

        /// <summary>The computation strategy at K particles for an evaluation (null, or a null result: no split).</summary>
        public Func<int, Evaluation, ComputationStrategy?>? Strategy { get; init; }

        /// <summary>The strategy <see cref="Strategy"/> gives at <paramref name="k"/> for <paramref name="evaluation"/>.</summary>
        public ComputationStrategy? StrategyFor(int k, Evaluation evaluation) => Strategy?.Invoke(k, evaluation);
    }
}
