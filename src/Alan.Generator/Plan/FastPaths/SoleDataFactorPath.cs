using System.Collections.Generic;
using Alan.Generator.Model;

namespace Alan.Generator.Plan.FastPaths
{
    /// <summary>
    /// A data variable that is its plate's only factor (no latents, no child plates, no other data), so its sum over the
    /// plate is the plate's result: what a <see cref="SoleDataFactorPath"/> is tried on.
    /// </summary>
    /// <param name="Variable">The variable's model (its method's syntactic form), when found.</param>
    internal sealed record SoleDataFactor(DataPlan Data, VariableModel? Variable, IReadOnlyList<InputPlan> Inputs, IReadOnlyList<ParamPlan> Parameters);

    /// <summary>
    /// A way to sum a sole data factor over its plate without broadcasting the particle dims over the plate's elements.
    /// Each path pairs with one runtime evaluator; <see cref="Registry.SoleDataFactor"/> lists them in the order the
    /// planner tries them (the first that applies wins, else the factor is evaluated elementwise).
    /// </summary>
    internal abstract class SoleDataFactorPath
    {
        /// <summary>The evaluation the plan records (the emitter switches on it).</summary>
        public abstract DataEvaluation Evaluation { get; }

        /// <summary>How the path's largest tensor is described (ALAN042, the memory guard): "plate statistics of d_Y".</summary>
        public abstract string Describe(string factor);

        /// <summary>The path's plan for <paramref name="factor"/> when it applies (<paramref name="statistics"/> when the path needs them), else false.</summary>
        public abstract bool TryPlan(SoleDataFactor factor, out PlateStatisticsPlan? statistics);

        /// <summary>
        /// An argument that is the same for every element of the data's plate: a latent (the plate has none when the data
        /// is its only factor), or an input or parameter of another plate; never data.
        /// </summary>
        protected static bool ConstantOverPlate(ArgPlan a, SoleDataFactor factor)
        {
            var plate = factor.Data.Plate;
            switch (a.Source)
            {
                case ArgSource.Latent: return true;
                case ArgSource.Input:
                    foreach (var i in factor.Inputs) if (i.Name == a.Name && i.Plate != plate) return true;
                    return false;
                case ArgSource.Param:
                    foreach (var p in factor.Parameters) if (p.Id == a.Param && p.Plate != plate) return true;
                    return false;
                default: return false;
            }
        }
    }
}
