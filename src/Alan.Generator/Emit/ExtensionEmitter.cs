using System.Linq;
using Alan.Generator.Plan;

namespace Alan.Generator.Emit
{
    /// <summary>
    /// draws.Extend(sizes, inputs): new plate positions drawn from P given each importance sample, and
    /// extended.PredictiveLogLikelihood(observations) = log mean_n exp(ll(all) - ll(training part)) (DESIGN 4.7).
    /// </summary>
    internal static class ExtensionEmitter
    {
        public static void Emit(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            var latentsInP = plan.Prior.Where(v => !v.IsData).ToList();

            var inputsParam = ctx.HasInputs ? ", Inputs? inputs" : "";
            w.Open($"internal ExtendedSample __Extend(ImportanceSampleSet draws, PlateSizes sizes{inputsParam})");
            w.Line("__ThrowIfProblemDisposed();");
            w.Line("if (draws is null) throw new global::System.ArgumentNullException(nameof(draws));");
            w.Line("if (sizes is null) throw new global::System.ArgumentNullException(nameof(sizes));");
            w.Line("__ValidateSizes(sizes);");
            foreach (var p in plan.Plates)
                w.Line($"global::Alan.CompilerServices.Posterior.Extension.CheckExtension(\"{p.Name}\", __sizes.{EmitContext.Id(p.Name)}, sizes.{EmitContext.Id(p.Name)});");
            if (ctx.HasInputs) w.Line("__RequireInputs(inputs);");
            foreach (var prm in plan.Params.Where(p => p.InP && p.Plate.Length > 0))
            {
                var changed = string.Join(" || ", ctx.Path(prm.Plate).Select(p => $"sizes.{EmitContext.Id(p.Name)} != __sizes.{EmitContext.Id(p.Name)}"));
                var display = prm.Module.Length > 0 ? prm.Module + "." + prm.LocalName : prm.LocalName;
                w.Line($"if ({changed}) throw new global::System.NotSupportedException(\"P's parameter '{display}' has one value per element of plate '{prm.Plate}', so the new positions of that plate have no trained value; Extend can only grow plates that carry no P parameters.\");");
            }
            // An improper latent (Flat, HalfFlat) cannot be drawn at new positions: the plates it lives on must keep their sizes.
            foreach (var v in latentsInP.Where(v => v.P.Improper))
                foreach (var p in ctx.Path(v.Plate))
                    w.Line($"global::Alan.CompilerServices.Problems.ImproperPrior.CheckExtension(\"{v.Name}\", \"{v.P.DistributionName}\", \"{p.Name}\", __sizes.{EmitContext.Id(p.Name)}, sizes.{EmitContext.Id(p.Name)});");
            w.Line($"using var __scope = {EmitContext.Torch}.NewDisposeScope();");
            // __n (the number of draws) sizes the new positions of P's latents; without latents there is nothing to draw.
            if (latentsInP.Any(v => !v.P.Improper)) w.Line($"long __n = draws.{EmitContext.Id(plan.Latents[0].Name)}.shape[0];");
            w.Line("var __extended = __LayoutOf(sizes);");
            foreach (var i in plan.Inputs)
                w.Line($"var __xinput_{i.Name} = {ConstructorEmitter.PlaceInput(ctx, i, "__extended", "__dtype", "__Device")};");
            w.Open($"using ({EmitContext.Torch}.no_grad())");
            foreach (var v in latentsInP)
            {
                if (v.P.Improper)
                {
                    w.Line(v.Plate.Length == 0
                        ? $"// {v.Name}'s prior is improper; it lives on the root, which Extend does not grow: its draws are kept as they are."
                        : $"// {v.Name}'s prior is improper; its plates keep their sizes (checked above): its draws are kept as they are.");
                    w.Line($"var {ctx.Names.Extended(v.Name)} = global::Alan.CompilerServices.Posterior.Extension.PlaceDraws(draws.{EmitContext.Id(v.Name)}, {ctx.PathLayout(v.Plate, "__layout")});");
                    continue;
                }
                if (TimeseriesEmitter.Find(ctx, v.Name) is ChainPlan chain)
                {
                    TimeseriesEmitter.EmitExtendedChain(w, ctx, chain, v.P);
                    continue;
                }
                var call = ArgumentExpressions.Call(v.P, n => ctx.Names.Extended(n), ctx.InstanceParam, ctx, inputPrefix: "__xinput_");
                w.Line($"var {ctx.Names.Extended(v.Name)} = global::Alan.CompilerServices.Posterior.Extension.OverwriteCorner({call}.Sample({ctx.PathLayout(v.Plate, "__extended")}.Shape(__n), __dtype, false, draws.__Generator), global::Alan.CompilerServices.Posterior.Extension.PlaceDraws(draws.{EmitContext.Id(v.Name)}, {ctx.PathLayout(v.Plate, "__layout")}));");
            }
            var args = string.Concat(latentsInP.Select(v => $", {ctx.Names.Extended(v.Name)}.MoveToOuterDisposeScope()"))
                + string.Concat(plan.Inputs.Select(i => $", __xinput_{i.Name}.MoveToOuterDisposeScope()"));
            w.Line($"return new ExtendedSample(this, sizes{args});");
            w.Close();
            w.Close();
            w.Line();

            w.Open($"internal PredictiveSet __Predictive(ExtendedSample e, Observations observations)");
            w.Line("__ThrowIfProblemDisposed();");
            w.Line("if (observations is null) throw new global::System.ArgumentNullException(nameof(observations));");
            w.Line("var __extended = __LayoutOf(e.Sizes);");
            w.Line($"using var __scope = {EmitContext.Torch}.NewDisposeScope();");
            w.Open($"using ({EmitContext.Torch}.no_grad())");
            foreach (var d in plan.Data)
                w.Line($"var o_{d.Name} = {ConstructorEmitter.PlaceData(ctx, d, "observations", "__extended", "__dtype", "__Device")};");
            // An observed timeseries is scored element by element given the observations before it: over the new elements,
            // the joint predictive density of the held-out series.
            TimeseriesEmitter.EmitObservedLags(w, ctx, c => c.InitSource == ArgSource.Latent ? "e.__e_" + c.Init : "e.__xinput_" + c.Init, "o_", "__L",
                TimeseriesEmitter.ObservedLag);
            foreach (var d in plan.Data)
            {
                var call = ArgumentExpressions.Call(d.P, n => "e.__e_" + n, ctx.InstanceParam, ctx, inputPrefix: "e.__xinput_",
                    previous: a => TimeseriesEmitter.ObservedLag(a.Name, a.Lag));
                w.Line($"var ll_{d.Name} = {call}.LogProb(o_{d.Name}, __L, __dtype);");
                w.Line($"var p_{d.Name} = global::Alan.CompilerServices.Posterior.Extension.PredictiveLogLikelihood(ll_{d.Name}, global::Alan.CompilerServices.Posterior.Extension.Corner(ll_{d.Name}, {ctx.PathLayout(d.Plate, "__layout")}));");
            }
            w.Line($"return new PredictiveSet({string.Join(", ", plan.Data.Select(d => $"p_{d.Name}.MoveToOuterDisposeScope()"))});");
            w.Close();
            w.Close();
            w.Line();
        }

