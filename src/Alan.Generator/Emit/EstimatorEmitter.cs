using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Alan.Generator.Plan;

namespace Alan.Generator.Emit
{
    /// <summary>
    /// The MP estimator as straight-line code: group factors F_g = lp_g - LME_{Q-parents}(lq_g) - log K,
    /// data factors, then each plate's elimination steps (children first) and the root total (DESIGN 4.2-4.4).
    /// </summary>
    internal static class EstimatorEmitter
    {
        public static void Emit(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            var dimFields = new List<string>();
            var recorded = new List<string>();

            w.Line("/// <summary>log P-hat for a sample; <paramref name=\"detach\"/> cuts the graph through the samples (RWS, no-grad).</summary>");
            w.Open($"private {EmitContext.Tensor} __Estimate(ProblemSample s, bool detach, global::Alan.SourceTerms? __src = null, global::Alan.EliminationRecord? __rec = null)");
            w.Line($"using var __scope = {EmitContext.Torch}.NewDisposeScope();");
            w.Line("double __logK = s.__nonMp ? 0.0 : global::System.Math.Log(s.K);");
            foreach (var l in plan.Latents)
                w.Line($"var z_{l.Name} = detach ? s.__v_{l.Name}.detach() : s.__v_{l.Name};");

            foreach (var reduction in plan.Reductions)
            {
                w.Line($"// plate {(reduction.Plate.Length == 0 ? "root" : reduction.Plate)}");
                foreach (var gName in reduction.Groups)
                {
                    var g = ctx.Group(gName);
                    var lq = g.Members.Select(m => $"{ArgumentExpressions.Call(ctx.Latent(m).Q, n => "z_" + n, ArgumentExpressions.InstanceParam, ctx)}.LogProb(z_{m}, __L, __dtype)");
                    var lp = g.Members.Select(m => $"{ArgumentExpressions.Call(ctx.Latent(m).P, n => "z_" + n, ArgumentExpressions.InstanceParam, ctx)}.LogProb(z_{m}, __L, __dtype)");
                    w.Line($"var lq_{g.Name} = {string.Join(" + ", lq)};");
                    if (g.QParents.Count > 0)
                    {
                        var field = $"__qparents_{g.Name}";
                        dimFields.Add($"private static readonly long[] {field} = {EmitContext.Ints(g.QParents.Select(h => ctx.Group(h).Dim))};");
                        w.Line($"lq_{g.Name} = global::Alan.LogSpace.LogMeanExp(lq_{g.Name}, {field});");
                    }
                    w.Line($"var lp_{g.Name} = {string.Join(" + ", lp)};");
                    w.Line($"var f_{g.Name} = lp_{g.Name} - lq_{g.Name} - __logK;");
                    var gi = plan.Groups.Items.IndexOf(g);
                    var latentIndices = string.Join(", ", g.Members.Select(m => plan.Latents.Items.IndexOf(ctx.Latent(m)).ToString(CultureInfo.InvariantCulture)));
                    dimFields.Add($"private static readonly int[] __members_{g.Name} = new int[] {{ {latentIndices} }};");
                    w.Line($"if (__src is not null) f_{g.Name} = __src.Apply(f_{g.Name}, {gi}, __L, __members_{g.Name});");
                }
                foreach (var dName in reduction.Data)
                {
                    var d = plan.Data.First(x => x.Name == dName);
                    w.Line($"var d_{d.Name} = {ArgumentExpressions.Call(d.P, n => "z_" + n, ArgumentExpressions.InstanceParam, ctx)}.LogProb(__data_{d.Name}, __L, __dtype);");
                }
                foreach (var step in reduction.Steps)
                {
                    switch (step.Kind)
                    {
                        case StepKind.LogSumExp:
                        {
                            var field = $"__dims_{step.Output}";
                            dimFields.Add($"private static readonly long[] {field} = {EmitContext.Ints(step.Dims)};");
                            w.Line($"__rec?.Set({recorded.Count}, {step.Inputs[0]});");
                            recorded.Add(field);
                            w.Line($"var {step.Output} = global::Alan.LogSpace.LogSumExp({step.Inputs[0]}, {field});");
                            break;
                        }
                        case StepKind.SumProduct:
                        {
                            var field = $"__dims_{step.Output}";
                            dimFields.Add($"private static readonly long[] {field} = {EmitContext.Ints(step.Dims)};");
                            w.Line($"__rec?.Set({recorded.Count}, {step.Inputs[0]}, {step.Inputs[1]});");
                            recorded.Add(field);
                            w.Line($"var {step.Output} = global::Alan.LogSpace.SumProduct({step.Inputs[0]}, {step.Inputs[1]}, {field});");
                            break;
                        }
                        case StepKind.PlateSum:
                            w.Line($"var {step.Output} = {step.Inputs[0]}.sum({step.Dims[0].ToString(CultureInfo.InvariantCulture)}L, keepdim: true);");
                            break;
                        case StepKind.Total:
                            var sum = step.Inputs.Count == 0
                                ? $"{EmitContext.Torch}.zeros(__scalar, dtype: __dtype)"
                                : string.Join(" + ", step.Inputs);
                            w.Line($"var __total = {sum};");
                            w.Line($"__rec?.Set({recorded.Count}, __total);");
                            recorded.Add("__dims_total");
                            dimFields.Add("private static readonly long[] __dims_total = new long[] { 0 };");
                            w.Line($"var {step.Output} = global::Alan.LogSpace.LogMeanExp(__total, __dims_total).reshape(__scalar);");
                            w.Line($"return {step.Output}.MoveToOuterDisposeScope();");
                            break;
                    }
                }
            }
            w.Close();
            w.Line();
            foreach (var f in dimFields) w.Line(f);
            w.Line("/// <summary>Dims eliminated by each recorded contraction step, in forward order (for backward sampling).</summary>");
            w.Line($"private static readonly long[][] __recordedSteps = new long[][] {{ {string.Join(", ", recorded)} }};");
            w.Line();
        }
    }
}
