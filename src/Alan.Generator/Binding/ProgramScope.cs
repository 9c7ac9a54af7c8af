using System.Collections.Generic;
using Alan.Generator.Model;

namespace Alan.Generator.Binding
{
    /// <summary>Flattened view of a program: every plate with its path, every variable with its plate and position.</summary>
    internal sealed class ProgramScope
    {
        public sealed class PlateEntry
        {
            public PlateEntry(PlateModel plate, PlateEntry? parent)
            {
                Plate = plate;
                Parent = parent;
                var path = new List<string>();
                for (var p = this; p != null; p = p.Parent) if (p.Plate.PlateName.Length > 0) path.Insert(0, p.Plate.PlateName);
                Path = path;
            }

            public PlateModel Plate { get; }
            public PlateEntry? Parent { get; }
            public string Name => Plate.PlateName;
            /// <summary>Plate names from the root (exclusive) down to this plate (inclusive).</summary>
            public IReadOnlyList<string> Path { get; }

            public bool IsWithin(string ancestorName)
            {
                for (var p = this; p != null; p = p.Parent) if (p.Name == ancestorName) return true;
                return false;
            }
        }

        public sealed class VariableEntry
        {
            public VariableEntry(VariableModel variable, PlateEntry plate, int index)
            {
                Variable = variable; Plate = plate; Index = index;
            }

            public VariableModel Variable { get; }
            public PlateEntry Plate { get; }
            /// <summary>Declaration index within its plate.</summary>
            public int Index { get; }
        }

        public ProgramScope(ProgramModel program)
        {
            Program = program;
            Visit(program.Root, null);
        }

        public ProgramModel Program { get; }
        public List<PlateEntry> Plates { get; } = new List<PlateEntry>();
        public List<VariableEntry> Variables { get; } = new List<VariableEntry>();

        public PlateEntry? FindPlate(string name)
        {
            foreach (var p in Plates) if (p.Name == name) return p;
            return null;
        }

        public VariableEntry? FindVariable(string name)
        {
            foreach (var v in Variables) if (v.Variable.Name == name) return v;
            return null;
        }

        private void Visit(PlateModel plate, PlateEntry? parent)
        {
            var entry = new PlateEntry(plate, parent);
            Plates.Add(entry);
            for (int i = 0; i < plate.Variables.Count; i++) Variables.Add(new VariableEntry(plate.Variables[i], entry, i));
            foreach (var c in plate.Children) Visit(c, entry);
        }
    }
}
