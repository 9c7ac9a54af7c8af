using System.Linq;
using Alan.Samples.Common;

namespace Alan.Samples.Occupancy
{
    /// <summary>The occupancy problems (gradient Q for VI/RWS, QEM Q) wired to the shared trainer.</summary>
    public static class Targets
    {
        public static TrainingTarget<OccupancyProblem.ProblemSample> Gradient(OccupancyData data, ComputationStrategy? strategy = null)
        {
            var problem = new OccupancyProblem(data.TrainSizes, data.TrainObservations, data.TrainInputs);
            return new()
            {
                Problem = problem,
                PParameters = problem.PParameters,
                Sample = (k, reparam) => problem.Sample(k, reparam),
                ElboVi = s => s.ElboVi(strategy),
                ElboRws = s => s.ElboRws(strategy),
                ElboNoGrad = s => s.ElboNoGrad(strategy),
                PredictiveLogLikelihood = (s, n) =>
                    s.ImportanceSample(n, strategy).Extend(data.AllSizes, data.AllInputs).PredictiveLogLikelihood(data.AllObservations).Seen.item<float>(),
                Summary = (s, n) =>
                {
                    var draws = s.ImportanceSample(n, strategy);
                    var ess = s.Marginals(strategy).Ess();
                    return PosteriorSummary.Of("BirdMeanMean", draws.BirdMeanMean, ess.BirdMeanMean)
                        .Concat(PosteriorSummary.Of("AlphaMean", draws.AlphaMean, ess.AlphaMean))
                        .Concat(PosteriorSummary.Of("BetaMean", draws.BetaMean, ess.BetaMean))
                        .Concat(PosteriorSummary.Of("BirdMean", draws.BirdMean, ess.BirdMean))
                        .Concat(PosteriorSummary.Of("Alpha", draws.Alpha, ess.Alpha))
                        .Concat(PosteriorSummary.Of("Beta", draws.Beta, ess.Beta)).ToList();
                },
            };
        }

        public static TrainingTarget<OccupancyQemProblem.ProblemSample> Qem(OccupancyData data, ComputationStrategy? strategy = null)
        {
            var problem = new OccupancyQemProblem(data.QemTrainSizes, data.QemTrainObservations, data.QemTrainInputs);
            return new()
            {
                Problem = problem,
                PParameters = problem.PParameters,
                Sample = (k, reparam) => problem.Sample(k, reparam),
                ElboVi = s => s.ElboVi(strategy),
                ElboRws = s => s.ElboRws(strategy),
                ElboNoGrad = s => s.ElboNoGrad(strategy),
                UpdateQemParams = (s, lr) => s.UpdateQemParams(lr, strategy),
                PredictiveLogLikelihood = (s, n) =>
                    s.ImportanceSample(n, strategy).Extend(data.QemAllSizes, data.QemAllInputs).PredictiveLogLikelihood(data.QemAllObservations).Seen.item<float>(),
                Summary = (s, n) =>
                {
                    var draws = s.ImportanceSample(n, strategy);
                    var ess = s.Marginals(strategy).Ess();
                    return PosteriorSummary.Of("BirdMeanMean", draws.BirdMeanMean, ess.BirdMeanMean)
                        .Concat(PosteriorSummary.Of("AlphaMean", draws.AlphaMean, ess.AlphaMean))
                        .Concat(PosteriorSummary.Of("BetaMean", draws.BetaMean, ess.BetaMean))
                        .Concat(PosteriorSummary.Of("BirdMean", draws.BirdMean, ess.BirdMean))
                        .Concat(PosteriorSummary.Of("Alpha", draws.Alpha, ess.Alpha))
                        .Concat(PosteriorSummary.Of("Beta", draws.Beta, ess.Beta)).ToList();
                },
            };
        }
    }
}
