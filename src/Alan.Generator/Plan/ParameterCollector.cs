using System.Collections.Generic;
using System.Linq;
using Alan.Generator.Model;

namespace Alan.Generator.Plan
{
    /// <summary>Collects [Param]/[QemParam] tensors: own ones (program, variable, argument) and named (shared) ones.</summary>
    internal sealed class ParameterCollector
    {
        private readonly List<ParamPlan> _plans = new List<ParamPlan>();
        private readonly HashSet<string> _named = new HashSet<string>(System.StringComparer.Ordinal);

        public void AddNamed(ParamModel param, string plate, bool inP)
        {
            if (param.Name == null || !_named.Add(param.Name)) return;
            _plans.Add(new ParamPlan(Named(param.Name), "", param.Name, inP, plate, ParamStart.Of(param), param.Shape, param.IsQem));
        }

        /// <summary>The named parameter <paramref name="name"/> (registered by <see cref="AddNamed"/>).</summary>
        public static ParamRef Named(string name) => new ParamRef(ParamOwner.Named, name);

        public ParamRef AddOwn(string variable, ArgumentModel argument, string plate, bool inP)
        {
            var param = argument.Param!;
            if (param.Name != null)
            {
                AddNamed(param, plate, inP);
                return Named(param.Name);
            }
            var id = new ParamRef(inP ? ParamOwner.P : ParamOwner.Q, variable, argument.Name);
            if (_plans.All(p => p.Id != id))
                _plans.Add(new ParamPlan(id, variable, argument.Name, inP, plate, ParamStart.Of(param), param.Shape, param.IsQem));
            return id;
        }

        /// <summary>
        /// The parameters; when P and Q both give a variable's argument of the same name a parameter, their
        /// sub-modules are qualified by program ("P_Z.loc" and "Q_Z.loc") so state-dict names stay unique.
        /// </summary>
        public EquatableArray<ParamPlan> ToPlans()
        {
            var clashes = new HashSet<(string, string)>(_plans
                .Where(p => p.Module.Length > 0)
                .GroupBy(p => (p.Module, p.LocalName))
                .Where(g => g.Select(p => p.InP).Distinct().Count() > 1)
                .Select(g => g.Key));
            return _plans.Select(p => p.Module.Length > 0 && clashes.Contains((p.Module, p.LocalName))
                ? p with { Module = (p.InP ? "P_" : "Q_") + p.Module }
                : p).ToEquatableArray();
        }
    }
}
