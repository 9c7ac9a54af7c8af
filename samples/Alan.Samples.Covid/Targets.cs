using Alan.Samples.Common;
using TorchSharp;

namespace Alan.Samples.Covid
{
    /// <summary>
    /// The covid problems (gradient Q for VI/RWS, QEM Q) wired to the shared trainer. Every estimate is evaluated
    /// <see cref="RegionsPerChunk"/> regions at a time (<c>ComputationStrategy.Split</c>: the same values and gradients,
    /// the memory of one chunk: about 3 GB at K = 10 instead of 7). The predictive log-likelihood forecasts the held-out
    /// days: <c>Extend</c> along Days from importance samples, each draw's chain continued from its last state.
    /// </summary>
    public static class Targets
    {
        /// <summary>Regions per chunk of the split evaluation (92 regions: four chunks).</summary>
        public const int RegionsPerChunk = 23;

        public static TrainingTarget<CovidProblem.ProblemSample> Gradient(CovidData data, int regionsPerChunk = RegionsPerChunk)
        {
            var split = ComputationStrategy.Split("Regions", regionsPerChunk);
            var problem = new CovidProblem(new CovidProblem.PlateSizes(data.Regions, data.Days),
                new CovidProblem.Observations(data.Obs), new CovidProblem.Inputs(data.NPIs, data.Wearing, data.Mobility));
            StartAtTheObservedCounts(problem, data);
            var allSizes = new CovidProblem.PlateSizes(data.Regions, data.AllDays);
            var allInputs = new CovidProblem.Inputs(data.NPIsAll, data.WearingAll, data.MobilityAll);
            return new()
            {
                Problem = problem,
                PParameters = problem.PParameters,
                Sample = (k, reparam) => problem.Sample(k, reparam),
                ElboVi = s => s.ElboVi(split),
                ElboRws = s => s.ElboRws(split),
                ElboNoGrad = s => s.ElboNoGrad(split),
                PredictiveLogLikelihood = (s, n) => s.ImportanceSample(n, split).Extend(allSizes, allInputs)
                    .PredictiveLogLikelihood(new CovidProblem.Observations(data.ObsAll)).Obs.item<float>(),
                Summary = (s, n) => PosteriorSummary.Of("CMAlpha", s.ImportanceSample(n, split).CMAlpha, s.Marginals(split).Ess().CMAlpha),
            };
        }

        public static TrainingTarget<CovidQemProblem.ProblemSample> Qem(CovidData data, int regionsPerChunk = RegionsPerChunk)
        {
            var split = ComputationStrategy.Split("Regions", regionsPerChunk);
            var problem = new CovidQemProblem(new CovidQemProblem.PlateSizes(data.Regions, data.Days),
                new CovidQemProblem.Observations(data.Obs), new CovidQemProblem.Inputs(data.NPIs, data.Wearing, data.Mobility));
            StartAtTheObservedCounts(problem, data);
            var allSizes = new CovidQemProblem.PlateSizes(data.Regions, data.AllDays);
            var allInputs = new CovidQemProblem.Inputs(data.NPIsAll, data.WearingAll, data.MobilityAll);
            return new()
            {
                Problem = problem,
                PParameters = problem.PParameters,
                Sample = (k, reparam) => problem.Sample(k, reparam),
                ElboVi = s => s.ElboVi(split),
                ElboRws = s => s.ElboRws(split),
                ElboNoGrad = s => s.ElboNoGrad(split),
                UpdateQemParams = (s, lr) => s.UpdateQemParams(lr, split),
                PredictiveLogLikelihood = (s, n) => s.ImportanceSample(n, split).Extend(allSizes, allInputs)
                    .PredictiveLogLikelihood(new CovidQemProblem.Observations(data.ObsAll)).Obs.item<float>(),
                Summary = (s, n) => PosteriorSummary.Of("CMAlpha", s.ImportanceSample(n, split).CMAlpha, s.Marginals(split).Ess().CMAlpha),
            };
        }

        /// <summary>Q's log infections start at the observed log counts (the proposal's location per region and day).</summary>
        private static void StartAtTheObservedCounts(TorchSharp.torch.nn.Module problem, CovidData data)
        {
            using (torch.no_grad()) problem.state_dict()["LogInfected.loc"].copy_((data.Obs + 1).log());
        }
    }
}
