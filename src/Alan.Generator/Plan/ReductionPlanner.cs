using System.Collections.Generic;
using System.Linq;
using Alan.Generator.Binding;
using Alan.Generator.Model;

namespace Alan.Generator.Plan
{
    /// <summary>
    /// The plate recursion (DESIGN 4.3) as straight-line steps: for every plate, children first, its group
    /// factors f_g, data factors d_x and child results are contracted over the plate's own particle dims,
    /// then summed over the plate's elements and handed to the parent; the root's results are totalled.
    /// </summary>
    internal static class ReductionPlanner
    {
        public static EquatableArray<PlateReductionPlan> Plan(
            ProgramScope pScope,
            EquatableArray<GroupPlan> groups,
            IReadOnlyList<LatentPlan> latents,
            IReadOnlyList<DataPlan> data,
            IReadOnlyDictionary<string, int> groupDim,
            IReadOnlyDictionary<string, int> plateDim,
            EquatableArray<ChainPlan> chains = default)
        {
            var result = new List<PlateReductionPlan>();
            int counter = 0;
            string Fresh() => "t" + counter++;

            List<EliminationPlanner.Factor> Visit(ProgramScope.PlateEntry plate)
            {
                var childFactors = new List<EliminationPlanner.Factor>();
                foreach (var child in pScope.Plates.Where(p => p.Parent == plate)) childFactors.AddRange(Visit(child));

                var factors = new List<EliminationPlanner.Factor>();
                var plateGroups = groups.Where(g => g.Plate == plate.Name).ToList();
                var plateChains = chains.Where(c => c.Plate == plate.Name).ToList();
                foreach (var g in plateGroups)
                {
                    var dims = new HashSet<int> { g.Dim };
                    foreach (var l in latents.Where(l => l.Group == g.Name))
                    {
                        foreach (var pg in l.PParentGroups) dims.Add(groupDim[pg]);
                        // A chain's P factor reads its previous element on the chain's "previous" dim.
                        if (l.P.Args.Any(a => a.Source == ArgSource.Previous)) dims.Add(plateChains.First(c => c.Latent == l.Name).PrevDim);
                    }
                    factors.Add(new EliminationPlanner.Factor("f_" + g.Name, dims));
                }
                var plateData = data.Where(d => d.Plate == plate.Name).ToList();
                foreach (var d in plateData)
                    factors.Add(new EliminationPlanner.Factor("d_" + d.Name, d.PParentGroups.Select(pg => groupDim[pg])));
                factors.AddRange(childFactors);

                // A timeseries plate keeps its chains' dims per element: the chain product (DESIGN 4.10) eliminates them.
                var chainDims = new HashSet<int>(plateChains.Select(c => c.StateDim));
                // A group of one binary latent can be summed per value (StepKind.SumBinary): its factor by its own dim.
                var binary = plateGroups
                    .Where(g => !chainDims.Contains(g.Dim) && g.Members.Count == 1 && latents.First(l => l.Name == g.Members[0]).P.Binary)
                    .ToDictionary(g => "f_" + g.Name, g => g.Dim);
                var (steps, remaining, largest) = EliminationPlanner.Plan(factors, plateGroups.Select(g => g.Dim).Where(d => !chainDims.Contains(d)), Fresh, binary);
                var outputs = new List<EliminationPlanner.Factor>();
                if (plateChains.Count > 0)
                {
                    // M_t: the remaining factors summed per element, over the chains' state and previous dims and ancestors' dims.
                    var joint = new SortedSet<int>(remaining.SelectMany(f => f.Dims));
                    if (largest is null || joint.Count > largest.ParticleDims)
                        largest = new LargestTensor("the chain factor of " + string.Join(" and ", plateChains.Select(c => c.Latent)), joint.Count,
                            Dims: joint.ToEquatableArray());
                    var left = joint.Where(d => !chainDims.Contains(d) && !plateChains.Any(c => c.PrevDim == d)).Concat(plateChains.Select(c => c.InitDim));
                    var o = new EliminationPlanner.Factor(Fresh(), left);
                    steps.Add(new EliminationStep(StepKind.Chain, o.Name, remaining.Select(f => f.Name).ToEquatableArray(),
                        new[] { plateDim[plate.Name] }.ToEquatableArray(), o.Dims.ToEquatableArray()));
                    outputs.Add(o);
                }
                else if (plate.Name.Length == 0)
                {
                    var total = "logPHat";
                    steps.Add(new EliminationStep(StepKind.Total, total, remaining.Select(f => f.Name).ToEquatableArray(), EquatableArray<int>.Empty));
                    outputs.Add(new EliminationPlanner.Factor(total, new int[0]));
                }
                else
                {
                    foreach (var f in remaining)
                    {
                        var o = new EliminationPlanner.Factor(Fresh(), f.Dims);
                        steps.Add(new EliminationStep(StepKind.PlateSum, o.Name, new[] { f.Name }.ToEquatableArray(), new[] { plateDim[plate.Name] }.ToEquatableArray(), f.Dims.ToEquatableArray()));
                        outputs.Add(o);
                    }
                }
                result.Add(new PlateReductionPlan(
                    plate.Name,
                    plateGroups.Select(g => g.Name).ToEquatableArray(),
                    plateData.Select(d => d.Name).ToEquatableArray(),
                    childFactors.Select(f => f.Name).ToEquatableArray(),
                    steps.ToEquatableArray(),
                    outputs.Select(o => o.Name).ToEquatableArray(),
                    largest));
                return outputs;
            }

            Visit(pScope.Plates[0]);
            return NameForContents(result, groupDim).ToEquatableArray();
        }

