using Alan.Samples.Common;

namespace Alan.Samples.Occupancy
{
    /// <summary>
    /// The occupancy problems (gradient Q for VI/RWS, QEM Q) for the shared trainer. Training and marginals sum Z
    /// per value (K^2 per site); importance sampling records Z's per-particle joint (K^3 per site), so it can run in
    /// chunks: the drawing strategy is for the draws only.
    /// </summary>
    public static class Targets
    {
        /// <summary>The latents the summary shows.</summary>
        private static readonly string[] Summarised = { "BirdMeanMean", "AlphaMean", "BetaMean", "BirdMean", "Alpha", "Beta" };

        public static TrainingTarget Gradient(OccupancyData data, ComputationStrategy? drawing = null) => TrainingTarget.For(
            new OccupancyProblem(data.TrainSizes, data.TrainObservations, data.TrainInputs),
            new HeldOut(data.AllSizes, data.AllObservations, data.AllInputs),
            Summarised,
            (_, evaluation) => evaluation == Evaluation.Draws ? drawing : null);

        public static TrainingTarget Qem(OccupancyData data, ComputationStrategy? drawing = null) => TrainingTarget.For(
            new OccupancyQemProblem(data.QemTrainSizes, data.QemTrainObservations, data.QemTrainInputs),
            new HeldOut(data.QemAllSizes, data.QemAllObservations, data.QemAllInputs),
            Summarised,
            (_, evaluation) => evaluation == Evaluation.Draws ? drawing : null);
    }
}
