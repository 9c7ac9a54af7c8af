using Alan.Samples.Common;

namespace Alan.Samples.BusBreakdown
{
    /// <summary>The bus_breakdown problems (gradient Q for VI/RWS, QEM Q) for the shared trainer.</summary>
    public static class Targets
    {
        /// <summary>The latents the summary shows.</summary>
        private static readonly string[] Summarised = { "MuBeta", "SigmaBeta", "Beta", "Alpha", "Psi" };

        public static TrainingTarget Gradient(BusData data) => TrainingTarget.For(
            new BusProblem(data.TrainSizes, data.TrainObservations, data.TrainInputs),
            new HeldOut(data.AllSizes, data.AllObservations, data.AllInputs),
            Summarised);

        public static TrainingTarget Qem(BusData data) => TrainingTarget.For(
            new BusQemProblem(data.QemTrainSizes, data.QemTrainObservations, data.QemTrainInputs),
            new HeldOut(data.QemAllSizes, data.QemAllObservations, data.QemAllInputs),
            Summarised);
    }
}