        /// <summary>
        /// Renames the temporaries t0, t1, ... for what they hold: "sum_BetaU" after summing out group BetaU's
        /// particles (several groups joined by "_"), "prod_N" for a product that sums out nothing, and "r_Zips" for a
        /// plate's result R_p summed over its elements (DESIGN 4.3). Names stay unique within the problem: they are
        /// also the step names the recording ring keys on.
        /// </summary>
        private static List<PlateReductionPlan> NameForContents(List<PlateReductionPlan> reductions, IReadOnlyDictionary<string, int> groupDim)
        {
            var groupOf = groupDim.ToDictionary(kv => kv.Value, kv => kv.Key);
            var rename = new Dictionary<string, string>();
            var taken = new HashSet<string>();
            int products = 0;
            string Unique(string name)
            {
                var candidate = name;
                for (int n = 2; !taken.Add(candidate); n++) candidate = name + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return candidate;
            }
            foreach (var r in reductions)
                foreach (var step in r.Steps)
                {
                    string? name = step.Kind switch
                    {
                        StepKind.LogSumExp or StepKind.SumProduct or StepKind.SumBinary when step.Dims.Count > 0 =>
                            "sum_" + string.Join("_", step.Dims.Select(d => groupOf.TryGetValue(d, out var g) ? g : "dim" + d.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                        StepKind.SumProduct => "prod_" + (products++).ToString(System.Globalization.CultureInfo.InvariantCulture),
                        StepKind.PlateSum or StepKind.Chain => "r_" + r.Plate,
                        _ => null,
                    };
                    if (name != null) rename[step.Output] = Unique(name);
                }
            string Map(string n) => rename.TryGetValue(n, out var m) ? m : n;
            return reductions.Select(r => r with
            {
                ChildFactors = r.ChildFactors.Select(Map).ToEquatableArray(),
                Outputs = r.Outputs.Select(Map).ToEquatableArray(),
                Steps = r.Steps.Select(s => s with { Output = Map(s.Output), Inputs = s.Inputs.Select(Map).ToEquatableArray() }).ToEquatableArray(),
                Largest = r.Largest is null ? null : r.Largest with { Description = RenameIn(r.Largest.Description, rename) },
            }).ToList();
        }

        private static string RenameIn(string description, Dictionary<string, string> rename)
        {
            var words = description.Split(' ');
            for (int i = 0; i < words.Length; i++) if (rename.TryGetValue(words[i], out var m)) words[i] = m;
            return string.Join(" ", words);
        }
    }
}
