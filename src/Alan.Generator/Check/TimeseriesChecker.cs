using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Alan.Generator.Binding;
using Alan.Generator.Model;

namespace Alan.Generator.Check
{
    /// <summary>
    /// The rules of timeseries (DESIGN 4.10). Within one program: a <c>[Timeseries]</c> variable of a sub-plate
    /// (ALAN040) with a <c>prev</c> argument (ALAN037) and an init latent of the immediately enclosing plate (ALAN038)
    /// of the same event rank (ALAN039); a latent chain reads no further back than <c>prev</c> (ALAN048); an observed
    /// chain may also start from an input of that plate, holding the p values before its first element (ALAN049).
    /// Across P and Q: the forms the generator cannot handle (ALAN041). ALAN036 (<c>prev</c> without
    /// <c>[Timeseries]</c>) is reported where arguments are bound.
    /// </summary>
    internal static class TimeseriesChecker
    {
        /// <summary>ALAN037-040 for every timeseries variable of <paramref name="program"/>.</summary>
        public static void CheckProgram(ProgramModel program, List<DiagnosticInfo> diagnostics)
        {
            var scope = new ProgramScope(program);
            var root = CheckUtil.S(program.Root.ClassName);
            foreach (var v in scope.Variables)
            {
                var variable = v.Variable;
                if (variable.Timeseries == null) continue;
                var name = CheckUtil.S(variable.Name);
                if (v.Plate.Parent == null)
                {
                    diagnostics.Add(CheckUtil.Make(Diagnostics.TimeseriesPlacement, variable.Location, name,
                        $"is declared in the program root '{root}', which has no enclosing plate for its init",
                        "move it into the sub-plate it is chained along (the time axis), with its init in the enclosing plate"));
                    continue;
                }
                if (!CheckUtil.Safe(variable.Arguments).Any(a => a.Name == Binder.PreviousArgument))
                    diagnostics.Add(CheckUtil.Make(Diagnostics.TimeseriesWithoutPrev, variable.Location, name, variable.Timeseries));
                if (variable.Kind == VariableKind.Latent)
                    foreach (var a in CheckUtil.Safe(variable.Arguments))
                    {
                        int lag = Binder.PreviousLag(CheckUtil.S(a.Name));
                        if (lag > 1 && a.Param == null)
                            diagnostics.Add(CheckUtil.Make(Diagnostics.TimeseriesLagOnLatent, a.Location, name, a.Name, lag.ToString(CultureInfo.InvariantCulture)));
                    }
                CheckInit(scope, v, diagnostics);
            }
        }

