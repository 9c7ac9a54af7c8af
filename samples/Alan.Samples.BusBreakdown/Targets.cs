using System.Linq;
using Alan.Samples.Common;

namespace Alan.Samples.BusBreakdown
{
    /// <summary>The bus_breakdown problems (gradient Q for VI/RWS, QEM Q) wired to the shared trainer.</summary>
    public static class Targets
    {
        public static TrainingTarget<BusProblem.ProblemSample> Gradient(BusData data)
        {
            var problem = new BusProblem(data.TrainSizes, data.TrainObservations, data.TrainInputs);
            return new()
            {
                Problem = problem,
                PParameters = problem.PParameters,
                Sample = (k, reparam) => problem.Sample(k, reparam),
                ElboVi = s => s.ElboVi(),
                ElboRws = s => s.ElboRws(),
                ElboNoGrad = s => s.ElboNoGrad(),
                PredictiveLogLikelihood = (s, n) =>
                    s.ImportanceSample(n).Extend(data.AllSizes, data.AllInputs).PredictiveLogLikelihood(data.AllObservations).Delay.item<float>(),
                Summary = (s, n) =>
                {
                    var draws = s.ImportanceSample(n);
                    var ess = s.Marginals().Ess();
                    return PosteriorSummary.Of("MuBeta", draws.MuBeta, ess.MuBeta)
                        .Concat(PosteriorSummary.Of("SigmaBeta", draws.SigmaBeta, ess.SigmaBeta))
                        .Concat(PosteriorSummary.Of("Beta", draws.Beta, ess.Beta))
                        .Concat(PosteriorSummary.Of("Alpha", draws.Alpha, ess.Alpha))
                        .Concat(PosteriorSummary.Of("Psi", draws.Psi, ess.Psi)).ToList();
                },
            };
        }

        public static TrainingTarget<BusQemProblem.ProblemSample> Qem(BusData data)
        {
            var problem = new BusQemProblem(data.QemTrainSizes, data.QemTrainObservations, data.QemTrainInputs);
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
                    s.ImportanceSample(n).Extend(data.QemAllSizes, data.QemAllInputs).PredictiveLogLikelihood(data.QemAllObservations).Delay.item<float>(),
                Summary = (s, n) =>
                {
                    var draws = s.ImportanceSample(n);
                    var ess = s.Marginals().Ess();
                    return PosteriorSummary.Of("MuBeta", draws.MuBeta, ess.MuBeta)
                        .Concat(PosteriorSummary.Of("SigmaBeta", draws.SigmaBeta, ess.SigmaBeta))
                        .Concat(PosteriorSummary.Of("Beta", draws.Beta, ess.Beta))
                        .Concat(PosteriorSummary.Of("Alpha", draws.Alpha, ess.Alpha))
                        .Concat(PosteriorSummary.Of("Psi", draws.Psi, ess.Psi)).ToList();
                },
            };
        }
    }
}
