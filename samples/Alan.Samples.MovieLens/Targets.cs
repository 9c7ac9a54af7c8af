using Alan.Samples.Common;

namespace Alan.Samples.MovieLens
{
    /// <summary>The MovieLens problems (gradient Q for VI/RWS, QEM Q) for the shared trainer.</summary>
    public static class Targets
    {
        /// <summary>The latents the summary shows.</summary>
        private static readonly string[] Summarised = { "MuZ", "PsiZ" };

        public static TrainingTarget Gradient(MovieLensData data) => TrainingTarget.For(
            new MovieLensProblem(data.TrainSizes, data.TrainObservations, data.TrainInputs),
            new HeldOut(data.AllSizes, data.AllObservations, data.AllInputs),
            Summarised);

        public static TrainingTarget Qem(MovieLensData data) => TrainingTarget.For(
            new MovieLensQemProblem(data.QemTrainSizes, data.QemTrainObservations, data.QemTrainInputs),
            new HeldOut(data.QemAllSizes, data.QemAllObservations, data.QemAllInputs),
            Summarised);
    }
}
