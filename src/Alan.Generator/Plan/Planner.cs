using System.Collections.Generic;
using System.Linq;
using Alan.Generator.Binding;
using Alan.Generator.Model;

namespace Alan.Generator.Plan
{
    /// <summary>
    /// Builds the <see cref="ProblemPlan"/> of a checked problem: layout, groups, calls, parameters and the
    /// per-plate elimination plan. Assumes the checker found no errors.
    /// </summary>
    internal static class Planner
    {
        /// <summary>Minimum layout rank: user tensors of lower rank are event-only (see Alan.Distribution).</summary>
        public const int MinimumLayoutRank = 8;

        /// <summary>Largest layout rank accepted (CUDA kernels take tensors of rank at most 25, DESIGN 5.3); checked by ALAN035.</summary>
        public const int MaximumLayoutRank = 25;

        /// <summary>The value of <c>Alan.Support.Binary</c>.</summary>
        private const int BinarySupport = 5;

        /// <summary>The layout rank of a problem with <paramref name="groups"/> Q groups and <paramref name="plates"/> non-root plates.</summary>
        /// <summary>
        /// Names every layout dim: "NonMp" (dim 0, the global sampler's particle dim), "__Pad1".. for unused padding (no user name starts with "__"),
        /// "K_&lt;Group&gt;" per Q group and the plate names; a name already taken gets a "_2", "_3".. suffix.
        /// </summary>
        internal static EquatableArray<DimRef> NameDims(int layoutRank, IReadOnlyDictionary<string, int> groupDim, IReadOnlyDictionary<string, int> plateDim,
            IReadOnlyDictionary<string, int>? prevDim = null)
        {
            var names = new string[layoutRank];
            names[0] = "NonMp";
            foreach (var kv in groupDim) names[kv.Value] = "K_" + kv.Key;
            if (prevDim != null) foreach (var kv in prevDim) names[kv.Value] = "Prev_" + kv.Key;
            foreach (var kv in plateDim) names[kv.Value] = kv.Key;
            for (int i = 1; i < layoutRank; i++) if (names[i] == null) names[i] = "__Pad" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var taken = new HashSet<string>();
            var dims = new List<DimRef>();
            for (int i = 0; i < layoutRank; i++)
            {
                var name = names[i];
                for (int n = 2; !taken.Add(name); n++) name = names[i] + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                dims.Add(new DimRef(name, i));
            }
            return dims.ToEquatableArray();
        }

        public static int LayoutRank(int groups, int plates) => System.Math.Max(MinimumLayoutRank, 1 + groups + plates);

