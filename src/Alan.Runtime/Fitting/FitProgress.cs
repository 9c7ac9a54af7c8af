namespace Alan
{
    /// <summary>What <c>Fit</c> is doing.</summary>
    public enum FitPhase
    {
        /// <summary>Training Q (and P's parameters).</summary>
        Training = 0,
        /// <summary>Drawing the pooled posterior sample.</summary>
        Drawing = 1,
        /// <summary>The fit is finished; <see cref="FitProgress.Message"/> says whether its draws can be trusted.</summary>
        Done = 2,
    }

    /// <summary>A progress report of <c>Fit</c>.</summary>
    /// <param name="Phase">What the fit is doing.</param>
    /// <param name="Iteration">Training iterations done so far.</param>
    /// <param name="Elbo">The mean ELBO over the last reporting window (NaN before the first).</param>
    /// <param name="LearningRate">The current learning rate.</param>
    /// <param name="Message">A sentence for people (for example the Pareto k-hat verdict at the end).</param>
    public sealed record FitProgress(FitPhase Phase, int Iteration, double Elbo, double LearningRate, string Message);
}
