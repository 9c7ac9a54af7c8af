using System.Collections.Generic;
using System.Linq;
using Alan.Generator.Binding;
using Alan.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Alan.Generator.Check
{
    /// <summary>
    /// Checks that need both programs or argument binding: the problem class itself (ALAN014, ALAN017,
    /// ALAN020, ALAN027, ALAN028), the layout rank (ALAN035), binding (ALAN004-007), P/Q agreement (ALAN008-012, ALAN021, an improper Q latent ALAN044) and names clashing between P and
    /// Q (ALAN013). Rules of a single program are the <see cref="ProgramChecker"/>'s and are not repeated here.
    /// </summary>
    internal static class ProblemChecker
    {
        /// <summary>The problem's diagnostics, and its bound model when they hold no error.</summary>
        public static (EquatableArray<DiagnosticInfo> Diagnostics, BoundProblem? Bound) Check(ProblemModel problem)
        {
            if (problem == null) return (EquatableArray<DiagnosticInfo>.Empty, null);
            var diagnostics = new List<DiagnosticInfo>();
            var className = CheckUtil.S(problem.ClassName);

            if (!problem.IsPartial)
                diagnostics.Add(CheckUtil.Make(Diagnostics.NonPartialProblem, problem.Location, className));
            if (problem.IsNested)
                diagnostics.Add(CheckUtil.Make(Diagnostics.NestedProblem, problem.Location, className));
            CheckProblemClass(problem, className, diagnostics);
            if (problem.P?.Root == null)
                diagnostics.Add(CheckUtil.Make(Diagnostics.NotAProgramRoot, problem.Location, className, problem.PTypeDisplay, "P (the generative model)"));
            diagnostics.AddRange(problem.DerivationDiagnostics);
            // The program pipeline never sees a derived guide (it is generated): its own rules are checked here.
            if (problem.Derived != null && problem.Q != null) diagnostics.AddRange(ProgramChecker.Check(problem.Q));
            bool derivationFailed = problem.DerivationDiagnostics.Any(d => Diagnostics.Find(d.Id)?.DefaultSeverity == DiagnosticSeverity.Error);
            if (problem.Q?.Root == null && !derivationFailed)
                diagnostics.Add(CheckUtil.Make(Diagnostics.NotAProgramRoot, problem.Location, className, problem.QTypeDisplay, "Q (the proposal)"));

            var pScope = problem.P?.Root != null ? new ProgramScope(problem.P) : null;
            var qScope = problem.Q?.Root != null ? new ProgramScope(problem.Q) : null;

            Bindings? pBindings = null, qBindings = null;
            List<BoundGroup>? groups = null;
            if (pScope != null)
                pBindings = CheckBindings(pScope, new Binder(pScope, null, qScope), isQ: false, diagnostics);
            if (pScope != null && qScope != null)
            {
                qBindings = CheckBindings(qScope, new Binder(qScope, pScope, pScope), isQ: true, diagnostics);
                CheckPlates(pScope, qScope, diagnostics);
                CheckVariables(pScope, qScope, diagnostics);
                if (!problem.P!.Equals(problem.Q))
                    NameTable.ReportCrossClashes(new NameTable(problem.P!), new NameTable(problem.Q!), diagnostics);
                groups = Groups(qScope);
                CheckLayoutRank(problem, pScope, groups, diagnostics);
                TimeseriesChecker.CheckProblem(pScope, qScope, groups, diagnostics);
            }
            // A derived guide is parsed from a file the user does not have: what is found in it is reported at the problem.
            if (problem.Derived != null)
                for (int i = 0; i < diagnostics.Count; i++)
                    if (diagnostics[i].Location.FilePath.Length == 0) diagnostics[i] = diagnostics[i] with { Location = problem.Location };
            var sorted = CheckUtil.Sorted(diagnostics);
            bool errors = sorted.Any(d => Diagnostics.Find(d.Id)?.DefaultSeverity == DiagnosticSeverity.Error);
            var bound = errors || pBindings?.Variables == null || qBindings?.Variables == null || groups == null
                ? null
                : new BoundProblem(problem, pBindings.Variables.ToEquatableArray(), qBindings.Variables.ToEquatableArray(), groups.ToEquatableArray());
            return (sorted, bound);
        }

        /// <summary>Q's groups: its latents in sampling order (pre-order over Q's plates, declaration order within), by Group (or own name).</summary>
        private static List<BoundGroup> Groups(ProgramScope q)
        {
            var order = new List<string>();
            var plate = new Dictionary<string, string>(System.StringComparer.Ordinal);
            var members = new Dictionary<string, List<string>>(System.StringComparer.Ordinal);
            foreach (var v in q.Variables)
            {
                if (v.Variable.Kind != VariableKind.Latent) continue;
                var g = CheckUtil.S(v.Variable.Group ?? v.Variable.Name);
                if (!members.TryGetValue(g, out var list))
                {
                    order.Add(g);
                    members[g] = list = new List<string>();
                    plate[g] = v.Plate.Name;
                }
                list.Add(v.Variable.Name);
            }
            return order.Select(g => new BoundGroup(g, plate[g], members[g].ToEquatableArray())).ToList();
        }

        /// <summary>ALAN028 and ALAN027: the generated part is a non-generic instance class deriving from Alan.CompilerServices.Problems.InferenceProblem (a torch.nn.Module), holding the generated types.</summary>
        private static void CheckProblemClass(ProblemModel problem, string className, List<DiagnosticInfo> diagnostics)
        {
            void Report(string what, string fix) =>
                diagnostics.Add(CheckUtil.Make(Diagnostics.ProblemClassShape, problem.Location, className, what, fix));
            if (problem.IsStatic)
                Report("is static", "remove the 'static' modifier (the generated problem is a torch.nn.Module you instantiate)");
            if (problem.IsRecord)
                Report("is a record", "declare it as a 'partial class' (the generated part derives it from torch.nn.Module)");
            if (problem.IsGeneric)
                Report("has type parameters", "remove them (the generated part is a non-generic class)");
            var baseType = CheckUtil.S(problem.BaseType);
            if (baseType.Length > 0)
                Report($"derives from '{baseType}'", "remove the base class (the generated part derives it from Alan.CompilerServices.Problems.InferenceProblem, a torch.nn.Module)");
            if (ReservedNames.IsReservedForProblemClass(className))
                diagnostics.Add(CheckUtil.Make(Diagnostics.ReservedName, problem.Location, className, "problem class", ReservedNames.ProblemClassList));
        }

        /// <summary>ALAN035: the layout (a spare dim, one per Q group, one per plate) must fit CUDA's rank limit.</summary>
        private static void CheckLayoutRank(ProblemModel problem, ProgramScope p, List<BoundGroup> groups, List<DiagnosticInfo> diagnostics)
        {
            int plates = p.Plates.Count(x => x.Parent != null);
            // One "previous element" dim per timeseries latent of P (DESIGN 4.10) counts with the groups.
            int chains = p.Variables.Count(v => v.Variable.Kind == VariableKind.Latent && v.Variable.Timeseries != null);
            int rank = Plan.Planner.LayoutRank(groups.Count + chains, plates);
            if (rank <= Plan.Planner.MaximumLayoutRank) return;
            diagnostics.Add(CheckUtil.Make(Diagnostics.LayoutTooLarge, problem.Location, CheckUtil.S(problem.ClassName),
                rank.ToString(System.Globalization.CultureInfo.InvariantCulture),
                groups.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
                CheckUtil.S(problem.Q?.Root?.ClassName),
                plates.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Plan.Planner.MaximumLayoutRank.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        // ---------------------------------------------------------------- binding

        private sealed class Bound
        {
            public Bound(ProgramScope.VariableEntry variable, ArgumentModel argument, ArgumentBinding binding, ProgramScope.VariableEntry? target)
            {
                Variable = variable; Argument = argument; Binding = binding; Target = target;
            }

            public ProgramScope.VariableEntry Variable { get; }
            public ArgumentModel Argument { get; }
            public ArgumentBinding Binding { get; }
            /// <summary>The variable of the same program the argument refers to, if any.</summary>
            public ProgramScope.VariableEntry? Target { get; }
        }

        /// <summary>A program's binding: <see cref="Variables"/> is null when some argument did not resolve.</summary>
        private sealed class Bindings
        {
            public Bindings(List<BoundVariable>? variables) { Variables = variables; }
            public List<BoundVariable>? Variables { get; }
        }

        private static ArgumentSource? SourceOf(BindingKind kind) => kind switch
        {
            BindingKind.Latent => ArgumentSource.Latent,
            BindingKind.Data => ArgumentSource.Data,
            BindingKind.Input => ArgumentSource.Input,
            BindingKind.OwnParam => ArgumentSource.OwnParam,
            BindingKind.PlateParam => ArgumentSource.PlateParam,
            BindingKind.Previous => ArgumentSource.Previous,
            _ => null,
        };

        /// <summary>Binds every argument of the program (ALAN004-007) and returns the binding when it is complete.</summary>
        private static Bindings CheckBindings(ProgramScope scope, Binder binder, bool isQ, List<DiagnosticInfo> diagnostics)
        {
            var bound = new List<Bound>();
            var edges = new Dictionary<ProgramScope.VariableEntry, List<ProgramScope.VariableEntry>>();
            var variables = new List<BoundVariable>();
            bool complete = true;
            foreach (var v in scope.Variables)
            {
                edges[v] = new List<ProgramScope.VariableEntry>();
                var arguments = new List<BoundArgument>();
                foreach (var a in CheckUtil.Safe(v.Variable.Arguments))
                {
                    if (CheckUtil.S(a.Name).Length == 0) { complete = false; continue; } // half-typed parameter: the compiler reports it
                    var b = binder.Bind(v, a);
                    ProgramScope.VariableEntry? target = null;
                    if (b.Kind == BindingKind.Latent || b.Kind == BindingKind.Data || b.Kind == BindingKind.OutOfScope)
                    {
                        var t = scope.FindVariable(b.Target);
                        if (t != null && t.Plate.Name == b.Plate && (!isQ || t.Variable.Kind == VariableKind.Latent)) target = t;
                    }
                    if (target != null) edges[v].Add(target);
                    bound.Add(new Bound(v, a, b, target));
                    var source = SourceOf(b.Kind);
                    if (source == null) complete = false;
                    else arguments.Add(new BoundArgument(a.Name, source.Value, b.Target, b.Plate));
                }
                if (arguments.Count != v.Variable.Arguments.Count) complete = false;
                // A self-starting timeseries' start method: its arguments bind like the variable's (DESIGN 4.10).
                var startArguments = new List<BoundArgument>();
                if (v.Variable.TimeseriesStart is { } start && scope.FindVariable(start.Name) == null)
                    foreach (var a in CheckUtil.Safe(start.Arguments))
                    {
                        if (CheckUtil.S(a.Name).Length == 0 || Binder.PreviousLag(a.Name) > 0) { complete = false; continue; }
                        var b = binder.Bind(v, a);
                        ProgramScope.VariableEntry? target = null;
                        if (b.Kind == BindingKind.Latent || b.Kind == BindingKind.Data || b.Kind == BindingKind.OutOfScope)
                        {
                            var t = scope.FindVariable(b.Target);
                            if (t != null && t.Plate.Name == b.Plate && (!isQ || t.Variable.Kind == VariableKind.Latent)) target = t;
                        }
                        if (target != null) edges[v].Add(target);
                        bound.Add(new Bound(v, a, b, target));
                        var source = SourceOf(b.Kind);
                        if (source == null || source == ArgumentSource.OwnParam) complete = false;
                        else startArguments.Add(new BoundArgument(a.Name, source.Value, b.Target, b.Plate));
                    }
                variables.Add(new BoundVariable(CheckUtil.S(v.Variable.Name), v.Plate.Name, arguments.ToEquatableArray(), startArguments.ToEquatableArray()));
            }

            foreach (var x in bound)
            {
                var v = x.Variable;
                var variableName = v.Variable.Name;
                switch (x.Binding.Kind)
                {
                    case BindingKind.Unknown when x.Argument.Name == Binder.PreviousArgument:
                        diagnostics.Add(CheckUtil.Make(Diagnostics.PrevWithoutTimeseries, x.Argument.Location, variableName));
                        break;

                    case BindingKind.Unknown:
                        // A suggestion of the variable itself would be a cycle: not worth suggesting.
                        var suggest = x.Binding.Target.Length > 0 && x.Binding.Target != variableName;
                        var hint = suggest
                            ? $"did you mean '{x.Binding.Target}'?"
                            : $"declare a latent, an [Input] or a plate [Param] named '{Binder.Capitalise(x.Argument.Name)}', or make the argument a parameter with [Param(init)]";
                        var unknown = CheckUtil.Make(Diagnostics.UnknownName, x.Argument.Location, x.Argument.Name, variableName, hint);
                        diagnostics.Add(suggest ? unknown.WithProperties(DiagnosticPropertyNames.Suggestion, x.Binding.Target) : unknown);
                        break;

                    case BindingKind.OutOfScope:
                        var cycle = x.Target != null ? FindPath(edges, x.Target, v) : null;
                        if (cycle != null)
                        {
                            var text = variableName + " -> " + string.Join(" -> ", cycle.Select(e => e.Variable.Name));
                            diagnostics.Add(CheckUtil.Make(Diagnostics.Cycle, x.Argument.Location, x.Argument.Name, variableName, text));
                        }
                        else
                        {
                            diagnostics.Add(CheckUtil.Make(Diagnostics.OutOfScope, x.Argument.Location,
                                x.Argument.Name, variableName, x.Binding.Target, OutOfScopeReason(scope, v, x)));
                        }
                        break;

                    case BindingKind.Data when !isQ:
                        diagnostics.Add(CheckUtil.Make(Diagnostics.PDependsOnData, x.Argument.Location, x.Argument.Name, variableName, x.Binding.Target));
                        break;
                }
            }
            return new Bindings(complete ? variables : null);
        }

        private static string OutOfScopeReason(ProgramScope scope, ProgramScope.VariableEntry v, Bound x)
        {
            var here = CheckUtil.PlateDisplay(v.Plate.Plate);
            if (x.Target != null && ReferenceEquals(x.Target.Plate, v.Plate))
                return $"is declared later in plate '{here}'; declare '{x.Target.Variable.Name}' before '{v.Variable.Name}' (declaration order is sampling order)";
            var there = x.Target != null
                ? CheckUtil.PlateDisplay(x.Target.Plate.Plate)
                : x.Binding.Plate.Length > 0 ? x.Binding.Plate : CheckUtil.S(scope.Program.Root.ClassName);
            return $"lives in plate '{there}', which does not enclose plate '{here}'; a variable may depend only on members of its own or an enclosing plate";
        }

        /// <summary>A dependency path from <paramref name="from"/> to <paramref name="to"/> (inclusive of both ends), or null.</summary>
        private static List<ProgramScope.VariableEntry>? FindPath(
            Dictionary<ProgramScope.VariableEntry, List<ProgramScope.VariableEntry>> edges,
            ProgramScope.VariableEntry from, ProgramScope.VariableEntry to)
        {
            var previous = new Dictionary<ProgramScope.VariableEntry, ProgramScope.VariableEntry?> { [from] = null };
            var queue = new Queue<ProgramScope.VariableEntry>();
            queue.Enqueue(from);
            while (queue.Count > 0)
            {
                var n = queue.Dequeue();
                if (ReferenceEquals(n, to))
                {
                    var path = new List<ProgramScope.VariableEntry>();
                    for (ProgramScope.VariableEntry? p = n; p != null; p = previous[p]) path.Insert(0, p);
                    return path;
                }
                if (!edges.TryGetValue(n, out var next)) continue;
                foreach (var m in next)
                    if (!previous.ContainsKey(m)) { previous[m] = n; queue.Enqueue(m); }
            }
            return null;
        }

        // ---------------------------------------------------------------- P/Q agreement

        /// <summary>ALAN008: every Q plate exists in P with the same parent.</summary>
        private static void CheckPlates(ProgramScope p, ProgramScope q, List<DiagnosticInfo> diagnostics)
        {
            var qName = CheckUtil.S(q.Program.Root.ClassName);
            var pName = CheckUtil.S(p.Program.Root.ClassName);
            foreach (var qPlate in q.Plates)
            {
                if (qPlate.Parent == null || qPlate.Name.Length == 0) continue; // the root
                var pPlate = p.FindPlate(qPlate.Name);
                string? reason = null;
                if (pPlate == null || pPlate.Parent == null)
                    reason = $"does not exist in the model '{pName}'";
                else if (pPlate.Parent.Name != qPlate.Parent.Name)
                    reason = $"is nested in '{CheckUtil.PlateDisplay(qPlate.Parent.Plate)}' in Q but in '{CheckUtil.PlateDisplay(pPlate.Parent.Plate)}' in P";
                if (reason != null)
                    diagnostics.Add(CheckUtil.Make(Diagnostics.PlateTreeMismatch, qPlate.Plate.Location, qPlate.Name, qName, reason));
            }
        }

        /// <summary>ALAN009-012 and ALAN021: Q declares exactly P's latents, in the same plates, with the same support.</summary>
        private static void CheckVariables(ProgramScope p, ProgramScope q, List<DiagnosticInfo> diagnostics)
        {
            var qName = CheckUtil.S(q.Program.Root.ClassName);
            var pName = CheckUtil.S(p.Program.Root.ClassName);

            foreach (var qv in q.Variables)
            {
                var name = CheckUtil.S(qv.Variable.Name);
                if (name.Length == 0) continue;
                var pv = p.FindVariable(name);
                if (pv != null && pv.Variable.Kind == VariableKind.Data)
                {
                    diagnostics.Add(CheckUtil.Make(Diagnostics.DataInQ, qv.Variable.Location, name, qName, $"is an observed [Data] variable of the model '{pName}'"));
                    continue;
                }
                if (qv.Variable.Kind == VariableKind.Data)
                {
                    diagnostics.Add(CheckUtil.Make(Diagnostics.DataInQ, qv.Variable.Location, name, qName, "is marked [Data]"));
                    continue;
                }
                if (pv == null)
                {
                    diagnostics.Add(CheckUtil.Make(Diagnostics.QVariableNotInP, qv.Variable.Location, name, qName, pName));
                    continue;
                }
                if (pv.Plate.Name != qv.Plate.Name)
                {
                    diagnostics.Add(CheckUtil.Make(Diagnostics.LatentPlateMismatch, qv.Variable.Location,
                        name, CheckUtil.PlateDisplay(qv.Plate.Plate), CheckUtil.PlateDisplay(pv.Plate.Plate), PlaceInQ(pv.Plate.Name, qName)));
                }
                var pd = pv.Variable.Distribution;
                var qd = qv.Variable.Distribution;
                if (qd != null && qd.Improper && qd.ComponentProblem == null)
                {
                    diagnostics.Add(CheckUtil.Make(Diagnostics.ImproperOutsidePLatent, qv.Variable.Location, name, $"a latent of the proposal '{qName}'", qd.ShortName,
                        "Q is sampled, so give it a proper distribution of the same support (Normal for Flat, LogNormal or Gamma for HalfFlat)"));
                    continue;
                }
                if (pd != null && qd != null && pd.SupportKnown && qd.SupportKnown && pd.Support != qd.Support)
                {
                    diagnostics.Add(CheckUtil.Make(Diagnostics.SupportMismatch, qv.Variable.Location,
                        name, CheckUtil.SupportName(pd.Support), pd.ShortName, CheckUtil.SupportName(qd.Support), qd.ShortName));
                }
            }

            foreach (var pv in p.Variables)
            {
                var name = CheckUtil.S(pv.Variable.Name);
                if (pv.Variable.Kind != VariableKind.Latent || name.Length == 0) continue;
                if (q.FindVariable(name) != null) continue;
                var missing = CheckUtil.Make(Diagnostics.LatentMissingFromQ, pv.Variable.Location, name, pName, qName, PlaceInQ(pv.Plate.Name, qName));
                // What the "add the latent to Q" code fix needs (Alan.CodeFixes).
                diagnostics.Add(missing.WithProperties(
                    DiagnosticPropertyNames.Latent, name,
                    DiagnosticPropertyNames.DistributionType, CheckUtil.S(pv.Variable.Distribution?.TypeName),
                    DiagnosticPropertyNames.Distribution, CheckUtil.S(pv.Variable.Distribution?.ShortName),
                    DiagnosticPropertyNames.QType, CheckUtil.S(q.Program.Root.FullTypeName),
                    DiagnosticPropertyNames.QPlatePath, string.Join(".", pv.Plate.Path)));
            }
        }

        /// <summary>"'G'" for the root, "plate 'P1' of 'G'" for a sub-plate.</summary>
        private static string PlaceInQ(string plate, string q) => plate.Length > 0 ? $"plate '{plate}' of '{q}'" : $"'{q}'";
    }
}
