using System.Linq;
using Alan.Generator.Plan;

namespace Alan.Generator.Emit
{
    /// <summary>
    /// static SamplePrior(sizes, inputs?, dtype): one draw of every variable of P, parameters at their initial values; a P
    /// with an improper latent (Flat, HalfFlat) has no draw, and its SamplePrior throws naming the latents.
    /// </summary>
    internal static class PriorEmitter
    {
        public static void Emit(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            var inputsParam = ctx.HasInputs ? "Inputs? inputs = null, " : "";
            w.Line("/// <summary>One draw of every variable of P (latents and data), each shaped [plates..., event...]. P's parameters take their initial values.</summary>");
            w.Open($"public static PriorSample SamplePrior(PlateSizes sizes, {inputsParam}{EmitContext.ScalarType} dtype = {EmitContext.ScalarType}.Float32)");
            w.Line("if (sizes is null) throw new global::System.ArgumentNullException(nameof(sizes));");
            w.Line("__ValidateSizes(sizes);");
            w.Line("__ValidateDtype(dtype);");
            if (ctx.HasInputs) w.Line("__RequireInputs(inputs);");
            var improper = plan.Prior.Where(v => !v.IsData && v.P.Improper).ToList();
            if (improper.Count > 0)
            {
                // No draw of an improper prior exists: refuse before drawing anything.
                var names = string.Join(", ", improper.Select(v => $"\"{v.Name}\""));
                var distributions = string.Join(", ", improper.Select(v => $"\"{v.P.DistributionName}\""));
                w.Line($"// {string.Join(", ", improper.Select(v => v.Name))}: improper prior{(improper.Count > 1 ? "s" : "")}, which cannot be sampled.");
                w.Line($"throw global::Alan.CompilerServices.Problems.ImproperPrior.CannotSamplePrior(\"{plan.ClassName}\", new[] {{ {names} }}, new[] {{ {distributions} }});");
                w.Close();
                w.Line();
                return;
            }
            w.Line($"using var __scope = {EmitContext.Torch}.NewDisposeScope();");
            w.Line("var __plates = __LayoutOf(sizes);");
            foreach (var i in plan.Inputs)
                w.Line($"var __input_{i.Name} = {ConstructorEmitter.PlaceInput(ctx, i, "__plates", "dtype", EmitContext.Torch + ".get_default_device()")};");
            foreach (var p in plan.Params.Where(p => p.InP))
            {
                var layoutShape = $"__Concat({ctx.PathLayout(p.Plate, "__plates")}.Shape(), {EmitContext.Longs(p.Shape)})";
                if (p.Start.Kind == ParamStartKind.Constant)
                    w.Line($"var {ctx.Names.PriorParam(p.Id)} = {ConstructorEmitter.InitialValue(p, layoutShape, "dtype")};");
                else
                {
                    // Identity matrices and a member's value are shaped [plates..., event...], then viewed in the layout.
                    var natural = $"__Concat({ctx.PathSizes(p.Plate, "sizes")}, {EmitContext.Longs(p.Shape)})";
                    w.Line($"var {ctx.Names.PriorParam(p.Id)} = {ConstructorEmitter.InitialValue(p, natural, "dtype")}.view({layoutShape});");
                }
            }
            foreach (var v in plan.Prior)
            {
                if (TimeseriesEmitter.Find(ctx, v.Name) is ChainPlan chain)
                {
                    TimeseriesEmitter.EmitPriorChain(w, ctx, chain, v.P);
                    continue;
                }
                if (TimeseriesEmitter.FindObserved(ctx, v.Name) is ObservedChainPlan observed)
                {
                    var init = observed.InitSource == ArgSource.Latent ? ctx.Names.Draw(observed.Init) : "__input_" + observed.Init;
                    TimeseriesEmitter.EmitPriorObservedChain(w, ctx, observed, v.P, init);
                    continue;
                }
                var call = ArgumentExpressions.Call(v.P, n => ctx.Names.Draw(n), p => ctx.Names.PriorParam(p.Id), ctx, dataPrefix: "x_");
                w.Line($"var {ctx.Names.Draw(v.Name)} = {call}.Sample({ctx.PathLayout(v.Plate, "__plates")}.Shape(), dtype, false);");
            }
            var values = string.Join(", ", plan.Prior.Select(v => $"global::Alan.CompilerServices.TensorLayout.Layout.Extract({ctx.Names.Draw(v.Name)}, __L, {ctx.PathSizes(v.Plate, "sizes")}).MoveToOuterDisposeScope()"));
            w.Line($"return new PriorSample({values});");
            w.Close();
            w.Line();
        }
    }
}
