using System.Collections.Generic;
using System.Linq;
using Alan.Generator.Plan;

namespace Alan.Generator.Emit
{
    /// <summary>
    /// The code of timeseries plates (DESIGN 4.10) that the estimator, sampling and prior emitters call: a chain's
    /// <c>prev</c> (the chain at the previous element, its init at the first), the chain product that ends the
    /// plate, and the element-by-element draws of a chain from P or from a chained Q.
    /// </summary>
    internal static class TimeseriesEmitter
    {
        /// <summary>The estimator's local holding chain <paramref name="latent"/>'s previous element.</summary>
        public static string Previous(string latent) => "prev_" + latent;

        public static ChainPlan Chain(EmitContext ctx, string latent) => ctx.Plan.Chains.First(c => c.Latent == latent);

        /// <summary>The timeseries plates (each once, in plan order).</summary>
        public static List<string> Plates(EmitContext ctx) => ctx.Plan.Chains.Select(c => c.Plate).Distinct().ToList();

        /// <summary>A Split strategy on a timeseries plate is an error naming the plate (its elements are chained).</summary>
        public static void ForbidSplits(CodeWriter w, EmitContext ctx)
        {
            foreach (var plate in Plates(ctx))
                w.Line($"global::Alan.CompilerServices.Timeseries.ChainProduct.ForbidSplit(__chunk, {PlateDim(ctx, plate)}, \"{plate}\", method);");
        }

        /// <summary>At the top of a timeseries plate's body: a chain's prev, its init's particles at element 0 and its own at t-1, on the chain's previous dim.</summary>
        public static void EmitPrevious(CodeWriter w, EmitContext ctx, ChainPlan c, System.Func<string, string> latent)
        {
            w.Line($"// {c.Latent} at the previous element: {c.Init} at the first");
            w.CallLine(
                $"var {Previous(c.Latent)} = global::Alan.CompilerServices.Timeseries.ChainProduct.Previous",
                new[] { latent(c.Latent), latent(c.Init), ctx.DimName(c.StateDim), ctx.DimName(c.InitDim), ctx.DimName(c.PrevDim), PlateDim(ctx, c.Plate) },
                ";");
        }

        /// <summary>The chain product ending a timeseries plate: M_t is the sum of the plate's remaining factors.</summary>
        public static void EmitChainStep(CodeWriter w, EmitContext ctx, ChainStep step)
        {
            var m = "m_" + step.Plate;
            w.Line($"// M_t: the factors of element t, over {string.Join(", ", step.Chains.Select(c => ctx.Plan.Dims[c.StateDim].Name + " x " + ctx.Plan.Dims[c.PrevDim].Name))}; its chain product leaves the inits' particles");
            w.Line($"var {m} = {string.Join(" + ", step.Inputs)};");
            var plates = ctx.Path(step.Plate).Select(p => p.Dim).Where(d => d != step.PlateDim);
            w.Line("// " + ctx.DimList(step.Remaining.Concat(plates)));
            w.CallLine(
                $"var {step.Output} = ring.Chain",
                new[] { $"\"{step.Output}\"", m, step.States.Name, step.Previous.Name, step.Inits.Name, ctx.DimName(step.PlateDim), "__chunk" },
                ";");
        }

        private const string ChainDraw = "global::Alan.CompilerServices.Timeseries.ChainDraw";

        /// <summary>The chain of latent <paramref name="name"/>, or null when it is not a timeseries.</summary>
        public static ChainPlan? Find(EmitContext ctx, string name) => ctx.Plan.Chains.FirstOrDefault(c => c.Latent == name);

        /// <summary>
        /// SamplePrior: a chain drawn from P element by element, from its init's draw (every argument read at the element).
        /// </summary>
        public static void EmitPriorChain(CodeWriter w, EmitContext ctx, ChainPlan chain, CallPlan p)
        {
            var dim = PlateDim(ctx, chain.Plate);
            string At(string tensor) => $"{ChainDraw}.At({tensor}, {dim}, __t)";
            var call = ArgumentExpressions.Call(p, n => At(ctx.Names.Draw(n)), prm => At(ctx.Names.PriorParam(prm.Id)), ctx,
                wrap: At, previous: _ => "__prev");
            var shape = $"{ChainDraw}.OneElement({ctx.PathLayout(chain.Plate, "__plates")}.Shape(), {dim})";
            var element = "__element_" + chain.Latent;
            w.Line($"// {chain.Latent}: a chain along {chain.Plate}, drawn element by element from {chain.Init}");
            w.Open($"{EmitContext.Tensor} {element}({EmitContext.Tensor} __prev, long __t)");
            w.Line($"return {call}.Sample({shape}, dtype, false);");
            w.Close();
            w.CallLine($"var {ctx.Names.Draw(chain.Latent)} = {ChainDraw}.Unroll",
                new[] { ctx.Names.Draw(chain.Init), dim, $"sizes.{EmitContext.Id(chain.Plate)}", element }, ";");
        }

