using System;
using System.Collections.Generic;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// What every generated problem offers to code that drives any model (a generic training loop, a benchmark):
    /// drawing samples and listing parameters. The generated problem's own <c>Sample(K, reparam, sampler)</c>
    /// returns its typed sample, with typed marginals, moments and importance samples.
    /// </summary>
    public interface IInferenceProblem : IDisposable
    {
        /// <summary>The names of the model's latents, in declaration order (the keys of a sample's posterior views).</summary>
        IReadOnlyList<string> Latents { get; }

        /// <summary>Draws <paramref name="K"/> particles per Q group (permutation sampler); <paramref name="reparam"/> as for the typed Sample.</summary>
        IInferenceSample Sample(int K, bool reparam = true);

        /// <summary>The trainable parameters of P (the model).</summary>
        IEnumerable<Parameter> PParameters();

        /// <summary>The trainable parameters of Q (the proposal).</summary>
        IEnumerable<Parameter> QParameters();

        /// <summary>Every trainable parameter (the problem is a <c>torch.nn.Module</c>).</summary>
        IEnumerable<Parameter> parameters(bool recurse = true);

        /// <summary>The generated problem's <c>Fit</c>, with its draws untyped (<see cref="IFitResult.DrawsByLatent"/>).</summary>
        IFitResult Fit(FitOptions? options = null);
    }

    /// <summary>An <see cref="IInferenceProblem"/> whose samples have the type <typeparamref name="TSample"/> (its generated sample type).</summary>
    public interface IInferenceProblem<out TSample> : IInferenceProblem where TSample : IInferenceSample
    {
        /// <inheritdoc cref="IInferenceProblem.Sample"/>
        new TSample Sample(int K, bool reparam = true);
    }

    /// <summary>
    /// What every generated sample offers to code that drives any model: the three estimates of log p(data), the QEM
    /// update, and untyped posterior views keyed by latent name. Dispose it to release its particles and estimates.
    /// </summary>
    public interface IInferenceSample : IDisposable
    {
        /// <summary>Particles per group.</summary>
        int K { get; }

        /// <summary>True when the particles were drawn with reparameterisation (ElboVi allowed).</summary>
        bool Reparameterised { get; }

        /// <summary>The MP estimate of log p(data) with pathwise gradients (requires reparameterised particles); owned by the sample.</summary>
        Tensor ElboVi(ComputationStrategy? strategy = null);

        /// <summary>The same estimate on detached particles (gradients only through log-densities: RWS); owned by the sample.</summary>
        Tensor ElboRws(ComputationStrategy? strategy = null);

        /// <summary>The same estimate without a graph; owned by the sample.</summary>
        Tensor ElboNoGrad(ComputationStrategy? strategy = null);

        /// <summary>
        /// The QEM update of every <c>[QemParam]</c>; returns the sample's ELBO before the update, in float64. Throws
        /// <see cref="InvalidOperationException"/> when the problem has no QEM parameters.
        /// </summary>
        double UpdateQemParams(double lr);

        /// <inheritdoc cref="UpdateQemParams(double)"/>
        double UpdateQemParams(double lr, ComputationStrategy? strategy);

        /// <summary>N exact draws from the MP posterior, by latent name, each [N, plates..., event...] (the typed <c>ImportanceSample(N)</c>).</summary>
        IReadOnlyDictionary<string, Tensor> PosteriorDraws(int N, ComputationStrategy? strategy = null);

        /// <summary>The effective sample size of each latent's particles per plate element, by latent name, each [plates...] (the typed <c>Marginals().Ess()</c>).</summary>
        IReadOnlyDictionary<string, Tensor> EffectiveSampleSizes(ComputationStrategy? strategy = null);

        /// <summary>
        /// The posterior summary (mean, sd, 5% and 95% quantiles from <paramref name="draws"/> importance samples, the
        /// particles' ESS) of every element of the named <paramref name="latents"/>, in the order given; all latents,
        /// in declaration order, when null.
        /// </summary>
        IReadOnlyList<PosteriorSummaryRow> Summary(int draws, IEnumerable<string>? latents = null, ComputationStrategy? strategy = null);

        /// <summary>
        /// The held-out predictive check of the typed API, for code that drives any model:
        /// <c>ImportanceSample(draws).Extend(sizes, inputs).PredictiveLogLikelihood(observations)</c>, by data variable name,
        /// each a scalar (the log predictive density of the positions beyond the training plates). <paramref name="sizes"/>,
        /// <paramref name="observations"/> and <paramref name="inputs"/> are the problem's own <c>PlateSizes</c>,
        /// <c>Observations</c> and <c>Inputs</c> records (<paramref name="inputs"/> null when the model has none); any
        /// other type is an <see cref="ArgumentException"/> naming the one expected.
        /// </summary>
        IReadOnlyDictionary<string, Tensor> PredictiveLogLikelihood(int draws, object sizes, object observations, object? inputs = null,
            ComputationStrategy? strategy = null);
    }
}
