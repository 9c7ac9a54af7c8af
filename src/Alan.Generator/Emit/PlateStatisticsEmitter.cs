using System;
using System.Linq;
using Alan.Generator.Plan;

namespace Alan.Generator.Emit
{
    /// <summary>
    /// A plate whose only factor is a Normal data factor with an affine loc (<see cref="PlateStatisticsPlan"/>): its
    /// result R_p = Σ_n log N(y_n | Σ_j θ_j x_jn, σ) is computed from the plate's statistics by
    /// <c>NormalRegression.PlateLogProb</c> (exact), so the particle dims are broadcast over the enclosing plates
    /// only, never over the plate's elements. σ is the scale expression of the data's method, evaluated alone by its
    /// generated scale accessor (the loc is never evaluated).
    /// </summary>
    internal static class PlateStatisticsEmitter
    {
        /// <summary>
        /// A plate whose only factor is binary data whose distribution does not vary over the plate
        /// (<see cref="DataPlan.BinaryCounts"/>): R_p = n_1 log p(1) + n_0 log p(0), by <c>BinaryData.PlateLogProb</c>.
        /// </summary>
        /// <param name="read">The local a whole tensor (latent, input, data, parameter) is read through in this plate.</param>
        public static void EmitCounts(CodeWriter w, EmitContext ctx, string plate, DataFactorStep step, Func<ArgPlan, string> read)
        {
            var d = step.Data;
            var distribution = "pDist_" + d.Name;
            w.Line($"// {d.Name} is 0 or 1 with the same distribution for every element of {plate}: summed over the plate as");
            w.Line($"// n_1 log p(1) + n_0 log p(0), with the plate's counts of 1s and 0s, before the particle dims are broadcast over it.");
            w.CallLine($"var {distribution} = {ctx.Names.Accessor(d.P)}", d.P.Args.Select(read), ";");
            var plates = ctx.Path(plate).Select(p => p.Dim).Where(dim => dim != step.SummedPlate);
            w.Line("// " + ctx.DimList(step.Remaining.Concat(plates)));
            w.CallLine(
                $"var {step.Output} = {EmitContext.CompilerServices}.FastPaths.BinaryData.PlateLogProb",
                new[] { distribution, read(new ArgPlan(ArgSource.Data, d.Name)), ctx.DimName(step.SummedPlate), "__L", "__work" },
                ";");
        }

        /// <param name="read">The local a whole tensor (latent, input, data, parameter) is read through in this plate.</param>
        public static void Emit(CodeWriter w, EmitContext ctx, string plate, DataFactorStep step, Func<ArgPlan, string> read)
        {
            var d = step.Data;
            var stats = step.Statistics!;
            var y = read(new ArgPlan(ArgSource.Data, d.Name));
            string Coefficient(RegressionTerm t) => (t.Negated ? "-" : "") + read(new ArgPlan(ArgSource.Latent, t.Coefficient));
            string Regressor(RegressionTerm t) => t.Regressor.Length == 0 ? "null" : read(new ArgPlan(ArgSource.Input, t.Regressor));
            string Term(RegressionTerm t) =>
                (t.Negated ? "- " : "+ ") + (t.Regressor.Length == 0 ? "" : t.Regressor + " * ") + t.Coefficient;
            var loc = string.Join(" ", stats.Terms.Select(Term));
            loc = loc.StartsWith("+ ", StringComparison.Ordinal) ? loc.Substring(2) : "-" + loc.Substring(2);

            var scale = "scale_" + d.Name;
            w.Line($"// {d.Name} ~ Normal({loc}, σ),");
            w.Line($"// summed over {plate} exactly through the plate's statistics, before the particle dims are broadcast;");
            w.Line($"// σ is the scale of {d.Name}'s method, evaluated alone.");
            var args = d.P.Args.Where((a, i) => stats.ScaleReads[i]).Select(read);
            w.CallLine($"var {scale} = {ctx.Names.ScaleAccessor(d.P)}", args, ";");
            var plates = ctx.Path(plate).Select(p => p.Dim).Where(dim => dim != step.SummedPlate);
            w.Line("// " + ctx.DimList(step.Remaining.Concat(plates)));
            w.CallLine(
                $"var {step.Output} = {EmitContext.CompilerServices}.FastPaths.NormalRegression.PlateLogProb",
                new[]
                {
                    y,
                    $"new {EmitContext.Tensor}[] {{ {string.Join(", ", stats.Terms.Select(Coefficient))} }}",
                    $"new {EmitContext.Tensor}?[] {{ {string.Join(", ", stats.Terms.Select(Regressor))} }}",
                    scale,
                    ctx.DimName(step.SummedPlate),
                    "__L",
                    "__work",
                },
                ";");
        }
    }
}
