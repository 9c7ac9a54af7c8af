using System;
using System.Collections.Generic;
using Alan.Generator.Model;

namespace Alan.Generator.Binding
{
    /// <summary>
    /// Resolves what each argument of a variable's method names, by the first-letter rule
    /// (<c>stateMean</c> binds <c>StateMean</c>; an exact match also binds).
    /// In P, names resolve against P's latents, P's data (an error later), inputs and P's plate parameters.
    /// In Q, against Q's latents, P's data, inputs and Q's plate parameters.
    /// </summary>
    internal sealed class Binder
    {
        private readonly ProgramScope _self;
        private readonly ProgramScope? _p;
        private readonly bool _isQ;
        private readonly Dictionary<string, string> _inputs; // input name -> plate

        /// <param name="self">The program whose variables are bound.</param>
        /// <param name="p">P's scope (for data and inputs) when binding Q; null when binding P.</param>
        /// <param name="otherInputsScope">The other program (inputs may be declared in either).</param>
        public Binder(ProgramScope self, ProgramScope? p, ProgramScope? otherInputsScope)
        {
            _self = self;
            _p = p;
            _isQ = p != null;
            _inputs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var scope in new[] { self, otherInputsScope })
                if (scope != null)
                    foreach (var plate in scope.Plates)
                        foreach (var input in plate.Plate.Inputs)
                            if (!_inputs.ContainsKey(input.Name)) _inputs[input.Name] = plate.Name;
        }

        /// <summary>The argument of a <c>[Timeseries]</c> latent that is the latent at the previous element (DESIGN 4.10).</summary>
        public const string PreviousArgument = "prev";

        /// <summary>
        /// The lag an argument name reads along a timeseries' plate: 1 for <c>prev</c>, n for <c>prev2</c>, <c>prev3</c>, ...
        /// (an observed chain's values n elements back, DESIGN 4.10); 0 for any other name.
        /// </summary>
        public static int PreviousLag(string name)
        {
            if (name == PreviousArgument) return 1;
            if (name.Length <= PreviousArgument.Length || !name.StartsWith(PreviousArgument, StringComparison.Ordinal) || name[PreviousArgument.Length] == '0') return 0;
            int lag = 0;
            for (int i = PreviousArgument.Length; i < name.Length; i++)
            {
                if (name[i] < '0' || name[i] > '9' || lag > 1000) return 0;
                lag = lag * 10 + (name[i] - '0');
            }
            return lag >= 2 ? lag : 0;
        }

        public static string Capitalise(string name) =>
            name.Length == 0 ? name : char.ToUpperInvariant(name[0]) + name.Substring(1);

        public ArgumentBinding Bind(ProgramScope.VariableEntry variable, ArgumentModel argument)
        {
            if (argument.Param != null) return new ArgumentBinding(BindingKind.OwnParam, argument.Name, variable.Plate.Name);
            if (variable.Variable.Timeseries != null && PreviousLag(argument.Name) > 0)
                return new ArgumentBinding(BindingKind.Previous, variable.Variable.Name, variable.Plate.Name);
            foreach (var candidate in Candidates(argument.Name))
            {
                var b = BindName(variable, candidate);
                if (b != null) return b;
            }
            return new ArgumentBinding(BindingKind.Unknown, Suggest(argument.Name) ?? "", "");
        }

        private static IEnumerable<string> Candidates(string name)
        {
            yield return name;
            var cap = Capitalise(name);
            if (cap != name) yield return cap;
        }

        private ArgumentBinding? BindName(ProgramScope.VariableEntry variable, string name)
        {
            // Variables of this program (latents; data too in P).
            var target = _self.FindVariable(name);
            if (target != null && (!_isQ || target.Variable.Kind == VariableKind.Latent))
            {
                bool visible = variable.Plate.IsWithin(target.Plate.Name)
                    && (target.Plate != variable.Plate || target.Index < variable.Index);
                if (!visible) return new ArgumentBinding(BindingKind.OutOfScope, name, target.Plate.Name);
                return new ArgumentBinding(target.Variable.Kind == VariableKind.Latent ? BindingKind.Latent : BindingKind.Data, name, target.Plate.Name);
            }
            // In Q: P's data variables in an enclosing plate.
            if (_isQ && _p != null)
            {
                var data = _p.FindVariable(name);
                if (data != null && data.Variable.Kind == VariableKind.Data)
                {
                    if (!variable.Plate.IsWithin(data.Plate.Name)) return new ArgumentBinding(BindingKind.OutOfScope, name, data.Plate.Name);
                    return new ArgumentBinding(BindingKind.Data, name, data.Plate.Name);
                }
            }
            if (_inputs.TryGetValue(name, out var inputPlate))
            {
                if (!variable.Plate.IsWithin(inputPlate)) return new ArgumentBinding(BindingKind.OutOfScope, name, inputPlate);
                return new ArgumentBinding(BindingKind.Input, name, inputPlate);
            }
            for (var p = variable.Plate; p != null; p = p.Parent)
                foreach (var param in p.Plate.Params)
                    if (param.Name == name) return new ArgumentBinding(BindingKind.PlateParam, name, p.Name);
            return null;
        }

        /// <summary>All names an argument could refer to, for "did you mean" suggestions.</summary>
        public IEnumerable<string> AllNames()
        {
            foreach (var v in _self.Variables) yield return v.Variable.Name;
            if (_p != null) foreach (var v in _p.Variables) if (v.Variable.Kind == VariableKind.Data) yield return v.Variable.Name;
            foreach (var k in _inputs.Keys) yield return k;
            foreach (var plate in _self.Plates) foreach (var param in plate.Plate.Params) if (param.Name != null) yield return param.Name;
        }

        private string? Suggest(string name)
        {
            string? best = null;
            int bestDistance = int.MaxValue;
            var cap = Capitalise(name);
            foreach (var candidate in AllNames())
            {
                int d = Math.Min(Levenshtein.Distance(name, candidate), Levenshtein.Distance(cap, candidate));
                if (d < bestDistance) { bestDistance = d; best = candidate; }
            }
            return best != null && bestDistance <= Math.Max(2, name.Length / 2) ? best : null;
        }
    }
}
