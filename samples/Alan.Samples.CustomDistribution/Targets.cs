using Alan.Samples.Common;

namespace Alan.Samples.CustomDistribution
{
    /// <summary>The germination problem for the shared trainer (VI and RWS; QEM has no update for a user distribution).</summary>
    public static class Targets
    {
        /// <summary>The latents the summary shows: all of them.</summary>
        private static readonly string[] Summarised = { "LogA", "LogB", "Theta" };

        public static TrainingTarget Gradient(GerminationData data) => TrainingTarget.For(
            new GerminationProblem(data.TrainSizes, data.TrainObservations),
            new HeldOut(data.AllSizes, data.AllObservations),
            Summarised);
    }
}
