using System.Collections.Generic;
using System.Linq;
using Alan.Generator.Binding;
using Alan.Generator.Model;

namespace Alan.Generator.Plan
{
    /// <summary>
    /// Decides which data factors are summed over their plate through plate statistics (issue 10): a Normal [Data]
    /// variable whose method has the affine form (<see cref="AffineNormalForm"/>), whose loc terms are latents or
    /// latent x scalar input, whose scale reads only latents and parameters of enclosing plates, and which is its
    /// plate's only factor (no latents, no child plates, no other data), so its plate sum is the plate's result.
    /// Likewise a binary [Data] variable (Bernoulli) that is its plate's only factor and whose arguments all live on
    /// enclosing plates: its distribution is the same for every element of the plate, so the plate sum is
    /// n_1 log p(1) + n_0 log p(0) with the plate's counts of 1s and 0s (occupancy's Seen: K^2 x sites, not x visits).
    /// Every other data factor keeps the general path (elementwise log-density, then the plate sum).
    /// </summary>
    internal static class PlateStatisticsPlanner
    {
        public static List<DataPlan> Plan(
            ProgramScope pScope,
            IReadOnlyList<DataPlan> data,
            IReadOnlyList<InputPlan> inputs,
            EquatableArray<ParamPlan> parameters,
            ref EquatableArray<PlateReductionPlan> reductions)
        {
            var result = new List<DataPlan>();
            var plans = reductions.ToList();
            foreach (var d in data)
            {
                var form = pScope.FindVariable(d.Name)?.Variable;
                int index = plans.FindIndex(r => r.Plate == d.Plate);
                var statistics = form?.Affine is { } affine && index >= 0 && IsSoleFactor(plans[index], d)
                    ? Statistics(d, form, affine, inputs, parameters)
                    : null;
                bool counts = statistics is null && index >= 0 && IsSoleFactor(plans[index], d) && d.P.Binary
                    && d.P.Args.All(a => ConstantOverPlate(a, d.Plate, inputs, parameters));
                if (statistics is null && !counts)
                {
                    result.Add(d);
                    continue;
                }
                result.Add(d with { Statistics = statistics, BinaryCounts = counts });
                // Its largest tensor spans the enclosing plates only: the plate is summed before the particle dims are broadcast.
                var r = plans[index];
                if (r.Largest is { } largest)
                    plans[index] = r with { Largest = largest with { Description = (counts ? "counts of d_" : "plate statistics of d_") + d.Name, OverParent = true } };
            }
            reductions = plans.ToEquatableArray();
            return result;
        }

        /// <summary>
        /// An argument that is the same for every element of plate <paramref name="plate"/>: a latent (the plate has none
        /// when the data is its sole factor), or an input or parameter of another plate; never data.
        /// </summary>
        private static bool ConstantOverPlate(ArgPlan a, string plate, IReadOnlyList<InputPlan> inputs, EquatableArray<ParamPlan> parameters) =>
            a.Source switch
            {
                ArgSource.Latent => true,
                ArgSource.Input => inputs.Any(i => i.Name == a.Name && i.Plate != plate),
                ArgSource.Param => parameters.Any(p => p.Id == a.Param && p.Plate != plate),
                _ => false,
            };

        private static bool IsSoleFactor(PlateReductionPlan r, DataPlan d) =>
            r.Plate.Length > 0 && r.Groups.Count == 0 && r.ChildFactors.Count == 0 && r.Data.Count == 1 && r.Data[0] == d.Name
            && r.Steps.Count == 1 && r.Steps[0].Kind == StepKind.PlateSum && r.Steps[0].Inputs[0] == "d_" + d.Name;

        private static PlateStatisticsPlan? Statistics(
            DataPlan d, VariableModel variable, AffineNormalForm affine, IReadOnlyList<InputPlan> inputs, EquatableArray<ParamPlan> parameters)
        {
            var args = new Dictionary<string, ArgPlan>();
            for (int i = 0; i < variable.Arguments.Count; i++) args[variable.Arguments[i].Name] = d.P.Args[i];
            bool IsLatent(string name) => args.TryGetValue(name, out var a) && a.Source == ArgSource.Latent;
            bool IsScalarInput(string name) =>
                args.TryGetValue(name, out var a) && a.Source == ArgSource.Input && inputs.Any(i => i.Name == a.Name && i.Shape.Count == 0);

            var terms = new List<RegressionTerm>();
            foreach (var t in affine.Loc)
            {
                if (t.Factors.Count == 1 && IsLatent(t.Factors[0]))
                    terms.Add(new RegressionTerm(args[t.Factors[0]].Name, "", t.Negated));
                else if (t.Factors.Count == 2 && IsLatent(t.Factors[0]) && IsScalarInput(t.Factors[1]))
                    terms.Add(new RegressionTerm(args[t.Factors[0]].Name, args[t.Factors[1]].Name, t.Negated));
                else if (t.Factors.Count == 2 && IsScalarInput(t.Factors[0]) && IsLatent(t.Factors[1]))
                    terms.Add(new RegressionTerm(args[t.Factors[1]].Name, args[t.Factors[0]].Name, t.Negated));
                else
                    return null;
            }
            if (terms.Count == 0) return null;

            // The scale may read latents (of enclosing plates: the data's plate has none) and parameters of enclosing plates.
            foreach (var name in affine.ScaleReads)
            {
                var a = args[name];
                bool constant = a.Source == ArgSource.Latent
                    || (a.Source == ArgSource.Param && parameters.Any(p => p.Id == a.Param && p.Plate != d.Plate));
                if (!constant) return null;
            }
            var reads = variable.Arguments.Select(a => affine.ScaleReads.Contains(a.Name)).ToEquatableArray();
            return new PlateStatisticsPlan(terms.ToEquatableArray(), reads);
        }
    }
}
