using System;
using System.Collections.Generic;
using Alan.Generator.Model;

namespace Alan.Generator.Check
{
    /// <summary>
    /// The names a program declares (plates, variables, groups, inputs, plate parameters, explicit
    /// argument-parameter names), which share one namespace per problem (DESIGN 2.2, "Names are global").
    /// </summary>
    internal sealed class NameTable
    {
        internal enum NameKind { Plate, Variable, Group, Input, PlateParam, ArgumentParam }

        internal sealed class Entry
        {
            public Entry(string name, NameKind kind, PlateModel plate, string parentPlate, VariableModel? variable, string argument, LocationInfo location)
            {
                Name = name; Kind = kind; Plate = plate; ParentPlate = parentPlate; Variable = variable; Argument = argument; Location = location;
            }

            public string Name { get; }
            public NameKind Kind { get; }
            /// <summary>The plate the entry lives on (for a plate entry: the plate itself).</summary>
            public PlateModel Plate { get; }
            /// <summary>For plate entries: the parent plate's class name.</summary>
            public string ParentPlate { get; }
            /// <summary>The variable (variables, groups, argument parameters).</summary>
            public VariableModel? Variable { get; }
            public string Argument { get; }
            public LocationInfo Location { get; }
        }

        public NameTable(ProgramModel program)
        {
            Program = program;
            var seenGroups = new HashSet<string>(StringComparer.Ordinal);
            if (program?.Root != null) Visit(program.Root, null, seenGroups);
        }

        public ProgramModel Program { get; }

        public string ProgramName => CheckUtil.S(Program?.Root?.ClassName);

        public List<Entry> Entries { get; } = new List<Entry>();

        private void Visit(PlateModel plate, PlateModel? parent, HashSet<string> seenGroups)
        {
            if (parent != null && CheckUtil.S(plate.PlateName).Length > 0)
                Entries.Add(new Entry(plate.PlateName, NameKind.Plate, plate, CheckUtil.PlateDisplay(parent), null, "", plate.Location));
            foreach (var input in CheckUtil.Safe(plate.Inputs))
                if (CheckUtil.S(input.Name).Length > 0)
                    Entries.Add(new Entry(input.Name, NameKind.Input, plate, "", null, "", input.Location));
            foreach (var param in CheckUtil.Safe(plate.Params))
                if (CheckUtil.S(param.Name).Length > 0)
                    Entries.Add(new Entry(param.Name!, NameKind.PlateParam, plate, "", null, "", param.Location));
            foreach (var v in CheckUtil.Safe(plate.Variables))
            {
                if (CheckUtil.S(v.Name).Length > 0)
                    Entries.Add(new Entry(v.Name, NameKind.Variable, plate, "", v, "", v.Location));
                var group = CheckUtil.S(v.Group);
                if (group.Length > 0 && seenGroups.Add(group))
                    Entries.Add(new Entry(group, NameKind.Group, plate, "", v, "", v.Location));
                foreach (var a in CheckUtil.Safe(v.Arguments))
                    if (a.Param != null && CheckUtil.S(a.Param.Name).Length > 0)
                        Entries.Add(new Entry(a.Param.Name!, NameKind.ArgumentParam, plate, "", v, CheckUtil.S(a.Name), a.Location));
            }
            foreach (var child in CheckUtil.Safe(plate.Children)) Visit(child, plate, seenGroups);
        }

        /// <summary>Same-kind entries that may share a name within one program.</summary>
        private static bool AllowedWithinProgram(Entry a, Entry b) =>
            (a.Kind == NameKind.Group && b.Kind == NameKind.Group)              // one group, several latents (plates: ALAN016)
            || (a.Kind == NameKind.ArgumentParam && b.Kind == NameKind.ArgumentParam); // explicit names are shareable

        /// <summary>Entries of P and Q that may share a name (the mirrored parts of the two programs).</summary>
        private static bool AllowedAcrossPrograms(Entry p, Entry q)
        {
            if (p.Kind != q.Kind) return false;
            switch (p.Kind)
            {
                case NameKind.Variable: return true; // counterparts; checked by ALAN009-012
                case NameKind.Plate: return true;    // mirrored plates; checked by ALAN008
                case NameKind.Group: return true;    // groups are per program
                case NameKind.ArgumentParam: return true;
                case NameKind.Input: return CheckUtil.S(p.Plate.PlateName) == CheckUtil.S(q.Plate.PlateName);
                default: return false;
            }
        }