        private static void CheckInit(ProgramScope scope, ProgramScope.VariableEntry v, List<DiagnosticInfo> diagnostics)
        {
            var variable = v.Variable;
            var name = CheckUtil.S(variable.Name);
            var init = CheckUtil.S(variable.Timeseries);
            var parent = v.Plate.Parent!;
            var parentName = CheckUtil.PlateDisplay(parent.Plate);
            var plateName = CheckUtil.PlateDisplay(v.Plate.Plate);
            void Report(string reason) => diagnostics.Add(CheckUtil.Make(Diagnostics.TimeseriesInit, variable.Location, name, init, reason));

            var target = init.Length == 0 ? null : scope.FindVariable(init);
            if (target == null && variable.TimeseriesStart is { } start)
            {
                if (variable.Kind == VariableKind.Data)
                    Report($"is a method; an observed timeseries starts from a latent or an [Input] of plate '{parentName}' holding its values before the first element " +
                           $"(write the first element as data of its own if it has a distribution of its own)");
                else
                    CheckStart(variable, start, Report, diagnostics);
                return;
            }
            if (target == null && variable.Kind == VariableKind.Data && init.Length > 0)
            {
                // An observed chain may start from an input: known values before its first element.
                var input = parent.Plate.Inputs.FirstOrDefault(i => i.Name == init);
                if (input != null)
                {
                    CheckObservedInitShape(variable, init, $"is an [Input] of event shape [{string.Join(", ", input.Shape.Select(x => x.ToString(CultureInfo.InvariantCulture)))}]",
                        input.Shape.Count, input.Shape.Count > 0 ? input.Shape[0] : (long?)null, isInput: true, diagnostics);
                    return;
                }
                var elsewhere = scope.Plates.FirstOrDefault(p => p.Plate.Inputs.Any(i => i.Name == init));
                if (elsewhere != null)
                {
                    Report($"is an [Input] of plate '{CheckUtil.PlateDisplay(elsewhere.Plate)}', not of '{parentName}', the plate immediately enclosing '{plateName}'; " +
                           $"declare the initial values on '{parentName}'");
                    return;
                }
            }
            if (target == null)
            {
                // The enclosing plate's latents first (where the init must be), then any latent but the chain itself.
                var closest = Closest(init, parent.Plate.Variables.Where(c => c.Kind == VariableKind.Latent).Select(c => c.Name))
                    ?? Closest(init, scope.Variables.Where(c => c.Variable.Kind == VariableKind.Latent && c != v).Select(c => c.Variable.Name));
                var observed = variable.Kind == VariableKind.Data;
                if (closest == null && observed) closest = Closest(init, parent.Plate.Inputs.Select(i => i.Name));
                var fix = closest != null
                    ? $"did you mean '{closest}'?"
                    : $"declare the initial state as a [Latent] {(observed ? "or an [Input] " : "")}of plate '{parentName}' and name it in [Timeseries(\"...\")], " +
                      $"or give the first element its own distribution with a static method of '{plateName}' named in [Timeseries(nameof(...))]";
                Report((init.Length == 0 ? "is empty" : observed ? "names no latent or input" : "names no latent") + "; " + fix);
                return;
            }
            if (target.Variable.Kind != VariableKind.Latent)
            {
                Report($"is a [Data] variable; the init must be a latent of plate '{parentName}'");
                return;
            }
            if (!ReferenceEquals(target.Plate, parent))
            {
                Report($"lives in plate '{CheckUtil.PlateDisplay(target.Plate.Plate)}', not in '{parentName}', the plate immediately enclosing '{plateName}'; " +
                       $"declare the initial state in '{parentName}'");
                return;
            }
            var d = variable.Distribution;
            var di = target.Variable.Distribution;
            if (variable.Kind == VariableKind.Data)
            {
                if (di != null) CheckObservedInitShape(variable, init, $"is {Describe(di)}", di.EventRank, null, isInput: false, diagnostics);
                return;
            }
            if (d != null && di != null && d.EventRank != di.EventRank)
                diagnostics.Add(CheckUtil.Make(Diagnostics.TimeseriesEventShape, variable.Location, name, init, Describe(d), Describe(di)));
        }

        /// <summary>
        /// A self-starting chain's start method: static, returning an Alan distribution of the chain's event rank, with
        /// Tensor arguments (bound like the chain's, at the first element) and no <c>prev</c> (ALAN038, ALAN039).
        /// </summary>
        private static void CheckStart(VariableModel variable, StartMethodModel start, System.Action<string> report, List<DiagnosticInfo> diagnostics)
        {
            if (!start.IsStatic) { report("is a method that is not static; make it static (it gives the first element's distribution)"); return; }
            if (start.IsGeneric) { report("is a generic method; remove its type parameters"); return; }
            if (start.Distribution == null)
            {
                report($"is a method returning '{start.ReturnTypeName}', not an Alan distribution; return the first element's distribution (e.g. Categorical, Normal)");
                return;
            }
            if (start.Arguments.Any(a => !a.IsTensor || a.RefKind.Length > 0 || a.Param != null))
            {
                report("has an argument that is not a plain Tensor; its arguments are Tensors bound by name like the chain's (no [Param]: declare a plate [Param] and name it)");
                return;
            }
            if (start.Arguments.Any(a => Binder.PreviousLag(CheckUtil.S(a.Name)) > 0))
            {
                report("reads 'prev', but the first element has no previous element; remove the argument");
                return;
            }
            var d = variable.Distribution;
            if (d != null && d.EventRank != start.Distribution.EventRank)
                diagnostics.Add(CheckUtil.Make(Diagnostics.TimeseriesEventShape, variable.Location, CheckUtil.S(variable.Name), start.Name, Describe(d), Describe(start.Distribution)));
        }

