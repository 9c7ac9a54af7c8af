using System.Linq;

namespace Alan.Generator.Emit
{
    /// <summary>ImportanceSample(N): exact posterior draws by replaying the elimination plan backwards (DESIGN 4.7).</summary>
    internal static class ImportanceSampleEmitter
    {
        public static void Emit(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            w.Open("internal ImportanceSampleSet __ImportanceSample(ProblemSample s, int N, global::Alan.ComputationStrategy? strategy)");
            w.Line("if (N < 1) throw new global::System.ArgumentOutOfRangeException(nameof(N), N, \"The number of importance samples N must be at least 1.\");");
            // The drawn indices (int64, 8 bytes each) are held whole: a split shrinks the estimator's factors, not them.
            w.CallLine("global::Alan.CompilerServices.Memory.MemoryGuard.Check", new[] { $"\"{plan.ClassName}.ImportanceSample\"", "\"N\"", "N", "8", "__drawExtents", "__layout", "splittable: false" }, ";");
            w.Line($"using var __scope = {EmitContext.Torch}.NewDisposeScope();");
            w.Line("using var ring = new global::Alan.CompilerServices.Semiring.RecordingContraction();");
            w.Open($"using ({EmitContext.Torch}.no_grad())");
            w.Line($"__Estimate(s, \"{plan.ClassName}.ImportanceSample\", detach: true, ring, strategy);");
            w.Line("var __idx = global::Alan.CompilerServices.Posterior.BackwardSampler.Draw(N, ring, __recordedSteps, __layout, __layoutNames, s.__generator);");
            foreach (var l in plan.Latents)
            {
                var k = ctx.ParticleDim(ctx.Group(l.Group));
                w.CallLine($"var {ctx.Names.DrawnIndex(l.Name)} = global::Alan.CompilerServices.Posterior.BackwardSampler.Select", new[] { $"s.{ctx.Names.Particles(l.Name)}.detach()", $"__idx[{k}]!", k, "__L" }, ";");
            }
            foreach (var l in plan.Latents)
                w.CallLine($"var {ctx.Names.Draw(l.Name)} = global::Alan.CompilerServices.TensorLayout.Layout.Extract", new[] { $"{ctx.Names.DrawnIndex(l.Name)}", "__L + 1", PosteriorEmitter.Leading(ctx, l.Plate, "N") }, ";");
            w.CallLine("return new ImportanceSampleSet", plan.Latents.Select(l => $"{ctx.Names.Draw(l.Name)}.MoveToOuterDisposeScope()"), " { __Problem = this, __Generator = s.__generator };");
            w.Close();
            w.Close();
            w.Line();
            // Display names of the particle dims (joint samples, one per Q group) for error messages; plates are named by __layout.
            var names = new string[plan.LayoutRank];
            for (int d = 0; d < names.Length; d++) names[d] = "";
            names[0] = "the joint samples";
            foreach (var g in plan.Groups)
                names[g.Dim] = g.Members.Count == 1 && g.Members[0] == g.Name ? $"latent '{g.Name}'" : $"group '{g.Name}' (latents {string.Join(", ", g.Members)})";
            w.ArrayLine("private static readonly string[] __layoutNames = new string[]", names.Select(n => "\"" + n + "\""), ";");
            w.Line();
        }

        public static void EmitResultType(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            var T = EmitContext.Tensor;
            w.Line("/// <summary>N exact draws from the MP posterior, per latent [N, plates..., event...].</summary>");
            w.Open($"public sealed record ImportanceSampleSet({string.Join(", ", plan.Latents.Select(l => T + " " + EmitContext.Id(l.Name)))})");
            w.Line("/// <summary>Moments estimated from the draws (mean over N).</summary>");
            var moments = plan.Latents.Select(l => $"global::Alan.Moments.FromDraws({EmitContext.Id(l.Name)})");
            w.Line($"public MomentSet Moments() => new MomentSet({string.Join(", ", moments)});");
            w.Line();
            w.Line("/// <summary>Writes the draws as a CmdStan CSV file for R, ArviZ and ShinyStan (see <see cref=\"global::Alan.CmdStanCsv\"/>).</summary>");
            w.CallLine("public void WriteCmdStanCsv(string path) => global::Alan.CmdStanCsv.Write", new[] { "path", $"new (string, {EmitContext.Tensor})[] {{ " + string.Join(", ", plan.Latents.Select(l => $"(\"{l.Name}\", {EmitContext.Id(l.Name)})")) + " }", $"\"{plan.ClassName}\"", "__Origin" }, ";");
            w.Line();
            w.Line("/// <summary>Where the draws came from (ImportanceSample, or a Fit with its Pareto k-hat and log evidence), for <see cref=\"WriteCmdStanCsv\"/>.</summary>");
            w.Line("internal global::Alan.DrawsOrigin __Origin { get; init; } = global::Alan.DrawsOrigin.ImportanceSample;");
            w.Line();
            w.Line($"internal {EmitContext.Id(plan.ClassName)}? __Problem {{ get; init; }}");
            w.Line();
            w.Line("/// <summary>The generator these draws came from, which <see cref=\"Extend\"/> continues (null: torch's default generator).</summary>");
            w.Line("internal global::TorchSharp.torch.Generator? __Generator { get; init; }");
            w.Line();
            var inputsParam = ctx.HasInputs ? ", Inputs? inputs = null" : "";
            var inputsArg = ctx.HasInputs ? ", inputs" : "";
            w.Line("/// <summary>Extends plates to <paramref name=\"sizes\"/>: new positions are drawn from P given each draw (training positions keep the draws).</summary>");
            w.Line($"public ExtendedSample Extend(PlateSizes sizes{inputsParam}) => (__Problem ?? throw new global::System.InvalidOperationException(\"These draws are not attached to a problem.\")).__Extend(this, sizes{inputsArg});");
            w.Close();
            w.Line();
        }
    }
}
