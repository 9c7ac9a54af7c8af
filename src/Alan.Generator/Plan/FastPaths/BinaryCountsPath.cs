using System.Linq;

namespace Alan.Generator.Plan.FastPaths
{
    /// <summary>
    /// A binary data factor (Bernoulli) whose arguments all live on enclosing plates: its distribution is the same for
    /// every element of the plate, so the plate sum is n_1 log p(1) + n_0 log p(0) with the plate's counts of 1s and 0s
    /// (runtime: <c>BinaryData.PlateLogProb</c>; occupancy's Seen: K^2 x sites, not x visits).
    /// </summary>
    internal sealed class BinaryCountsPath : SoleDataFactorPath
    {
        public override DataEvaluation Evaluation => DataEvaluation.BinaryCounts;

        public override string Describe(string factor) => "counts of " + factor;

        public override bool TryPlan(SoleDataFactor factor, out PlateStatisticsPlan? statistics)
        {
            statistics = null;
            return factor.Data.P.Binary && factor.Data.P.Args.All(a => ConstantOverPlate(a, factor));
        }
    }
}
