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
            (s, n) => s.ImportanceSample(n).Extend(data.AllSizes, data.AllInputs).PredictiveLogLikelihood(data.AllObservations).PulledLeft,
            Summarised);

        public static TrainingTarget Qem(ChimpsData data) => TrainingTarget.For(
            new ChimpsQemProblem(data.QemTrainSizes, data.QemTrainObservations, data.QemTrainInputs),
            (s, n) => s.ImportanceSample(n).Extend(data.QemAllSizes, data.QemAllInputs).PredictiveLogLikelihood(data.QemAllObservations).PulledLeft,
            Summarised);
    }
}
