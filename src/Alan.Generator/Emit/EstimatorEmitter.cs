using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Alan.Generator.Plan;

namespace Alan.Generator.Emit
{
    /// <summary>
    /// The MP estimator as straight-line code: group factors F_g = lp_g - LME_{Q-parents}(lq_g) - log K,
    /// data factors, then each plate's elimination steps (children first) and the root total (DESIGN 4.2-4.4).
    /// Every non-root plate is a local function, so a Split strategy can evaluate it chunk by chunk (DESIGN 4.9);
    /// every tensor a plate reads goes through <c>__c</c>, which cuts it to the current chunk.
    /// </summary>
    internal static class EstimatorEmitter
    {
        private const string Ring = EmitContext.CompilerServices + ".Contraction";

        private sealed class State
        {
            public readonly List<string> Fields = new List<string>();
            /// <summary>The recorded steps in forward order: (step name, field of the dims it eliminates).</summary>
            public readonly List<(string Step, string Dims)> Recorded = new List<(string, string)>();
        }

        public static void Emit(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            var T = EmitContext.Tensor;
            var state = new State();

            w.Line("/// <summary>");
            w.Line("/// log P-hat for a sample; <paramref name=\"detach\"/> cuts the graph through the samples (RWS, no-grad);");
            w.Line("/// <paramref name=\"method\"/> names the caller in errors; <paramref name=\"ring\"/> is what the factors are contracted with:");
            w.Line("/// plain log space, source terms (posterior weights) or recording (backward sampling).");
            w.Line("/// </summary>");
            w.Open($"private {T} __Estimate(ProblemSample s, string method, bool detach, {Ring} ring, global::Alan.ComputationStrategy? strategy)");
            w.Line($"using var __scope = {EmitContext.Torch}.NewDisposeScope();");
            w.Line("// The source-term pass (marginals, moments, QEM) runs in float64: its gradients are exp(f - log P-hat).");
            w.Line("var __work = ring.WorkType(__dtype);");
            w.Line("double __logK = s.__nonMp ? 0.0 : global::System.Math.Log(s.K);");
            foreach (var l in plan.Latents)
                w.Line($"var z_{l.Name} = detach ? s.__v_{l.Name}.detach() : s.__v_{l.Name};");
            foreach (var p in plan.Params)
                w.Line($"var {ctx.Names.ParamLocal(p.Id)} = {ctx.InstanceParam(p)};");
            w.Line($"var __chunk = strategy is null ? null : global::Alan.CompilerServices.Chunk.Create(strategy, __layout);");
            w.Line("var __largestBytes = global::Alan.CompilerServices.MemoryGuard.Check(method, \"K\", s.K, global::Alan.CompilerServices.MemoryGuard.BytesOf(__work), s.__nonMp ? __largestNonMp : __largest, __layout, __chunk);");
            w.Line("if (ring.IsPlain && global::TorchSharp.torch.is_grad_enabled()) s.__owned.NoteGraph(__largestBytes);");
            foreach (var reduction in plan.Reductions.Where(r => r.Plate.Length > 0))
                w.Line($"var __outs_{reduction.Plate} = new {T}[{reduction.Outputs.Count}];");
            var gradInputs = plan.Latents.Select(l => "z_" + l.Name).Concat(plan.Params.Select(p => ctx.Names.ParamLocal(p.Id))).ToList();
            w.Line($"var __inputs = __chunk is null ? null : ring.GradientInputs(new {T}[] {{ {string.Join(", ", gradInputs)} }});");
            state.Fields.Add($"private static readonly string[] __plateNames = {(plan.Plates.Count == 0 ? "global::System.Array.Empty<string>()" : "new string[] { " + string.Join(", ", plan.Plates.Select(p => "\"" + p.Name + "\"")) + " }")};");
            state.Fields.Add($"private static readonly long[] __plateDims = {ctx.DimArray(plan.Plates.Select(p => p.Dim))};");