        /// <summary>The plan of a problem the checker bound (<see cref="Check.ProblemChecker.Check"/>).</summary>
        public static ProblemPlan Plan(BoundProblem bound)
        {
            var problem = bound.Problem;
            var pProgram = problem.P!;
            var qProgram = problem.Q!;
            var pScope = new ProgramScope(pProgram);
            var qScope = new ProgramScope(qProgram);

            // Groups: Q latents in sampling order, as the checker found them.
            var groupOrder = bound.Groups.Select(g => g.Name).ToList();
            var groupPlate = bound.Groups.ToDictionary(g => g.Name, g => g.Plate);
            var groupOf = new Dictionary<string, string>();
            foreach (var g in bound.Groups) foreach (var m in g.Members) groupOf[m] = g.Name;

            var plates = pScope.Plates.Where(p => p.Name.Length > 0).ToList();
            // Timeseries latents of P (DESIGN 4.10): each has a "previous element" dim after the groups' dims.
            var chainEntries = pScope.Variables.Where(v => v.Variable.Kind == VariableKind.Latent && v.Variable.Timeseries != null).ToList();
            // Layout dim 0 is always a spare particle dim: the global (non-MP) sampler puts its K particles there.
            int layoutRank = LayoutRank(groupOrder.Count + chainEntries.Count, plates.Count);
            int pad = layoutRank - groupOrder.Count - chainEntries.Count - plates.Count;
            var groupDim = new Dictionary<string, int>();
            for (int i = 0; i < groupOrder.Count; i++) groupDim[groupOrder[i]] = pad + i;
            var prevDim = new Dictionary<string, int>();
            for (int i = 0; i < chainEntries.Count; i++) prevDim[chainEntries[i].Variable.Name] = pad + groupOrder.Count + i;
            var plateDim = new Dictionary<string, int>();
            for (int i = 0; i < plates.Count; i++) plateDim[plates[i].Name] = pad + groupOrder.Count + chainEntries.Count + i;
            var platePlans = plates.Select(p => new PlatePlan(p.Name, p.Parent?.Name ?? "", plateDim[p.Name], p.Path.ToEquatableArray())).ToEquatableArray();

            // Parameters.
            var parameters = new ParameterCollector();
            foreach (var plate in pScope.Plates) foreach (var prm in plate.Plate.Params) parameters.AddNamed(prm, plate.Name, inP: true);
            foreach (var plate in qScope.Plates) foreach (var prm in plate.Plate.Params) parameters.AddNamed(prm, plate.Name, inP: false);

            // Each variable's call, by the checker's binding of its arguments (same order as the scope's variables).
            var calls = new Dictionary<(bool InP, string Variable), CallPlan>();
            CallPlan Call(ProgramScope.VariableEntry entry, bool inP)
            {
                var key = (inP, entry.Variable.Name);
                if (calls.TryGetValue(key, out var known)) return known;
                var boundVariable = (inP ? bound.P : bound.Q)[(inP ? pScope : qScope).Variables.IndexOf(entry)];
                var args = new List<ArgPlan>();
                for (int i = 0; i < entry.Variable.Arguments.Count; i++)
                {
                    var a = entry.Variable.Arguments[i];
                    var b = boundVariable.Arguments[i];
                    switch (b.Source)
                    {
                        case ArgumentSource.Latent: args.Add(new ArgPlan(ArgSource.Latent, b.Target)); break;
                        case ArgumentSource.Data: args.Add(new ArgPlan(ArgSource.Data, b.Target)); break;
                        case ArgumentSource.Input: args.Add(new ArgPlan(ArgSource.Input, b.Target)); break;
                        case ArgumentSource.Previous: args.Add(new ArgPlan(ArgSource.Previous, b.Target, Lag: Binder.PreviousLag(a.Name))); break;
                        case ArgumentSource.OwnParam: args.Add(new ArgPlan(ArgSource.Param, "", parameters.AddOwn(entry.Variable.Name, a, entry.Plate.Name, inP))); break;
                        default: args.Add(new ArgPlan(ArgSource.Param, "", ParameterCollector.Named(b.Target))); break;
                    }
                }
                var d = entry.Variable.Distribution!;
                var call = new CallPlan(inP, entry.Plate.Path.ToEquatableArray(), entry.Variable.Name, d.ShortName, d.Reparameterised, args.ToEquatableArray(),
                    Binary: d.Support == BinarySupport && d.EventRank == 0, Improper: d.Improper);
                calls[key] = call;
                return call;
            }

            // Observed timeseries (DESIGN 4.10): their init, a latent or an input of the enclosing plate.
            var observedChains = pScope.Variables.Where(v => v.Variable.Kind == VariableKind.Data && v.Variable.Timeseries != null)
                .Select(v => new ObservedChainPlan(v.Variable.Name, v.Variable.Timeseries!,
                    pScope.FindVariable(v.Variable.Timeseries!) != null ? ArgSource.Latent : ArgSource.Input, v.Plate.Name,
                    Check.TimeseriesChecker.Order(v.Variable)))
                .ToEquatableArray();

            // The groups a call's factor spans: its latent arguments', and a latent init's when it reads an observed chain's prev.
            EquatableArray<string> ParentGroups(CallPlan call) =>
                call.Args.Where(a => a.Source == ArgSource.Latent).Select(a => a.Name)
                    .Concat(call.Args.Where(a => a.Source == ArgSource.Previous)
                        .Select(a => observedChains.FirstOrDefault(o => o.Data == a.Name))
                        .Where(o => o != null && o.InitSource == ArgSource.Latent).Select(o => o!.Init))
                    .Select(n => groupOf[n]).Distinct().ToEquatableArray();

            // Timeseries latents (DESIGN 4.10); a self-starting one has no init latent: its previous dim stands for the init's.
            CallPlan? StartCall(ProgramScope scope, bool inP, string latent)
            {
                var entry = scope.FindVariable(latent);
                if (entry?.Variable.TimeseriesStart is not { } start || scope.FindVariable(start.Name) != null) return null;
                var boundVariable = (inP ? bound.P : bound.Q)[scope.Variables.IndexOf(entry)];
                var args = boundVariable.StartArguments.Select(b => b.Source switch
                {
                    ArgumentSource.Latent => new ArgPlan(ArgSource.Latent, b.Target),
                    ArgumentSource.Data => new ArgPlan(ArgSource.Data, b.Target),
                    ArgumentSource.Input => new ArgPlan(ArgSource.Input, b.Target),
                    _ => new ArgPlan(ArgSource.Param, "", ParameterCollector.Named(b.Target)),
                }).ToEquatableArray();
                var d = start.Distribution!;
                return new CallPlan(inP, entry.Plate.Path.ToEquatableArray(), start.Name, d.ShortName, d.Reparameterised, args,
                    Binary: d.Support == BinarySupport && d.EventRank == 0);
            }
            var chains = chainEntries.Select(e =>
            {
                var start = StartCall(pScope, true, e.Variable.Name);
                var qEntry = qScope.FindVariable(e.Variable.Name);
                return new ChainPlan(
                    e.Variable.Name, e.Variable.Timeseries!, e.Plate.Name,
                    groupDim[groupOf[e.Variable.Name]], prevDim[e.Variable.Name],
                    start != null ? prevDim[e.Variable.Name] : groupDim[groupOf[e.Variable.Timeseries!]],
                    qEntry?.Variable.Timeseries != null, start, qEntry?.Variable.Timeseries != null ? StartCall(qScope, false, e.Variable.Name) : null);
            }).ToEquatableArray();

            // Latents in Q sampling order.
            var latents = new List<LatentPlan>();
            foreach (var qv in qScope.Variables.Where(v => v.Variable.Kind == VariableKind.Latent))
            {
                var pv = pScope.FindVariable(qv.Variable.Name)!;
                var q = Call(qv, inP: false);
                var p = Call(pv, inP: true);
                // A self-starting chain's factor also spans the latents its start reads.
                var start = chains.FirstOrDefault(c => c.Latent == qv.Variable.Name)?.Start;
                var parents = start == null ? ParentGroups(p) : ParentGroups(p).Concat(ParentGroups(start)).Distinct().ToEquatableArray();
                latents.Add(new LatentPlan(qv.Variable.Name, qv.Plate.Name, groupOf[qv.Variable.Name], p, q, parents));
            }

            var groups = groupOrder.Select(g =>
            {
                var qParents = latents.Where(l => l.Group == g)
                    .SelectMany(l => l.Q.Args.Where(a => a.Source == ArgSource.Latent).Select(a => groupOf[a.Name]))
                    .Where(h => h != g).Distinct().ToEquatableArray();
                return new GroupPlan(g, groupPlate[g], groupDim[g], bound.Groups.First(b => b.Name == g).Members, qParents);
            }).ToEquatableArray();

            var data = new List<DataPlan>();
            var prior = new List<PriorVariablePlan>();
            foreach (var pv in pScope.Variables)
            {
                var call = pv.Variable.Kind == VariableKind.Data ? Call(pv, inP: true) : latents.First(l => l.Name == pv.Variable.Name).P;
                if (pv.Variable.Kind == VariableKind.Data) data.Add(new DataPlan(pv.Variable.Name, pv.Plate.Name, call, ParentGroups(call), pv.Variable.Distribution!.Support));
                prior.Add(new PriorVariablePlan(pv.Variable.Name, pv.Variable.Kind == VariableKind.Data, pv.Plate.Name, call));
            }

            var inputs = new List<InputPlan>();
            foreach (var scope in new[] { pScope, qScope })
                foreach (var plate in scope.Plates)
                    foreach (var input in plate.Plate.Inputs)
                        if (inputs.All(i => i.Name != input.Name)) inputs.Add(new InputPlan(input.Name, plate.Name, input.Shape));

            var qem = new List<QemPlan>();
            foreach (var (scope, inP) in new[] { (pScope, true), (qScope, false) })
                foreach (var e in scope.Variables)
                {
                    var v = e.Variable;
                    if (v.Arguments.Count == 0 || !v.Arguments.All(a => a.Param != null && a.Param.IsQem)) continue;
                    var family = v.Distribution!.Qem!;
                    var mapped = QemArguments.Map(family.Parameters.Items, v.Arguments.Items)!;
                    var call = Call(e, inP);
                    var refs = mapped.Select(a => call.Args[v.Arguments.Items.IndexOf(a)].Param!).ToEquatableArray();
                    qem.Add(new QemPlan(v.Name, v.Kind == VariableKind.Latent, inP, family.Family, family.Parameters.Count, refs, e.Plate.Name));
                }

            var paramPlans = parameters.ToPlans();
            var reductions = ReductionPlanner.Plan(pScope, groups, latents, data, groupDim, plateDim, chains, inputs, paramPlans);

            return new ProblemPlan(
                problem.Namespace, problem.ClassName, problem.Accessibility,
                TypeOf(pProgram), TypeOf(qProgram),
                layoutRank, platePlans, groups, latents.ToEquatableArray(), data.ToEquatableArray(),
                inputs.ToEquatableArray(), paramPlans, prior.ToEquatableArray(), reductions.Reductions, qem.ToEquatableArray(),
                NameDims(layoutRank, groupDim, plateDim, prevDim), chains, reductions.Constants, reductions.Recorded, reductions.TimeseriesPlates,
                observedChains,
                problem.Derived?.MomentBlock ?? EquatableArray<AutoGuide.MomentMember>.Empty);
        }

        private static TypePath TypeOf(ProgramModel program) =>
            new TypePath(program.Namespace, program.ContainerNames.Concat(new[] { program.Root.ClassName }).ToEquatableArray());
    }
}
