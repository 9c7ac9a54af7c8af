using System;
using Alan.Samples.Common;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Samples.CustomDistribution
{
    /// <summary>
    /// Synthetic germination data drawn from the model P with a fixed seed: 8 lots of 30 seeds; the first 24 seeds of
    /// each lot train, the last 6 are held out. "All" is train then test along Seeds. The lots' true germination
    /// probabilities (the draws of Theta) are kept, to compare with the posterior.
    /// </summary>
    public sealed class GerminationData
    {
        /// <summary>The latents the sample summarises.</summary>
        public static readonly string[] SummaryLatents = { "LogA", "LogB", "Theta" };

        public const int Lots = 8;
        public const int TrainSeeds = 24;
        public const int AllSeeds = 30;

        /// <summary>Draws the data set (float32, the default dtype) from P with torch seed <paramref name="seed"/>.</summary>
        public GerminationData(long seed)
        {
            using var scope = torch.NewDisposeScope();
            torch.manual_seed(seed);
            var prior = GerminationProblem.SamplePrior(new GerminationProblem.PlateSizes(Lots, AllSeeds));
            TrueA = Math.Exp(prior.LogA.to_type(ScalarType.Float64).item<double>());
            TrueB = Math.Exp(prior.LogB.to_type(ScalarType.Float64).item<double>());
            TrueTheta = prior.Theta.to_type(ScalarType.Float64).data<double>().ToArray();
            All = prior.Germinated.detach().clone().MoveToOuterDisposeScope();
            Train = All.narrow(1, 0, TrainSeeds).contiguous().MoveToOuterDisposeScope();
        }

        /// <summary>Germinated (1) or not (0), [Lots, AllSeeds].</summary>
        public Tensor All { get; }

        /// <summary>The training seeds, [Lots, TrainSeeds].</summary>
        public Tensor Train { get; }

        /// <summary>The exponents a and b drawn from the prior.</summary>
        public double TrueA { get; }
        public double TrueB { get; }

        /// <summary>Each lot's germination probability drawn from Kumaraswamy(a, b).</summary>
        public double[] TrueTheta { get; }

        public GerminationProblem.PlateSizes TrainSizes => new(Lots, TrainSeeds);
        public GerminationProblem.PlateSizes AllSizes => new(Lots, AllSeeds);
        public GerminationProblem.Observations TrainObservations => new(Train);
        public GerminationProblem.Observations AllObservations => new(All);

        /// <summary>The training target (VI or RWS; QEM has no update for a user-defined distribution): the training split, checked on all data.</summary>
        public TrainingTarget Target() => TrainingTarget.For<GerminationProblem>(new(TrainSizes, TrainObservations), new(AllSizes, AllObservations), SummaryLatents);
    }
}