        /// <summary>
        /// Sample: a chained Q drawn element by element; its previous element is re-indexed like any Q parent
        /// (DESIGN 4.1), the init at the first element and the chain's own particles after.
        /// </summary>
        public static void EmitSampledChain(CodeWriter w, EmitContext ctx, ChainPlan chain, GroupPlan g, LatentPlan l, System.Func<string, string> latent)
        {
            var dim = PlateDim(ctx, chain.Plate);
            var init = ctx.Group(ctx.Latent(chain.Init).Group);
            var k = ctx.DimName(g.Dim);
            string At(string tensor) => $"{ChainDraw}.At({tensor}, {dim}, __t)";
            var call = ArgumentExpressions.Call(l.Q, n => At(latent(n)), prm => At(ctx.InstanceParam(prm)), ctx, wrap: At, previous: _ => "__prev");
            var map = ctx.Names.ReindexMap(g.Name, init.Name);
            var first = ctx.Names.Reindexed(g.Name, chain.Init);
            var step = $"__oneElement_{g.Name}";
            w.Line($"// {chain.Latent} is a chain along {chain.Plate}: drawn element by element, the previous element re-indexed ({chain.Init} at the first)");
            w.Line($"var {step} = {ChainDraw}.OneElement(shape_{g.Name}, {dim});");
            w.Line($"var {map} = global::Alan.CompilerServices.TensorLayout.Reindex.Draw(sampler, shape_{init.Name}, {ctx.DimName(init.Dim)}, __dev);");
            w.Line($"var {first} = global::Alan.CompilerServices.TensorLayout.Reindex.Apply({ctx.Names.Drawn(chain.Init)}, {map}, {ctx.DimName(init.Dim)}, {k});");
            var element = "__element_" + chain.Latent;
            var carry = "__reindex_" + chain.Latent;
            w.Open($"{EmitContext.Tensor} {element}({EmitContext.Tensor} __prev, long __t)");
            w.Line($"return {call}.Sample({step}, __dtype, reparam);");
            w.Close();
            w.Open($"{EmitContext.Tensor} {carry}({EmitContext.Tensor} __x)");
            w.Line($"var __map = global::Alan.CompilerServices.TensorLayout.Reindex.Draw(sampler, {step}, {k}, __dev);");
            w.Line($"return global::Alan.CompilerServices.TensorLayout.Reindex.Apply(__x, __map, {k}, {k});");
            w.Close();
            w.CallLine($"var {ctx.Names.Drawn(chain.Latent)} = {ChainDraw}.Unroll",
                new[] { first, dim, $"shape_{g.Name}[{dim}]", element, carry }, ";");
        }

        /// <summary>
        /// Extend: a chain drawn forward from P element by element (forecasting), each element from the previous
        /// one; the training elements keep their importance draws.
        /// </summary>
        public static void EmitExtendedChain(CodeWriter w, EmitContext ctx, ChainPlan chain, CallPlan p)
        {
            var dim = PlateDim(ctx, chain.Plate);
            string At(string tensor) => $"{ChainDraw}.At({tensor}, {dim}, __t)";
            var call = ArgumentExpressions.Call(p, n => At(ctx.Names.Extended(n)), prm => At(ctx.InstanceParam(prm)), ctx, inputPrefix: "__xinput_",
                wrap: At, previous: _ => "__prev");
            var shape = $"{ChainDraw}.OneElement({ctx.PathLayout(chain.Plate, "__extended")}.Shape(__n), {dim})";
            var known = "__known_" + chain.Latent;
            w.Line($"// {chain.Latent}: a chain along {chain.Plate}, drawn forward from each draw's previous element (forecasting)");
            w.Line($"var {known} = global::Alan.CompilerServices.Posterior.Extension.PlaceDraws(draws.{EmitContext.Id(chain.Latent)}, {ctx.PathLayout(chain.Plate, "__layout")});");
            var element = "__element_" + chain.Latent;
            w.Open($"{EmitContext.Tensor} {element}({EmitContext.Tensor} __prev, long __t)");
            w.Line($"var __drawn = {call}.Sample({shape}, __dtype, false);");
            w.Line($"return {ChainDraw}.KeepKnown(__drawn, {known}, {dim}, __t);");
            w.Close();
            w.CallLine($"var {ctx.Names.Extended(chain.Latent)} = {ChainDraw}.Unroll",
                new[] { ctx.Names.Extended(chain.Init), dim, $"sizes.{EmitContext.Id(chain.Plate)}", element }, ";");
        }

        private static string PlateDim(EmitContext ctx, string plate) => ctx.DimName(ctx.Plan.Plates.First(p => p.Name == plate).Dim);
    }
}
