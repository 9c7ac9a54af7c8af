using System.Collections.Generic;
using System.Linq;

namespace Alan.Generator.Plan.FastPaths
{
    /// <summary>
    /// A timeseries plate of one latent chain (not self-starting) alone in its group, whose P transition is a Normal: its
    /// group factor is the largest tensor of M_t (the transition reads the previous element and every group its loc and
    /// scale read; covid: K^4 per region and day), and the plate's data factors span no dim it does not. Those data
    /// factors and -(lq + log K) are summed first at their own size and enter the pass that builds the transition's
    /// log-density (runtime: <c>NormalFactor.LogProbPlus</c>): one full-size pass instead of four, and M_t is that factor.
    /// </summary>
    internal static class NormalChainFactorPath
    {
        /// <summary>
        /// The group whose factor takes the data factors in, and those data factors (named as their factors, d_x), or
        /// null when the path does not apply.
        /// </summary>
        /// <param name="remaining">The plate's factors left for the chain product after its elimination steps.</param>
        public static (GroupPlan Group, List<string> Data)? Fold(
            IReadOnlyList<GroupPlan> plateGroups, IReadOnlyList<LatentPlan> latents, IReadOnlyList<ChainPlan> plateChains,
            IReadOnlyList<DataPlan> plateData, IReadOnlyList<EliminationPlanner.Factor> remaining)
        {
            if (plateChains.Count != 1 || plateChains[0].SelfStarting) return null;
            var chain = plateChains[0];
            var group = plateGroups.FirstOrDefault(g => g.Members.Count == 1 && g.Members[0] == chain.Latent);
            if (group is null) return null;
            var latent = latents.First(l => l.Name == chain.Latent);
            if (latent.P.DistributionName != "Normal" || latent.P.Binary) return null;
            var factor = remaining.FirstOrDefault(f => f.Name == "f_" + group.Name);
            if (factor is null) return null;
            var data = new List<string>();
            foreach (var d in plateData)
            {
                var dataFactor = remaining.FirstOrDefault(f => f.Name == "d_" + d.Name);
                // A data factor already consumed by an elimination step, or one spanning a dim the transition does not, stays apart.
                if (dataFactor is null || !dataFactor.Dims.All(factor.Dims.Contains)) continue;
                data.Add(dataFactor.Name);
            }
            return (group, data);
        }
    }
}
