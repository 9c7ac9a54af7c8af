using System;
using System.Collections.Generic;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Alan.Samples.Common
{
    /// <summary>
    /// What the trainer needs from one generated problem, as delegates (generated problems share no interface:
    /// each has its own sample type). A sample fills it in with one-line lambdas, e.g.
    /// <c>Sample = (k, reparam) =&gt; problem.Sample(k, reparam), ElboVi = s =&gt; s.ElboVi()</c>.
    /// </summary>
    /// <typeparam name="TSample">The generated <c>ProblemSample</c> type.</typeparam>
    public sealed class TrainingTarget<TSample> where TSample : IDisposable
    {
        /// <summary>The problem (a module: its parameters are P's and Q's).</summary>
        public required nn.Module Problem { get; init; }

        /// <summary>P's trainable parameters (ascended by RWS and QEM; empty when P has none).</summary>
        public required Func<IEnumerable<Parameter>> PParameters { get; init; }

        /// <summary>Draws K particles per Q-group; the flag asks for reparameterised samples.</summary>
        public required Func<int, bool, TSample> Sample { get; init; }

        public required Func<TSample, Tensor> ElboVi { get; init; }
        public required Func<TSample, Tensor> ElboRws { get; init; }
        public required Func<TSample, Tensor> ElboNoGrad { get; init; }

        /// <summary>The QEM update of Q's <c>[QemParam]</c>s with the given learning rate, returning the sample's ELBO (unused by VI and RWS).</summary>
        public Func<TSample, double, double>? UpdateQemParams { get; init; }

        /// <summary>
        /// The held-out predictive log-likelihood from a sample: <c>ImportanceSample(N)</c>, <c>Extend</c> to the
        /// train+test sizes with the train+test inputs, <c>PredictiveLogLikelihood</c> on the train+test observations.
        /// </summary>
        public required Func<TSample, int, double> PredictiveLogLikelihood { get; init; }

        /// <summary>The posterior summary of the model's interpretable latents from a sample and N importance samples.</summary>
        public Func<TSample, int, IReadOnlyList<PosteriorSummaryRow>>? Summary { get; init; }
    }
}
