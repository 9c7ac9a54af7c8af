using System.Collections.Generic;
using System.Linq;

namespace Alan.Generator.Plan.FastPaths
{
    /// <summary>
    /// A group of one binary latent (support {0, 1}, scalar events) whose dim is not a chain's state: its factor can be
    /// summed per value (<see cref="StepKind.SumBinary"/>, runtime: <c>BinaryLatent</c> through the ring's
    /// <c>SumBinary</c>), so its own dim is never broadcast against its parents' (occupancy's Z: K^3 -> K^2). The
    /// elimination planner turns a step that eliminates exactly that dim into a per-value sum.
    /// </summary>
    internal static class BinarySumPath
    {
        public static bool Applies(GroupPlan group, IReadOnlyList<LatentPlan> latents, ISet<int> chainStates) =>
            !chainStates.Contains(group.Dim) && group.Members.Count == 1 && latents.First(l => l.Name == group.Members[0]).P.Binary;
    }

    /// <summary>
    /// Q's mixture over the parents' particles (DESIGN 4.2) of a group of one binary latent whose Q is binary: evaluated
    /// at 0 and at 1 and read at the latent's particles (runtime: <c>BinaryLatent.MixtureLogProb</c>), never at each
    /// particle for each parent's. Not for a chained Q (its previous element is one of the parents).
    /// </summary>
    internal static class BinaryMixturePath
    {
        public static bool Applies(GroupPlan group, IReadOnlyList<LatentPlan> latents, bool hasQParents, bool chainedQ) =>
            group.Members.Count == 1 && latents.First(l => l.Name == group.Members[0]).Q.Binary && hasQParents && !chainedQ;
    }
}
