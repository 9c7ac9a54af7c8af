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
            new HeldOut(data.AllSizes, data.AllObservations, data.AllInputs),
            Summarised);

        public static TrainingTarget Qem(RadonData data) => TrainingTarget.For(
            new RadonQemProblem(data.QemTrainSizes, data.QemTrainObservations, data.QemTrainInputs),
            new HeldOut(data.QemAllSizes, data.QemAllObservations, data.QemAllInputs),
            Summarised);
    }
}
