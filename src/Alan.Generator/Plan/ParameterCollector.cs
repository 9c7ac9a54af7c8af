using System.Collections.Generic;
using System.Linq;
using Alan.Generator.Model;

namespace Alan.Generator.Plan
{
    /// <summary>Collects [Param]/[QemParam] tensors: own ones (Variable.argument) and named (shared) ones.</summary>
    internal sealed class ParameterCollector
    {
        private readonly List<ParamPlan> _plans = new List<ParamPlan>();
        private readonly Dictionary<string, string> _namedKeys = new Dictionary<string, string>();

        public void AddNamed(ParamModel param, string plate, bool inP)
        {
            if (param.Name == null || _namedKeys.ContainsKey(param.Name)) return;
            var key = "N_" + param.Name;
            _namedKeys[param.Name] = key;
            _plans.Add(new ParamPlan(key, "", param.Name, inP, plate, param.Init, param.Shape, param.IsQem));
        }

        public string KeyOfNamed(string name) => _namedKeys[name];

        public string AddOwn(string variable, ArgumentModel argument, string plate, bool inP)
        {
            var param = argument.Param!;
            if (param.Name != null)
            {
                AddNamed(param, plate, inP);
                return _namedKeys[param.Name];
            }
            var key = (inP ? "P_" : "Q_") + variable + "_" + argument.Name;
            if (_plans.All(p => p.Key != key))
                _plans.Add(new ParamPlan(key, variable, argument.Name, inP, plate, param.Init, param.Shape, param.IsQem));
            return key;
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
