using System.Linq;
using Alan.Samples.Common;

namespace Alan.Samples.Occupancy
{
    /// <summary>
    /// The occupancy problems (gradient Q for VI/RWS, QEM Q) wired to the shared trainer. Training and marginals sum Z
    /// per value (K^2 per site); importance sampling records Z's per-particle joint (K^3 per site), so it can run in
    /// chunks: the drawing strategy is for the draws only.
    /// </summary>
    public static class Targets
    {
        public static TrainingTarget<OccupancyProblem.ProblemSample> Gradient(OccupancyData data, ComputationStrategy? drawing = null)
        {
            var problem = new OccupancyProblem(data.TrainSizes, data.TrainObservations, data.TrainInputs);
            return new()
            {
                Problem = problem,
                PParameters = problem.PParameters,
                Sample = (k, reparam) => problem.Sample(k, reparam),
                ElboVi = s => s.ElboVi(),
                ElboRws = s => s.ElboRws(),
                ElboNoGrad = s => s.ElboNoGrad(),
                PredictiveLogLikelihood = (s, n) =>
                    s.ImportanceSample(n, drawing).Extend(data.AllSizes, data.AllInputs).PredictiveLogLikelihood(data.AllObservations).Seen.item<float>(),
                Summary = (s, n) =>
                {
                    var draws = s.ImportanceSample(n, drawing);
                    var ess = s.Marginals().Ess();
                    return PosteriorSummary.Of("BirdMeanMean", draws.BirdMeanMean, ess.BirdMeanMean)
                        .Concat(PosteriorSummary.Of("AlphaMean", draws.AlphaMean, ess.AlphaMean))
                        .Concat(PosteriorSummary.Of("BetaMean", draws.BetaMean, ess.BetaMean))
                        .Concat(PosteriorSummary.Of("BirdMean", draws.BirdMean, ess.BirdMean))
                        .Concat(PosteriorSummary.Of("Alpha", draws.Alpha, ess.Alpha))
                        .Concat(PosteriorSummary.Of("Beta", draws.Beta, ess.Beta)).ToList();
                },
            };
        }

        public static TrainingTarget<OccupancyQemProblem.ProblemSample> Qem(OccupancyData data, ComputationStrategy? drawing = null)
        {
            var problem = new OccupancyQemProblem(data.QemTrainSizes, data.QemTrainObservations, data.QemTrainInputs);
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
                    s.ImportanceSample(n, drawing).Extend(data.QemAllSizes, data.QemAllInputs).PredictiveLogLikelihood(data.QemAllObservations).Seen.item<float>(),
                Summary = (s, n) =>
                {
                    var draws = s.ImportanceSample(n, drawing);
                    var ess = s.Marginals().Ess();
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