        public static void EmitResultTypes(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            var T = EmitContext.Tensor;
            var latentsInP = plan.Prior.Where(v => !v.IsData).ToList();

            w.Line("/// <summary>Per observed variable, the log predictive density of the positions beyond the training plates (a scalar).</summary>");
            w.Line($"public sealed record PredictiveSet({string.Join(", ", plan.Data.Select(d => T + " " + EmitContext.Id(d.Name)))});");
            w.Line();

            w.Line("/// <summary>Importance samples extended to larger plates: new positions drawn from P given each draw.</summary>");
            w.Open("public sealed class ExtendedSample");
            w.Line($"private readonly {EmitContext.Id(plan.ClassName)} __problem;");
            foreach (var v in latentsInP) w.Line($"internal readonly {T} {ctx.Names.ExtendedField(v.Name)};");
            foreach (var i in plan.Inputs) w.Line($"internal readonly {T} __xinput_{i.Name};");
            var ctorParams = string.Concat(latentsInP.Select(v => $", {T} {ctx.Names.Extended(v.Name)}")) + string.Concat(plan.Inputs.Select(i => $", {T} xinput_{i.Name}"));
            w.Open($"internal ExtendedSample({EmitContext.Id(plan.ClassName)} problem, PlateSizes sizes{ctorParams})");
            w.Line("__problem = problem;");
            w.Line("Sizes = sizes;");
            foreach (var v in latentsInP) w.Line($"{ctx.Names.ExtendedField(v.Name)} = {ctx.Names.Extended(v.Name)};");
            foreach (var i in plan.Inputs) w.Line($"__xinput_{i.Name} = xinput_{i.Name};");
            w.Close();
            w.Line();
            w.Line("/// <summary>The extended plate sizes.</summary>");
            w.Line("public PlateSizes Sizes { get; }");
            foreach (var v in latentsInP)
            {
                var leading = EmitContext.LongArray(new[] { $"{ctx.Names.ExtendedField(v.Name)}.shape[0]" }.Concat(ctx.Path(v.Plate).Select(p => "Sizes." + EmitContext.Id(p.Name))));
                w.Line();
                w.Line($"/// <summary>Latent {v.Name} over the extended plates, [N, plates..., event...].</summary>");
                w.Line($"public {T} {EmitContext.Id(v.Name)} => global::Alan.CompilerServices.TensorLayout.Layout.Extract({ctx.Names.ExtendedField(v.Name)}, __L, {leading});");
            }
            w.Line();
            w.Line("/// <summary>log mean_n exp(ll(all data) - ll(training part)) per observed variable; observations cover the extended plates.</summary>");
            w.Line("public PredictiveSet PredictiveLogLikelihood(Observations observations) => __problem.__Predictive(this, observations);");
            w.Close();
            w.Line();
        }
    }
}
