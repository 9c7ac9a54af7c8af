using System.Collections.Generic;
using System.Linq;
using Alan.Generator.Model;

namespace Alan.Generator.Plan.FastPaths
{
    /// <summary>
    /// A Normal data factor whose method has the affine form (<see cref="AffineNormalForm"/>), whose loc terms are latents
    /// or latent x scalar input and whose scale reads only latents and parameters of enclosing plates: its plate sum
    /// Σ_n log N(y_n | Σ_j θ_j x_jn, σ) is computed exactly from the plate's statistics (runtime:
    /// <c>NormalRegression.PlateLogProb</c>), so the particle dims are broadcast over the enclosing plates only.
    /// </summary>
    internal sealed class PlateStatisticsPath : SoleDataFactorPath
    {
        public override DataEvaluation Evaluation => DataEvaluation.PlateStatistics;

        public override string Describe(string factor) => "plate statistics of " + factor;

        public override bool TryPlan(SoleDataFactor factor, out PlateStatisticsPlan? statistics)
        {
            statistics = factor.Variable?.Affine is { } affine ? Statistics(factor, factor.Variable, affine) : null;
            return statistics != null;
        }

        private static PlateStatisticsPlan? Statistics(SoleDataFactor factor, VariableModel variable, AffineNormalForm affine)
        {
            var d = factor.Data;
            var args = new Dictionary<string, ArgPlan>();
            for (int i = 0; i < variable.Arguments.Count; i++) args[variable.Arguments[i].Name] = d.P.Args[i];
            bool IsLatent(string name) => args.TryGetValue(name, out var a) && a.Source == ArgSource.Latent;
            bool IsScalarInput(string name) =>
                args.TryGetValue(name, out var a) && a.Source == ArgSource.Input && factor.Inputs.Any(i => i.Name == a.Name && i.Shape.Count == 0);

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
                    || (a.Source == ArgSource.Param && factor.Parameters.Any(p => p.Id == a.Param && p.Plate != d.Plate));
                if (!constant) return null;
            }
            var reads = variable.Arguments.Select(a => affine.ScaleReads.Contains(a.Name)).ToEquatableArray();
            return new PlateStatisticsPlan(terms.ToEquatableArray(), reads);
        }
    }
}
