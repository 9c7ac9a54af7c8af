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
        /// <summary>The plates' bodies, the dims constants their steps name and the steps the recording ring keeps.</summary>
        internal sealed record Result(
            EquatableArray<PlateReductionPlan> Reductions,
            EquatableArray<DimsConstant> Constants,
            EquatableArray<RecordedStep> Recorded,
            DimsConstant? TimeseriesPlates);

        public static Result Plan(
            ProgramScope pScope,
            EquatableArray<GroupPlan> groups,
            IReadOnlyList<LatentPlan> latents,
            IReadOnlyList<DataPlan> data,
            IReadOnlyDictionary<string, int> groupDim,
            IReadOnlyDictionary<string, int> plateDim,
            EquatableArray<ChainPlan> chains = default,
            IReadOnlyList<InputPlan>? inputs = null,
            IReadOnlyList<ParamPlan>? parameters = null)
        {
            inputs ??= new InputPlan[0];
            parameters ??= new ParamPlan[0];
            var result = new List<PlateReductionPlan>();
            int counter = 0;
            string Fresh() => "t" + counter++;

            List<EliminationPlanner.Factor> Visit(ProgramScope.PlateEntry plate)
            {
                var body = new List<PlateStep>();
                var childFactors = new List<EliminationPlanner.Factor>();
                foreach (var child in pScope.Plates.Where(p => p.Parent == plate))
                {
                    var results = Visit(child);
                    body.Add(new ChildPlateStep(child.Name, plateDim[child.Name], results.Select(o => o.Name).ToEquatableArray()));
                    childFactors.AddRange(results);
                }

                var factors = new List<EliminationPlanner.Factor>();
                var plateGroups = groups.Where(g => g.Plate == plate.Name).ToList();
                var plateChains = chains.Where(c => c.Plate == plate.Name).ToList();
                foreach (var c in plateChains) body.Add(new PreviousStep(c));
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
                var reads = plate.Name.Length == 0 ? new List<PlateRead>() : Reads(plateGroups, plateData, latents, chains);

                // A data variable alone in its plate may be summed over the plate by a fast path: that is the plate's only step.
                // (An observed chain's values back along the plate differ per element: its factor is always elementwise.)
                if (plate.Name.Length > 0 && plateGroups.Count == 0 && childFactors.Count == 0 && plateData.Count == 1
                    && plateData[0].P.Args.All(a => a.Source != ArgSource.Previous)
                    && SoleDataFactor(pScope, plateData[0], inputs, parameters) is var (path, statistics))
                {
                    var d = plateData[0];
                    var factor = factors[0];
                    var (_, _, elementwise) = EliminationPlanner.Plan(factors, new int[0], Fresh);
                    var output = new EliminationPlanner.Factor(Fresh(), factor.Dims);
                    body.Add(new DataFactorStep(d, output.Name, path.Evaluation, statistics, plateDim[plate.Name], output.Dims.ToEquatableArray()));
                    // Its largest tensor spans the enclosing plates only: the plate is summed before the particle dims are broadcast.
                    var summed = elementwise! with { Description = path.Describe(factor.Name), OverParent = true };
                    result.Add(new PlateReductionPlan(plate.Name, EquatableArray<string>.Empty, new[] { d.Name }.ToEquatableArray(),
                        EquatableArray<string>.Empty, body.ToEquatableArray(), new[] { output.Name }.ToEquatableArray(), summed, reads.ToEquatableArray()));
                    return new List<EliminationPlanner.Factor> { output };
                }

                // A timeseries plate keeps its chains' dims per element: the chain product (DESIGN 4.10) eliminates them.
                var chainDims = new HashSet<int>(plateChains.Select(c => c.StateDim));
                var binary = plateGroups.Where(g => FastPaths.BinarySumPath.Applies(g, latents, chainDims)).ToDictionary(g => "f_" + g.Name, g => g.Dim);
                var (steps, remaining, largest) = EliminationPlanner.Plan(factors, plateGroups.Select(g => g.Dim).Where(d => !chainDims.Contains(d)), Fresh, binary);

                // A chain's Normal transition takes the plate's data factors and Q's term into the pass that builds it; those
                // data factors are evaluated first.
                var fold = plateChains.Count > 0 ? FastPaths.NormalChainFactorPath.Fold(plateGroups, latents, plateChains, plateData, remaining) : null;
                if (fold is { } folded)
                    foreach (var d in plateData.Where(d => folded.Data.Contains("d_" + d.Name)))
                        body.Add(new DataFactorStep(d, "d_" + d.Name, DataEvaluation.Elementwise));
                // M_t is the transition's factor alone, the rest of M_t does not read the previous element (Q is not chained, the data
                // factors do not read it) and each chain starts from its init's particle (the factor spans the init's dim): the chain
                // step takes M_t in its parts and the ring can filter the chain without building it.
                var intoChain = fold is { } only
                    && remaining.Select(f => f.Name).Where(n => !only.Data.Contains(n)).SequenceEqual(new[] { "f_" + only.Group.Name })
                    && !plateChains[0].QChained
                    && remaining.Where(f => only.Data.Contains(f.Name)).All(f => !f.Dims.Contains(plateChains[0].PrevDim))
                    && remaining.First(f => f.Name == "f_" + only.Group.Name).Dims.Contains(plateChains[0].InitDim);
                foreach (var g in plateGroups)
                {
                    // Q's parents are a mixture over their particles (DESIGN 4.2); a chained Q's previous element is one of them.
                    var chainedQ = chains.Where(c => c.QChained && g.Members.Contains(c.Latent)).Select(c => c.PrevDim).ToList();
                    var qParentDims = g.QParents.Select(h => groups.First(x => x.Name == h).Dim).Concat(chainedQ).ToEquatableArray();
                    var proposal = qParentDims.Count == 0 ? ProposalForm.Direct
                        : FastPaths.BinaryMixturePath.Applies(g, latents, hasQParents: true, chainedQ: chainedQ.Count > 0) ? ProposalForm.BinaryMixture
                        : ProposalForm.MixtureOverParents;
                    var perValue = steps.Any(st => st.Kind == StepKind.SumBinary && st.Inputs[0] == "f_" + g.Name);
                    var transition = fold is { } f && f.Group == g
                        ? new NormalTransitionPlan(f.Data.ToEquatableArray(), ChainStates(plate.Name, plateChains), ChainPrevious(plate.Name, plateChains), plateDim[plate.Name], intoChain)
                        : null;
                    body.Add(new GroupFactorStep(g, g.Members.Select(m => latents.First(l => l.Name == m)).ToEquatableArray(), "f_" + g.Name, proposal,
                        qParentDims.Count > 0 ? new DimsConstant("__qparents_" + g.Name, qParentDims) : null, perValue, transition));
                }
                foreach (var d in plateData.Where(d => fold is not { } f || !f.Data.Contains("d_" + d.Name)))
                    body.Add(new DataFactorStep(d, "d_" + d.Name, DataEvaluation.Elementwise));
                foreach (var st in steps)
                {
                    var summedGroup = st.Kind == StepKind.SumBinary ? plateGroups.First(g => "f_" + g.Name == st.Inputs[0]) : null;
                    body.Add(summedGroup is null ? st : st with { Binary = new BinaryLatentRef(summedGroup.Name, summedGroup.Members[0]) });
                }

                var outputs = new List<EliminationPlanner.Factor>();
                if (plateChains.Count > 0)
                {
                    // M_t: the remaining factors summed per element, over the chains' state and previous dims and ancestors' dims.
                    var joint = new SortedSet<int>(remaining.SelectMany(f => f.Dims));
                    var before = largest;
                    var held = (before?.Materialised ?? EquatableArray<int>.Empty).Append(joint.Count).ToEquatableArray();
                    largest = before is null || joint.Count > before.ParticleDims
                        ? new LargestTensor("the chain factor of " + string.Join(" and ", plateChains.Select(c => c.Latent)), joint.Count,
                            Dims: joint.ToEquatableArray(), Materialised: held)
                        : before with { Materialised = held };
                    if (intoChain)
                    {
                        // Filtered, neither the transition's factor nor M_t is built: the chain holds its alphas and the steps'
                        // log-sum-exps, over M_t's dims but the previous element's.
                        var alphas = joint.Where(d => d != plateChains[0].PrevDim).ToList();
                        var transitionFactor = "factor f_" + fold!.Value.Group.Name;
                        var others = (before?.Materialised ?? EquatableArray<int>.Empty).ToList();
                        others.Remove(remaining.First(f => f.Name == "f_" + fold.Value.Group.Name).Dims.Count);
                        var filteredHeld = others.Append(alphas.Count).Append(alphas.Count).ToEquatableArray();
                        var filtered = before is null || before.Description == transitionFactor || alphas.Count >= before.ParticleDims
                            ? new LargestTensor("the chain filter of " + plateChains[0].Latent, filteredHeld.Max(), Dims: alphas.ToEquatableArray(), Materialised: filteredHeld)
                            : before with { Materialised = filteredHeld };
                        largest = largest with { Filtered = filtered };
                    }
                    var left = joint.Where(d => !chainDims.Contains(d) && !plateChains.Any(c => c.PrevDim == d)).Concat(plateChains.Where(c => !c.SelfStarting).Select(c => c.InitDim));
                    var o = new EliminationPlanner.Factor(Fresh(), left);
                    var inputs = remaining.Select(f => f.Name).Where(n => fold is not { } folded || !folded.Data.Contains(n));
                    body.Add(new ChainStep(plate.Name, o.Name, inputs.ToEquatableArray(), plateDim[plate.Name], o.Dims.ToEquatableArray(),
                        plateChains.ToEquatableArray(), ChainStates(plate.Name, plateChains), ChainPrevious(plate.Name, plateChains),
                        new DimsConstant("__chain_" + plate.Name + "_inits", plateChains.Select(c => c.InitDim).ToEquatableArray()),
                        intoChain ? new ChainTransition(fold!.Value.Group.Name, plateChains[0].Latent) : null));
                    outputs.Add(o);
                }
                else if (plate.Name.Length == 0)
                {
                    var total = "logPHat";
                    body.Add(new EliminationStep(StepKind.Total, total, remaining.Select(f => f.Name).ToEquatableArray(), EquatableArray<int>.Empty));
                    outputs.Add(new EliminationPlanner.Factor(total, new int[0]));
                }
                else
                {
                    foreach (var f in remaining)
                    {
                        var o = new EliminationPlanner.Factor(Fresh(), f.Dims);
                        body.Add(new EliminationStep(StepKind.PlateSum, o.Name, new[] { f.Name }.ToEquatableArray(), new[] { plateDim[plate.Name] }.ToEquatableArray(), f.Dims.ToEquatableArray()));
                        outputs.Add(o);
                    }
                }
                result.Add(new PlateReductionPlan(
                    plate.Name,
                    plateGroups.Select(g => g.Name).ToEquatableArray(),
                    plateData.Select(d => d.Name).ToEquatableArray(),
                    childFactors.Select(f => f.Name).ToEquatableArray(),
                    body.ToEquatableArray(),
                    outputs.Select(o => o.Name).ToEquatableArray(),
                    largest,
                    reads.ToEquatableArray()));
                return outputs;
            }

            Visit(pScope.Plates[0]);
            var named = NameForContents(result, groupDim);
            var (reductions, constants, recorded) = Constants(named);
            var timeseries = chains.Select(c => c.Plate).Distinct().Select(p => plateDim[p]).ToEquatableArray();
            return new Result(reductions, constants, recorded, timeseries.Count == 0 ? null : new DimsConstant("__timeseriesPlates", timeseries));
        }

        /// <summary>The first fast path in <see cref="FastPaths.Registry.SoleDataFactor"/> that applies to <paramref name="d"/>, if any.</summary>
        private static (FastPaths.SoleDataFactorPath Path, PlateStatisticsPlan? Statistics)? SoleDataFactor(
            ProgramScope pScope, DataPlan d, IReadOnlyList<InputPlan> inputs, IReadOnlyList<ParamPlan> parameters)
        {
            var factor = new FastPaths.SoleDataFactor(d, pScope.FindVariable(d.Name)?.Variable, inputs, parameters);
            foreach (var path in FastPaths.Registry.SoleDataFactor)
                if (path.TryPlan(factor, out var statistics)) return (path, statistics);
            return null;
        }

        /// <summary>
        /// The tensors a plate's factors read, in first-use order: per group member its Q and P arguments and its own
        /// particles, then per data variable its arguments and its values; a chain's <c>prev</c> reads the chain and its init.
        /// </summary>
        private static List<PlateRead> Reads(List<GroupPlan> plateGroups, List<DataPlan> plateData, IReadOnlyList<LatentPlan> latents, EquatableArray<ChainPlan> chains)
        {
            var reads = new List<PlateRead>();
            void Add(PlateRead read) { if (!reads.Contains(read)) reads.Add(read); }
            void AddCall(CallPlan call)
            {
                foreach (var a in call.Args)
                    switch (a.Source)
                    {
                        case ArgSource.Latent: Add(new PlateRead(ArgSource.Latent, a.Name)); break;
                        case ArgSource.Data: Add(new PlateRead(ArgSource.Data, a.Name)); break;
                        case ArgSource.Input: Add(new PlateRead(ArgSource.Input, a.Name)); break;
                        case ArgSource.Previous when chains.All(c => c.Latent != a.Name):
                            // An observed chain's values a.Lag elements back.
                            Add(new PlateRead(ArgSource.Previous, a.Name, Lag: a.Lag));
                            break;
                        case ArgSource.Previous:
                        {
                            Add(new PlateRead(ArgSource.Latent, a.Name));
                            var chain = chains.First(c => c.Latent == a.Name);
                            // A self-starting chain has no init latent: its start's arguments instead.
                            if (chain.SelfStarting) AddCall(call.InP ? chain.Start! : chain.QStart ?? chain.Start!);
                            else Add(new PlateRead(ArgSource.Latent, chain.Init));
                            break;
                        }
                        default: Add(new PlateRead(ArgSource.Param, "", a.Param)); break;
                    }
            }
            foreach (var g in plateGroups)
                foreach (var m in g.Members)
                {
                    var latent = latents.First(l => l.Name == m);
                    AddCall(latent.Q);
                    AddCall(latent.P);
                    Add(new PlateRead(ArgSource.Latent, m));
                }
            foreach (var d in plateData)
            {
                AddCall(d.P);
                Add(new PlateRead(ArgSource.Data, d.Name));
            }
            return reads;
        }

        /// <summary>
        /// Names the dims arrays of every step (after the steps are named: a step's array is <c>__dims_&lt;output&gt;</c>) in the
        /// order the plates' bodies use them, and lists the recorded steps in forward order.
        /// </summary>
        private static (EquatableArray<PlateReductionPlan>, EquatableArray<DimsConstant>, EquatableArray<RecordedStep>) Constants(List<PlateReductionPlan> reductions)
        {
            var constants = new List<DimsConstant>();
            var recorded = new List<RecordedStep>();
            // Bodies run in the order the estimator writes them: the non-root plates (children first), then the root.
            var order = reductions.Where(r => r.Plate.Length > 0).Concat(reductions.Where(r => r.Plate.Length == 0)).ToList();
            var updated = new Dictionary<string, PlateReductionPlan>();
            foreach (var r in order)
            {
                var steps = new List<PlateStep>();
                foreach (var step in r.Steps)
                {
                    switch (step)
                    {
                        case GroupFactorStep { QParents: { } q }:
                            constants.Add(q);
                            steps.Add(step);
                            break;
                        case EliminationStep e when e.Kind == StepKind.Total:
                        {
                            var dims = new DimsConstant("__dims_total", new[] { 0 }.ToEquatableArray());
                            constants.Add(dims);
                            recorded.Add(new RecordedStep(e.Output, dims.Name));
                            steps.Add(e with { Eliminated = dims });
                            break;
                        }
                        case EliminationStep e when e.Kind != StepKind.PlateSum:
                        {
                            var dims = new DimsConstant("__dims_" + e.Output, e.Dims);
                            constants.Add(dims);
                            recorded.Add(new RecordedStep(e.Output, dims.Name));
                            steps.Add(e with { Eliminated = dims });
                            break;
                        }
                        case ChainStep c:
                            constants.Add(c.States);
                            constants.Add(c.Previous);
                            constants.Add(c.Inits);
                            // Backward sampling draws the chains' states at this step (forward-filter backward-sample).
                            recorded.Add(new RecordedStep(c.Output, c.States.Name));
                            steps.Add(step);
                            break;
                        default:
                            steps.Add(step);
                            break;
                    }
                }
                updated[r.Plate] = r with { Steps = steps.ToEquatableArray() };
            }
            return (reductions.Select(r => updated[r.Plate]).ToEquatableArray(), constants.ToEquatableArray(), recorded.ToEquatableArray());
        }

        /// <summary>The chain step's constant of its chains' state dims.</summary>
        private static DimsConstant ChainStates(string plate, IEnumerable<ChainPlan> chains) =>
            new DimsConstant("__chain_" + plate + "_states", chains.Select(c => c.StateDim).ToEquatableArray());

        /// <summary>The chain step's constant of its chains' previous-element dims.</summary>
        private static DimsConstant ChainPrevious(string plate, IEnumerable<ChainPlan> chains) =>
            new DimsConstant("__chain_" + plate + "_previous", chains.Select(c => c.PrevDim).ToEquatableArray());

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
                foreach (var plateStep in r.Steps)
                {
                    var (output, name) = plateStep switch
                    {
                        EliminationStep step => (step.Output, step.Kind switch
                        {
                            StepKind.LogSumExp or StepKind.SumProduct or StepKind.SumBinary when step.Dims.Count > 0 =>
                                "sum_" + string.Join("_", step.Dims.Select(d => groupOf.TryGetValue(d, out var g) ? g : "dim" + d.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                            StepKind.SumProduct => "prod_" + (products++).ToString(System.Globalization.CultureInfo.InvariantCulture),
                            StepKind.PlateSum => "r_" + r.Plate,
                            _ => null,
                        }),
                        ChainStep chain => (chain.Output, "r_" + r.Plate),
                        DataFactorStep { Evaluation: not DataEvaluation.Elementwise } summed => (summed.Output, "r_" + r.Plate),
                        _ => ("", (string?)null),
                    };
                    if (name != null) rename[output] = Unique(name);
                }
            string Map(string n) => rename.TryGetValue(n, out var m) ? m : n;
            EquatableArray<string> MapAll(EquatableArray<string> names) => names.Select(Map).ToEquatableArray();
            PlateStep Renamed(PlateStep step) => step switch
            {
                EliminationStep e => e with { Output = Map(e.Output), Inputs = MapAll(e.Inputs) },
                ChainStep c => c with { Output = Map(c.Output), Inputs = MapAll(c.Inputs) },
                DataFactorStep d => d with { Output = Map(d.Output) },
                ChildPlateStep c => c with { Outputs = MapAll(c.Outputs) },
                _ => step,
            };
            return reductions.Select(r => r with
            {
                ChildFactors = MapAll(r.ChildFactors),
                Outputs = MapAll(r.Outputs),
                Steps = r.Steps.Select(Renamed).ToEquatableArray(),
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
