using System.Linq;
using Alan.Samples.Common;

namespace Alan.Samples.Radon
{
    /// <summary>The radon problems (gradient Q for VI/RWS, QEM Q) wired to the shared trainer.</summary>
    public static class Targets
    {
        public static TrainingTarget<RadonProblem.ProblemSample> Gradient(RadonData data)
        {
            var problem = new RadonProblem(data.TrainSizes, data.TrainObservations, data.TrainInputs);
            return new()
            {
                Problem = problem,
                PParameters = problem.PParameters,
                Sample = (k, reparam) => problem.Sample(k, reparam),
                ElboVi = s => s.ElboVi(),
                ElboRws = s => s.ElboRws(),
                ElboNoGrad = s => s.ElboNoGrad(),
                PredictiveLogLikelihood = (s, n) =>
                    s.ImportanceSample(n).Extend(data.AllSizes, data.AllInputs).PredictiveLogLikelihood(data.AllObservations).LogRadon.item<float>(),
                Summary = (s, n) =>
                {
                    var draws = s.ImportanceSample(n);
                    var ess = s.Marginals().Ess();
                    return PosteriorSummary.Of("GlobalMean", draws.GlobalMean, ess.GlobalMean)
                        .Concat(PosteriorSummary.Of("GlobalLogScale", draws.GlobalLogScale, ess.GlobalLogScale))
                        .Concat(PosteriorSummary.Of("StateMean", draws.StateMean, ess.StateMean))
                        .Concat(PosteriorSummary.Of("BetaBasement", draws.BetaBasement, ess.BetaBasement))
                        .Concat(PosteriorSummary.Of("BetaU", draws.BetaU, ess.BetaU)).ToList();
                },
            };
        }

        public static TrainingTarget<RadonQemProblem.ProblemSample> Qem(RadonData data)
        {
            var problem = new RadonQemProblem(data.QemTrainSizes, data.QemTrainObservations, data.QemTrainInputs);
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
                    s.ImportanceSample(n).Extend(data.QemAllSizes, data.QemAllInputs).PredictiveLogLikelihood(data.QemAllObservations).LogRadon.item<float>(),
                Summary = (s, n) =>
                {
                    var draws = s.ImportanceSample(n);
                    var ess = s.Marginals().Ess();
                    return PosteriorSummary.Of("GlobalMean", draws.GlobalMean, ess.GlobalMean)
                        .Concat(PosteriorSummary.Of("GlobalLogScale", draws.GlobalLogScale, ess.GlobalLogScale))
                        .Concat(PosteriorSummary.Of("StateMean", draws.StateMean, ess.StateMean))
                        .Concat(PosteriorSummary.Of("BetaBasement", draws.BetaBasement, ess.BetaBasement))
                        .Concat(PosteriorSummary.Of("BetaU", draws.BetaU, ess.BetaU)).ToList();
                },
            };
        }
    }
}
