using Alan;
using Alan.Samples.Common;
using TorchSharp;

namespace Alan.Samples.Covid
{
    /// <summary>
    /// The covid problems (gradient Q for VI/RWS, QEM Q) for the shared trainer. The log infections' chain factor
    /// spans four particle dims (the globals', the region's, the previous and the current day's): K^4 x regions x days,
    /// 100M elements at K = 10. The estimates (training, and QEM's and the summary's float64 pass) never build it: the
    /// log infections' transition is a Normal and Q's term does not read the previous day, so the chain product is taken
    /// from the transition's parts (K^3 x regions x days), all regions at once. Importance sampling keeps the chain factor
    /// for its backward draws, so it is evaluated a few regions at a time (<see cref="RegionsPerChunk"/>,
    /// <c>ComputationStrategy.Split</c>: the same draws, the memory of one chunk); at K = 3 everything at once. The predictive log-likelihood forecasts the held-out days:
    /// <c>Extend</c> along Days from importance samples, each draw's chain continued from its last state.
    /// </summary>
    public static class Targets
    {
        /// <summary>Elements of the chain factor per chunk (K^4 x regions x days): 14 MB of float32.</summary>
        private const long ChainElementsPerChunk = 3_500_000;

        /// <summary>
        /// Regions per chunk at <paramref name="k"/> particles: as many as keep the chain factor within
        /// <see cref="ChainElementsPerChunk"/> (K = 10: 3 regions; K = 3: all 92, no split).
        /// </summary>
        public static int RegionsPerChunk(int k, CovidData data) =>
            (int)System.Math.Clamp(ChainElementsPerChunk / ((long)k * k * k * k * data.Days), 1, data.Regions);

        /// <summary>
        /// The split for <paramref name="evaluation"/> of a sample of <paramref name="k"/> particles (null: all regions at
        /// once): the caller's fixed chunk for every evaluation if given; else none for the estimates, whose chain product
        /// builds no chain factor, and <see cref="RegionsPerChunk"/> for importance sampling.
        /// </summary>
        private static ComputationStrategy? SplitFor(int k, CovidData data, int? regionsPerChunk, Evaluation evaluation)
        {
            if (regionsPerChunk is null && evaluation != Evaluation.Draws) return null;
            int chunk = regionsPerChunk ?? RegionsPerChunk(k, data);
            return chunk >= data.Regions ? null : ComputationStrategy.Split("Regions", chunk);
        }

        /// <summary>The latents the summary shows: the NPI effects.</summary>
        private static readonly string[] Summarised = { "CMAlpha" };

        /// <summary>
        /// The training target for <paramref name="method"/>: QEM trains the QEM guide's problem, VI and RWS the gradient
        /// one; each on the training days, its predictive check forecasting the held-out days.
        /// </summary>
        public static TrainingTarget For(CovidData data, Method method, int? regionsPerChunk = null) => method == Method.Qem
            ? Build<CovidQemProblem>(data, regionsPerChunk,
                new(new CovidQemProblem.PlateSizes(data.Regions, data.Days), new CovidQemProblem.Observations(data.Obs),
                    new CovidQemProblem.Inputs(data.NPIs, data.Wearing, data.Mobility)),
                new(new CovidQemProblem.PlateSizes(data.Regions, data.AllDays), new CovidQemProblem.Observations(data.ObsAll),
                    new CovidQemProblem.Inputs(data.NPIsAll, data.WearingAll, data.MobilityAll)))
            : Build<CovidProblem>(data, regionsPerChunk,
                new(new CovidProblem.PlateSizes(data.Regions, data.Days), new CovidProblem.Observations(data.Obs),
                    new CovidProblem.Inputs(data.NPIs, data.Wearing, data.Mobility)),
                new(new CovidProblem.PlateSizes(data.Regions, data.AllDays), new CovidProblem.Observations(data.ObsAll),
                    new CovidProblem.Inputs(data.NPIsAll, data.WearingAll, data.MobilityAll)));

        private static TrainingTarget Build<TProblem>(CovidData data, int? regionsPerChunk, Records train, Records all)
            where TProblem : IInferenceProblem, IInferenceProblemFactory<TProblem>
        {
            var problem = TProblem.Create(train.Sizes, train.Observations, train.Inputs);
            StartAtTheObservedCounts((torch.nn.Module)(object)problem, data);
            return TrainingTarget.For(problem, all, Summarised,
                (k, evaluation) => SplitFor(k, data, regionsPerChunk, evaluation));
        }

        /// <summary>Q's log infections start at the observed log counts (the proposal's location per region and day).</summary>
        private static void StartAtTheObservedCounts(TorchSharp.torch.nn.Module problem, CovidData data)
        {
            using (torch.no_grad()) problem.state_dict()["LogInfected.loc"].copy_((data.Obs + 1).log());
        }
    }
}
