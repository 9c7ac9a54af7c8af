using System.Linq;
using Alan.Samples.Common;

namespace Alan.Samples.MovieLens
{
    /// <summary>The MovieLens problems (gradient Q for VI/RWS, QEM Q) wired to the shared trainer.</summary>
    public static class Targets
    {
        public static TrainingTarget<MovieLensProblem.ProblemSample> Gradient(MovieLensData data)
        {
            var problem = new MovieLensProblem(data.TrainSizes, data.TrainObservations, data.TrainInputs);
            return new()
            {
                Problem = problem,
                PParameters = problem.PParameters,
                Sample = (k, reparam) => problem.Sample(k, reparam),
                ElboVi = s => s.ElboVi(),
                ElboRws = s => s.ElboRws(),
                ElboNoGrad = s => s.ElboNoGrad(),
                PredictiveLogLikelihood = (s, n) =>
                    s.ImportanceSample(n).Extend(data.AllSizes, data.AllInputs).PredictiveLogLikelihood(data.AllObservations).Rating.item<float>(),
                Summary = (s, n) =>
                {
                    var draws = s.ImportanceSample(n);
                    var ess = s.Marginals().Ess();
                    return PosteriorSummary.Of("MuZ", draws.MuZ, ess.MuZ)
                        .Concat(PosteriorSummary.Of("PsiZ", draws.PsiZ, ess.PsiZ)).ToList();
                },
            };
        }

        public static TrainingTarget<MovieLensQemProblem.ProblemSample> Qem(MovieLensData data)
        {
            var problem = new MovieLensQemProblem(data.QemTrainSizes, data.QemTrainObservations, data.QemTrainInputs);
            return new()
            {
                Problem = problem,
                PParameters = problem.PParameters,
                Sample = (k, reparam) => problem.Sample(k, reparam),
                ElboVi = s => s.ElboVi(),
                ElboRws = s => s.ElboRws(),
                ElboNoGrad = s => s.ElboNoGrad(),
                UpdateQemParams = (s, lr) => s.UpdateQemParams(lr),
                PredictiveLogLikelihood = (s, n) =>
                    s.ImportanceSample(n).Extend(data.QemAllSizes, data.QemAllInputs).PredictiveLogLikelihood(data.QemAllObservations).Rating.item<float>(),
                Summary = (s, n) =>
                {
                    var draws = s.ImportanceSample(n);
                    var ess = s.Marginals().Ess();
                    return PosteriorSummary.Of("MuZ", draws.MuZ, ess.MuZ)
                        .Concat(PosteriorSummary.Of("PsiZ", draws.PsiZ, ess.PsiZ)).ToList();
                },
            };
        }
    }
}