        /// <summary>The order p of an observed chain: the furthest lag its arguments read (<c>prev</c> 1, <c>prev2</c> 2, ...).</summary>
        public static int Order(VariableModel variable) =>
            CheckUtil.Safe(variable.Arguments).Where(a => a.Param == null).Select(a => Binder.PreviousLag(CheckUtil.S(a.Name))).DefaultIfEmpty(0).Max();

        /// <summary>
        /// ALAN049: an observed chain of order p starts from p values, its init's first event dim for p &gt; 1; checked
        /// where the declaration shows it (an input's declared shape, a latent's event rank), else at construction.
        /// </summary>
        private static void CheckObservedInitShape(VariableModel variable, string init, string what, int initRank, long? firstEventDim, bool isInput,
            List<DiagnosticInfo> diagnostics)
        {
            int order = Order(variable);
            var d = variable.Distribution;
            if (order < 1 || d == null) return;
            var name = CheckUtil.S(variable.Name);
            var orderText = order.ToString(CultureInfo.InvariantCulture);
            string? fix = null;
            if (order == 1 && initRank != d.EventRank)
                fix = $"give it the event shape of '{name}' ({d.ShortName}, event rank {d.EventRank.ToString(CultureInfo.InvariantCulture)}): it is the value before the first element";
            else if (order > 1 && isInput && (initRank != d.EventRank + 1 || firstEventDim != order))
                fix = $"declare it with Shape = new long[] {{ {orderText}{(d.EventRank > 0 ? ", ..." : "")} }}: the {orderText} values before the first element, oldest first";
            else if (order > 1 && !isInput && initRank != d.EventRank + 1 && !(initRank == d.EventRank && initRank == 0))
                fix = $"make it a latent whose first event dim holds the {orderText} values before the first element, oldest first";
            if (fix != null)
                diagnostics.Add(CheckUtil.Make(Diagnostics.ObservedTimeseriesInit, variable.Location, name, orderText + (order == 1 ? " element" : " elements"), init, what, fix));
        }

        private static string Describe(DistributionInfo d) =>
            $"a {d.ShortName} (event rank {d.EventRank.ToString(CultureInfo.InvariantCulture)})";

        private static string? Closest(string name, IEnumerable<string> candidates)
        {
            string? best = null;
            int bestDistance = int.MaxValue;
            foreach (var c in candidates)
            {
                int d = Levenshtein.Distance(name, c);
                if (d < bestDistance) { bestDistance = d; best = c; }
            }
            return best != null && bestDistance <= System.Math.Max(2, name.Length / 2) ? best : null;
        }