            foreach (var reduction in plan.Reductions.Where(r => r.Plate.Length > 0))
            {
                w.Line();
                w.Line($"// plate {reduction.Plate}: its factors, its children's results, its elimination steps; results summed over its elements");
                w.Open($"{T}[] __plate_{reduction.Plate}()");
                EmitReduction(w, ctx, reduction, state);
                // The result factors go into a buffer of this call (read at once by the caller), not one per chunk.
                for (int i = 0; i < reduction.Outputs.Count; i++)
                    w.Line($"__outs_{reduction.Plate}[{i}] = {reduction.Outputs[i]};");
                w.Line($"return __outs_{reduction.Plate};");
                w.Close();
            }

            var root = plan.Reductions.First(r => r.Plate.Length == 0);
            w.Line();
            w.Line("// root");
            EmitReduction(w, ctx, root, state);
            w.Close();
            w.Line();
            EmitLargest(w, ctx, "__largest", nonMp: false);
            EmitLargest(w, ctx, "__largestNonMp", nonMp: true);
            foreach (var f in state.Fields) w.Line(f);
            w.Line();
            w.Line("/// <summary>The recorded contraction steps in forward order, each with the dims it eliminates (for backward sampling).</summary>");
            w.Line($"private static readonly (string Step, long[] Eliminated)[] __recordedSteps = new (string, long[])[] {{ {string.Join(", ", state.Recorded.Select(r => $"(\"{r.Step}\", {r.Dims})"))} }};");
            w.Line();
            w.Line($"private static {T} __c(global::Alan.CompilerServices.Chunk? chunk, {T} t) => global::Alan.CompilerServices.Chunk.Cut(chunk, t);");
            w.Line();
        }

        /// <summary>
        /// The largest tensor of each plate's steps, for the memory check before evaluating (the non-MP sampler
        /// shares one particle dim among all groups, so its tensors hold at most one).
        /// </summary>
        private static void EmitLargest(CodeWriter w, EmitContext ctx, string field, bool nonMp)
        {
            var plan = ctx.Plan;
            var extents = plan.Reductions.Where(r => r.Largest != null).Select(r =>
            {
                var plates = EmitContext.IntArray(ctx.Path(r.Plate).Select(p => plan.Plates.Items.IndexOf(p)));
                var where = r.Plate.Length == 0 ? "at the root" : "in plate " + r.Plate;
                int dims = nonMp ? System.Math.Min(1, r.Largest!.ParticleDims) : r.Largest!.ParticleDims;
                return $"new global::Alan.CompilerServices.TensorExtent(\"{r.Largest.Description} {where}\", {dims}, {plates})";
            }).ToList();
            w.Line($"private static readonly global::Alan.CompilerServices.TensorExtent[] {field} = {(extents.Count == 0 ? "global::System.Array.Empty<global::Alan.CompilerServices.TensorExtent>()" : "new global::Alan.CompilerServices.TensorExtent[] { " + string.Join(", ", extents) + " }")};");
        }

        private static void EmitReduction(CodeWriter w, EmitContext ctx, PlateReductionPlan reduction, State state)
        {
            var plan = ctx.Plan;
            string Cut(string expr) => $"__c(__chunk, {expr})";
            string Z(string name) => Cut("z_" + name);
            string P(ParamPlan p) => Cut(ctx.Names.ParamLocal(p.Id));

            foreach (var child in plan.Reductions.Where(r => r.Plate.Length > 0 && ParentOf(ctx, r.Plate) == reduction.Plate))
            {
                var dim = ctx.DimName(plan.Plates.First(p => p.Name == child.Plate).Dim);
                w.Line($"var __out_{child.Plate} = global::Alan.CompilerServices.Chunk.Splits(__chunk, {dim}) ? global::Alan.CompilerServices.Chunk.Run(__chunk!, __plate_{child.Plate}, __inputs!) : __plate_{child.Plate}();");
                for (int i = 0; i < child.Outputs.Count; i++)
                    w.Line($"var {child.Outputs[i]} = __out_{child.Plate}[{i}];");
            }

            foreach (var gName in reduction.Groups)
            {
                var g = ctx.Group(gName);
                var lq = g.Members.Select(m => $"{ArgumentExpressions.Call(ctx.Latent(m).Q, Z, P, ctx, dataPrefix: "", inputPrefix: "", wrap: Cut)}.LogProb({Z(m)}, __L, __work)");
                var lp = g.Members.Select(m => $"{ArgumentExpressions.Call(ctx.Latent(m).P, Z, P, ctx, dataPrefix: "", inputPrefix: "", wrap: Cut)}.LogProb({Z(m)}, __L, __work)");
                w.Line($"var lq_{g.Name} = {string.Join(" + ", lq)};");
                if (g.QParents.Count > 0)
                {
                    var field = $"__qparents_{g.Name}";
                    state.Fields.Add($"private static readonly long[] {field} = {ctx.DimArray(g.QParents.Select(h => ctx.Group(h).Dim))};");
                    w.Line($"lq_{g.Name} = global::Alan.CompilerServices.LogSpace.LogMeanExp(lq_{g.Name}, {field});");
                }
                w.Line($"var lp_{g.Name} = {string.Join(" + ", lp)};");
                w.Line($"var f_{g.Name} = lp_{g.Name} - lq_{g.Name} - __logK;");
                w.Line($"f_{g.Name} = ring.Factor(\"{g.Name}\", f_{g.Name}, __chunk);");
            }
            foreach (var dName in reduction.Data)
            {
                var d = plan.Data.First(x => x.Name == dName);
                w.Line($"var d_{d.Name} = {ArgumentExpressions.Call(d.P, Z, P, ctx, dataPrefix: "", inputPrefix: "", wrap: Cut)}.LogProb({Cut("__data_" + d.Name)}, __L, __work);");
            }
            foreach (var step in reduction.Steps) EmitStep(w, ctx, step, state);
        }

        private static string? ParentOf(EmitContext ctx, string plate) =>
            ctx.Plan.Plates.FirstOrDefault(p => p.Name == plate)?.Parent;

        private static void EmitStep(CodeWriter w, EmitContext ctx, EliminationStep step, State state)
        {
            switch (step.Kind)
            {
                case StepKind.LogSumExp:
                {
                    var field = $"__dims_{step.Output}";
                    state.Fields.Add($"private static readonly long[] {field} = {ctx.DimArray(step.Dims)};");
                    state.Recorded.Add((step.Output, field));
                    w.Line($"var {step.Output} = ring.LogSumExp(\"{step.Output}\", {step.Inputs[0]}, {field}, __chunk);");
                    break;
                }
                case StepKind.SumProduct:
                {
                    var field = $"__dims_{step.Output}";
                    state.Fields.Add($"private static readonly long[] {field} = {ctx.DimArray(step.Dims)};");
                    state.Recorded.Add((step.Output, field));
                    w.Line($"var {step.Output} = ring.SumProduct(\"{step.Output}\", {step.Inputs[0]}, {step.Inputs[1]}, {field}, __chunk);");
                    break;
                }
                case StepKind.PlateSum:
                    w.Line($"var {step.Output} = {step.Inputs[0]}.sum({ctx.DimName(step.Dims[0])}, keepdim: true);");
                    break;
                case StepKind.Total:
                    // With no factors at all (an empty model) the total is a zero in the layout (all dims of size 1).
                    if (step.Inputs.Count == 0) state.Fields.Add("private static readonly long[] __noFactors = global::Alan.CompilerServices.Layout.Ones(__L);");
                    var sum = step.Inputs.Count == 0
                        ? $"{EmitContext.Torch}.zeros(__noFactors, dtype: __work)"
                        : string.Join(" + ", step.Inputs);
                    w.Line($"var __total = {sum};");
                    state.Recorded.Add((step.Output, "__dims_total"));
                    state.Fields.Add("private static readonly long[] __dims_total = new long[] { Dim.NonMp };");
                    w.Line($"var {step.Output} = ring.Total(\"{step.Output}\", __total, __dims_total, __chunk).reshape(__scalar);");
                    w.Line($"return {step.Output}.MoveToOuterDisposeScope();");
                    break;
            }
        }
    }
}
