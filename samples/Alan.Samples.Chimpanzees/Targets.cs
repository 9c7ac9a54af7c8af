using System.Linq;
using Alan.Samples.Common;

namespace Alan.Samples.Chimpanzees
{
    /// <summary>The chimpanzees problems (gradient Q for VI/RWS, QEM Q) wired to the shared trainer.</summary>
    public static class Targets
    {
        public static TrainingTarget<ChimpsProblem.ProblemSample> Gradient(ChimpsData data)
        {
            var problem = new ChimpsProblem(data.TrainSizes, data.TrainObservations, data.TrainInputs);
            return new()
            {
                Problem = problem,
                PParameters = problem.PParameters,
                Sample = (k, reparam) => problem.Sample(k, reparam),
                ElboVi = s => s.ElboVi(),
                ElboRws = s => s.ElboRws(),
                ElboNoGrad = s => s.ElboNoGrad(),
                PredictiveLogLikelihood = (s, n) =>
                    s.ImportanceSample(n).Extend(data.AllSizes, data.AllInputs).PredictiveLogLikelihood(data.AllObservations).PulledLeft.item<float>(),
                Summary = (s, n) =>
                {
                    var draws = s.ImportanceSample(n);
                    var ess = s.Marginals().Ess();
                    return PosteriorSummary.Of("Alpha", draws.Alpha, ess.Alpha)
                        .Concat(PosteriorSummary.Of("BetaP", draws.BetaP, ess.BetaP))
                        .Concat(PosteriorSummary.Of("BetaPC", draws.BetaPC, ess.BetaPC))
                        .Concat(PosteriorSummary.Of("SigmaActor", draws.SigmaActor, ess.SigmaActor))
                        .Concat(PosteriorSummary.Of("SigmaBlock", draws.SigmaBlock, ess.SigmaBlock))
                        .Concat(PosteriorSummary.Of("AlphaActor", draws.AlphaActor, ess.AlphaActor)).ToList();
                },
            };
        }

        public static TrainingTarget<ChimpsQemProblem.ProblemSample> Qem(ChimpsData data)
        {
            var problem = new ChimpsQemProblem(data.QemTrainSizes, data.QemTrainObservations, data.QemTrainInputs);
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
                    s.ImportanceSample(n).Extend(data.QemAllSizes, data.QemAllInputs).PredictiveLogLikelihood(data.QemAllObservations).PulledLeft.item<float>(),
                Summary = (s, n) =>
                {
                    var draws = s.ImportanceSample(n);
                    var ess = s.Marginals().Ess();
                    return PosteriorSummary.Of("Alpha", draws.Alpha, ess.Alpha)
                        .Concat(PosteriorSummary.Of("BetaP", draws.BetaP, ess.BetaP))
                        .Concat(PosteriorSummary.Of("BetaPC", draws.BetaPC, ess.BetaPC))
                        .Concat(PosteriorSummary.Of("SigmaActor", draws.SigmaActor, ess.SigmaActor))
                        .Concat(PosteriorSummary.Of("SigmaBlock", draws.SigmaBlock, ess.SigmaBlock))
                        .Concat(PosteriorSummary.Of("AlphaActor", draws.AlphaActor, ess.AlphaActor)).ToList();
                },
            };
        }
    }
}