        /// <summary>ALAN041: the timeseries forms the generator cannot handle (checked once P and Q are bound without error).</summary>
        public static void CheckProblem(ProgramScope p, ProgramScope q, IReadOnlyList<BoundGroup> groups, List<DiagnosticInfo> diagnostics)
        {
            // Only chains that pass the rules of their programs are judged here.
            var programErrors = new List<DiagnosticInfo>();
            CheckProgram(p.Program, programErrors);
            CheckProgram(q.Program, programErrors);
            if (programErrors.Count > 0) return;
            var pName = CheckUtil.S(p.Program.Root.ClassName);
            var qName = CheckUtil.S(q.Program.Root.ClassName);
            void Report(ProgramScope.VariableEntry v, string what, string fix) =>
                diagnostics.Add(CheckUtil.Make(Diagnostics.TimeseriesUnsupported, v.Variable.Location, CheckUtil.S(v.Variable.Name), what, fix));

            foreach (var qv in q.Variables.Where(x => x.Variable.Timeseries != null && x.Variable.Kind == VariableKind.Latent))
            {
                var pv = p.FindVariable(qv.Variable.Name);
                if (pv == null) continue; // ALAN010
                if (pv.Variable.Timeseries == null)
                    Report(qv, $"is a timeseries in the proposal '{qName}' but not in the model '{pName}'",
                        $"mark it [Timeseries(\"{qv.Variable.Timeseries}\")] in '{pName}' too, or give it a per-element proposal");
                else if (pv.Variable.Timeseries != qv.Variable.Timeseries)
                    Report(qv, $"starts from '{qv.Variable.Timeseries}' in the proposal '{qName}' but from '{pv.Variable.Timeseries}' in the model '{pName}'",
                        "name the same init in both");
            }

            // A chained Q that starts itself draws its first element from its start method, which reads no latent (its
            // particles would need re-indexing like Q's parents).
            foreach (var qv in q.Variables.Where(x => x.Variable.Timeseries != null && x.Variable.TimeseriesStart != null))
                foreach (var a in CheckUtil.Safe(qv.Variable.TimeseriesStart!.Arguments))
                    if (q.FindVariable(a.Name) != null || q.FindVariable(Binder.Capitalise(a.Name)) != null)
                        Report(qv, $"starts from the method '{qv.Variable.TimeseriesStart.Name}' of '{qName}', which reads the latent named by '{a.Name}'",
                            "give the proposal's start method parameters and inputs only, or give the latent a per-element proposal");

            var groupOf = new Dictionary<string, BoundGroup>();
            foreach (var g in groups) foreach (var m in g.Members) groupOf[m] = g;
            foreach (var pv in p.Variables.Where(x => x.Variable.Timeseries != null && x.Variable.Kind == VariableKind.Latent))
            {
                var name = pv.Variable.Name;
                if (!groupOf.TryGetValue(name, out var group)) continue; // ALAN009
                if (group.Members.Count > 1)
                {
                    Report(pv, $"shares the particle group '{group.Name}' of '{qName}' with {string.Join(", ", group.Members.Where(m => m != name).Select(m => "'" + m + "'"))}",
                        $"remove Group from '{name}' in '{qName}' (a chain has its own particle dimension)");
                    continue;
                }
                var init = pv.Variable.Timeseries!;
                if (!groupOf.TryGetValue(init, out var initGroup)) continue;
                foreach (var other in p.Variables.Where(x => x != pv && x.Variable.Timeseries != null && x.Plate == pv.Plate && x.Index > pv.Index))
                    if (groupOf.TryGetValue(other.Variable.Timeseries!, out var otherInit) && otherInit == initGroup && other.Variable.Timeseries != init)
                        Report(other, $"starts from '{other.Variable.Timeseries}', which shares the particle group '{initGroup.Name}' with '{init}', the init of '{name}' in the same plate",
                            $"put '{other.Variable.Timeseries}' and '{init}' in different groups of '{qName}'");
                foreach (var scope in new[] { p, q })
                    foreach (var reader in scope.Variables.Where(x => x.Plate.IsWithin(pv.Plate.Name)))
                        foreach (var a in CheckUtil.Safe(reader.Variable.Arguments))
                            if (a.Param == null && a.Name != Binder.PreviousArgument && (a.Name == init || Binder.Capitalise(a.Name) == init))
                                Report(pv, $"starts from '{init}', which '{reader.Variable.Name}' of '{CheckUtil.S(scope.Program.Root.ClassName)}' also reads directly inside plate '{pv.Plate.Name}'",
                                    $"read '{init}' only through the chain (its 'prev' at the first element), or pass it on through a latent of plate '{pv.Plate.Parent!.Name}'");
            }
        }
    }
}