        /// <summary>Names that clash within this program.</summary>
        public HashSet<string> ClashingNames()
        {
            var result = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (later, _) in Clashes()) result.Add(later.Name);
            return result;
        }

        /// <summary>Clashes within the program, reported at the later entry (once per entry).</summary>
        public void ReportClashes(List<DiagnosticInfo> diagnostics)
        {
            foreach (var (later, earlier) in Clashes())
                diagnostics.Add(CheckUtil.Make(Diagnostics.DuplicateName, later.Location, later.Name, Describe(later), DescribeOther(earlier, null)));
        }

        private IEnumerable<(Entry Later, Entry Earlier)> Clashes()
        {
            var byName = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
            foreach (var e in Entries)
            {
                if (!byName.TryGetValue(e.Name, out var earlier)) byName[e.Name] = earlier = new List<Entry>();
                foreach (var other in earlier)
                    if (!AllowedWithinProgram(other, e)) { yield return (e, other); break; }
                earlier.Add(e);
            }
        }

        /// <summary>
        /// Clashes between P's and Q's names, reported at Q's entry. Names that already clash inside either
        /// program are skipped (reported by the program checker).
        /// </summary>
        public static void ReportCrossClashes(NameTable p, NameTable q, List<DiagnosticInfo> diagnostics)
        {
            var skip = p.ClashingNames();
            skip.UnionWith(q.ClashingNames());
            var pByName = new Dictionary<string, List<Entry>>(StringComparer.Ordinal);
            foreach (var e in p.Entries)
            {
                if (!pByName.TryGetValue(e.Name, out var l)) pByName[e.Name] = l = new List<Entry>();
                l.Add(e);
            }
            foreach (var e in q.Entries)
            {
                if (skip.Contains(e.Name) || !pByName.TryGetValue(e.Name, out var candidates)) continue;
                foreach (var other in candidates)
                    if (!AllowedAcrossPrograms(other, e))
                    {
                        diagnostics.Add(CheckUtil.Make(Diagnostics.DuplicateName, e.Location, e.Name, Describe(e), DescribeOther(other, p.ProgramName)));
                        break;
                    }
            }
        }

        /// <summary>"the latent in plate 'P1'" (the entry being reported).</summary>
        private static string Describe(Entry e)
        {
            var plate = CheckUtil.PlateDisplay(e.Plate);
            switch (e.Kind)
            {
                case NameKind.Plate: return $"the plate class nested in '{e.ParentPlate}'";
                case NameKind.Variable: return $"the {CheckUtil.KindName(e.Variable!.Kind)} in plate '{plate}'";
                case NameKind.Group: return $"the group of latent '{CheckUtil.S(e.Variable?.Name)}'";
                case NameKind.Input: return $"the [Input] on plate '{plate}'";
                case NameKind.PlateParam: return $"the [Param] on plate '{plate}'";
                default: return $"the [Param] of argument '{e.Argument}' of '{CheckUtil.S(e.Variable?.Name)}'";
            }
        }

        /// <summary>"a latent in plate 'P1'" (the entry clashed with), naming its program when it is the other one.</summary>
        private static string DescribeOther(Entry e, string? program)
        {
            var plate = CheckUtil.PlateDisplay(e.Plate);
            var of = program != null ? $" of the model '{program}'" : "";
            // Within the other program, the root plate is named by the program itself.
            var inPlate = program != null && CheckUtil.S(e.Plate.PlateName).Length == 0 ? "" : $" in plate '{plate}'";
            var onPlate = program != null && CheckUtil.S(e.Plate.PlateName).Length == 0 ? "" : $" on plate '{plate}'";
            switch (e.Kind)
            {
                case NameKind.Plate: return $"a plate class nested in '{e.ParentPlate}'{of}";
                case NameKind.Variable: return $"a {CheckUtil.KindName(e.Variable!.Kind)}{inPlate}{of}";
                case NameKind.Group: return $"the group of latent '{CheckUtil.S(e.Variable?.Name)}'{of}";
                case NameKind.Input: return $"an [Input]{onPlate}{of}";
                case NameKind.PlateParam: return $"a [Param]{onPlate}{of}";
                default: return $"the [Param] of argument '{e.Argument}' of '{CheckUtil.S(e.Variable?.Name)}'{of}";
            }
        }
    }
}
