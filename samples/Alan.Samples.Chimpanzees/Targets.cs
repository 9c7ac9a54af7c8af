using Alan.Samples.Common;

namespace Alan.Samples.Chimpanzees
{
    /// <summary>The chimpanzees problems (gradient Q for VI/RWS, QEM Q) for the shared trainer.</summary>
    public static class Targets
    {
        /// <summary>The latents the summary shows.</summary>
        private static readonly string[] Summarised = { "Alpha", "BetaP", "BetaPC", "SigmaActor", "SigmaBlock", "AlphaActor" };

        public static TrainingTarget Gradient(ChimpsData data) => TrainingTarget.For(
            new ChimpsProblem(data.TrainSizes, data.TrainObservations, data.TrainInputs),
            new HeldOut(data.AllSizes, data.AllObservations, data.AllInputs),
            Summarised);

        public static TrainingTarget Qem(ChimpsData data) => TrainingTarget.For(
            new ChimpsQemProblem(data.QemTrainSizes, data.QemTrainObservations, data.QemTrainInputs),
            new HeldOut(data.QemAllSizes, data.QemAllObservations, data.QemAllInputs),
            Summarised);
    }
}
