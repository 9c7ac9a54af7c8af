using Alan.Samples.Common;

namespace Alan.Samples.Radon
{
    /// <summary>The radon problems (gradient Q for VI/RWS, QEM Q) for the shared trainer.</summary>
    public static class Targets
    {
        /// <summary>The latents the summary shows.</summary>
        private static readonly string[] Summarised = { "GlobalMean", "GlobalLogScale", "StateMean", "BetaBasement", "BetaU" };

        public static TrainingTarget Gradient(RadonData data) => TrainingTarget.For(
            new RadonProblem(data.TrainSizes, data.TrainObservations, data.TrainInputs),
            (s, n) => s.ImportanceSample(n).Extend(data.AllSizes, data.AllInputs).PredictiveLogLikelihood(data.AllObservations).LogRadon,
            Summarised);

        public static TrainingTarget Qem(RadonData data) => TrainingTarget.For(
            new RadonQemProblem(data.QemTrainSizes, data.QemTrainObservations, data.QemTrainInputs),
            (s, n) => s.ImportanceSample(n).Extend(data.QemAllSizes, data.QemAllInputs).PredictiveLogLikelihood(data.QemAllObservations).LogRadon,
            Summarised);
    }
}
