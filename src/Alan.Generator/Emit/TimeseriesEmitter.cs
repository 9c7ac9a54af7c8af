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
            if (c.SelfStarting)
            {
                w.Line($"// {c.Latent} at the previous element; its first element has no previous one (it is drawn from {c.Init})");
                w.CallLine(
                    $"var {Previous(c.Latent)} = global::Alan.CompilerServices.Timeseries.ChainProduct.PreviousOfSelfStarting",
                    new[] { latent(c.Latent), ctx.DimName(c.StateDim), ctx.DimName(c.PrevDim), PlateDim(ctx, c.Plate) },
                    ";");
                return;
            }
            w.Line($"// {c.Latent} at the previous element: {c.Init} at the first");
            w.CallLine(
                $"var {Previous(c.Latent)} = global::Alan.CompilerServices.Timeseries.ChainProduct.Previous",
                new[] { latent(c.Latent), latent(c.Init), ctx.DimName(c.StateDim), ctx.DimName(c.InitDim), ctx.DimName(c.PrevDim), PlateDim(ctx, c.Plate) },
                ";");
        }

        /// <summary>The chain product ending a timeseries plate: M_t is the sum of the plate's remaining factors.</summary>
        public static void EmitChainStep(CodeWriter w, EmitContext ctx, ChainStep step, System.Func<string, string> latent)
        {
            if (step.Transition is { } transition)
            {
                var enclosing = ctx.Path(step.Plate).Select(p => p.Dim).Where(d => d != step.PlateDim);
                w.Line($"// M_t: {transition.Latent}'s Normal transition plus the rest, over {string.Join(", ", step.Chains.Select(c => ctx.Plan.Dims[c.StateDim].Name + " x " + ctx.Plan.Dims[c.PrevDim].Name))};");
                w.Line("// the chain product over it leaves the init's particles, and the ring need not build M_t");
                w.Line("// " + ctx.DimList(step.Remaining.Concat(enclosing)));
                w.CallLine(
                    $"var {step.Output} = ring.NormalChain",
                    new[]
                    {
                        $"\"{step.Output}\"", $"\"{transition.Group}\"", $"pDist_{transition.Group}", latent(transition.Latent), $"rest_{transition.Group}",
                        "__L", "__work", step.States.Name, step.Previous.Name, step.Inits.Name, ctx.DimName(step.PlateDim), "__chunk",
                    },
                    ";");
                return;
            }
            var m = "m_" + step.Plate;
            var leaves = step.Chains.All(c => c.SelfStarting) ? "each chain starts from its own first-element distribution"
                : step.Chains.Any(c => c.SelfStarting) ? "its chain product leaves the inits' particles (a self-starting chain has none)"
                : "its chain product leaves the inits' particles";
            w.Line($"// M_t: the factors of element t, over {string.Join(", ", step.Chains.Select(c => ctx.Plan.Dims[c.StateDim].Name + " x " + ctx.Plan.Dims[c.PrevDim].Name))}; {leaves}");
            w.Line($"var {m} = {EstimatorEmitter.SumOf(step.Inputs)};");
            var plates = ctx.Path(step.Plate).Select(p => p.Dim).Where(d => d != step.PlateDim);
            w.Line("// " + ctx.DimList(step.Remaining.Concat(plates)));
            w.CallLine(
                $"var {step.Output} = ring.Chain",
                new[] { $"\"{step.Output}\"", m, step.States.Name, step.Previous.Name, step.Inits.Name, ctx.DimName(step.PlateDim), "__chunk" },
                ";");
        }

        private const string ChainDraw = "global::Alan.CompilerServices.Timeseries.ChainDraw";

        /// <summary>
        /// A self-starting chain's log-density <paramref name="logProb"/> (a local, P's or Q's by <paramref name="start"/>)
        /// with its first element scored under the start's distribution instead of the transition's.
        /// </summary>
        public static void EmitFromStart(CodeWriter w, EmitContext ctx, ChainPlan chain, CallPlan start, string logProb, System.Func<ArgPlan, string> arg,
            string value, string dtype)
        {
            var dim = PlateDim(ctx, chain.Plate);
            string At(string tensor) => $"{ChainDraw}.At({tensor}, {dim}, 0)";
            w.Line($"// {chain.Latent}'s first element is drawn from {start.Variable} (no previous element): its log-density there is {start.Variable}'s");
            w.CallLine($"{logProb} = global::Alan.CompilerServices.Timeseries.ChainProduct.FromStart",
                new[] { $"{ctx.Names.Accessor(start)}({string.Join(", ", start.Args.Select(a => At(arg(a))))}).LogProb({At(value)}, __L, {dtype})", logProb, dim }, ";");
        }

        /// <summary>The first element of a self-starting chain: one draw from its start, every argument read at element 0.</summary>
        private static string StartDraw(EmitContext ctx, CallPlan start, string dim, System.Func<string, string> latent, System.Func<ParamPlan, string> param,
            string inputPrefix, string shape, string dtype, string reparam, string? generator)
        {
            string At(string tensor) => $"{ChainDraw}.At({tensor}, {dim}, 0)";
            var call = ArgumentExpressions.Call(start, n => At(latent(n)), prm => At(param(prm)), ctx, inputPrefix: inputPrefix, wrap: At);
            return $"{call}.Sample({shape}, {dtype}, {reparam}{(generator is null ? "" : ", " + generator)})";
        }

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
            if (chain.Start is { } start)
            {
                var first = StartDraw(ctx, start, dim, ctx.Names.Draw, prm => ctx.Names.PriorParam(prm.Id), "__input_", shape, "dtype", "false", null);
                w.CallLine($"var {ctx.Names.Draw(chain.Latent)} = {ChainDraw}.UnrollFromStart",
                    new[] { "() => " + first, dim, $"sizes.{EmitContext.Id(chain.Plate)}", element }, ";");
                return;
            }
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
            if (chain.QStart is { } qStart)
            {
                EmitSampledSelfStartingChain(w, ctx, chain, qStart, g, l, latent, dim);
                return;
            }
            var init = ctx.Group(ctx.Latent(chain.Init).Group);
            var k = ctx.DimName(g.Dim);
            string At(string tensor) => $"{ChainDraw}.At({tensor}, {dim}, __t)";
            var call = ArgumentExpressions.Call(l.Q, n => At(latent(n)), prm => At(ctx.InstanceParam(prm)), ctx, wrap: At, previous: _ => "__prev");
            var map = ctx.Names.ReindexMap(g.Name, init.Name);
            var first = ctx.Names.Reindexed(g.Name, chain.Init);
            var step = $"__oneElement_{g.Name}";
            w.Line($"// {chain.Latent} is a chain along {chain.Plate}: drawn element by element, the previous element re-indexed ({chain.Init} at the first)");
            w.Line($"var {step} = {ChainDraw}.OneElement(shape_{g.Name}, {dim});");
            w.Line($"var {map} = global::Alan.CompilerServices.TensorLayout.Reindex.Draw(sampler, shape_{init.Name}, {ctx.DimName(init.Dim)}, __dev, generator);");
            w.Line($"var {first} = global::Alan.CompilerServices.TensorLayout.Reindex.Apply({ctx.Names.Drawn(chain.Init)}, {map}, {ctx.DimName(init.Dim)}, {k});");
            var element = "__element_" + chain.Latent;
            var carry = "__reindex_" + chain.Latent;
            w.Open($"{EmitContext.Tensor} {element}({EmitContext.Tensor} __prev, long __t)");
            w.Line($"return {call}.Sample({step}, __dtype, reparam, generator);");
            w.Close();
            w.Open($"{EmitContext.Tensor} {carry}({EmitContext.Tensor} __x)");
            w.Line($"var __map = global::Alan.CompilerServices.TensorLayout.Reindex.Draw(sampler, {step}, {k}, __dev, generator);");
            w.Line($"return global::Alan.CompilerServices.TensorLayout.Reindex.Apply(__x, __map, {k}, {k});");
            w.Close();
            w.CallLine($"var {ctx.Names.Drawn(chain.Latent)} = {ChainDraw}.Unroll",
                new[] { first, dim, $"shape_{g.Name}[{dim}]", element, carry }, ";");
        }

        /// <summary>Sample: a chained Q that starts itself: element 0 from its start, then each from the re-indexed previous one.</summary>
        private static void EmitSampledSelfStartingChain(CodeWriter w, EmitContext ctx, ChainPlan chain, CallPlan qStart, GroupPlan g, LatentPlan l,
            System.Func<string, string> latent, string dim)
        {
            var k = ctx.DimName(g.Dim);
            string At(string tensor) => $"{ChainDraw}.At({tensor}, {dim}, __t)";
            var call = ArgumentExpressions.Call(l.Q, n => At(latent(n)), prm => At(ctx.InstanceParam(prm)), ctx, wrap: At, previous: _ => "__prev");
            var step = $"__oneElement_{g.Name}";
            w.Line($"// {chain.Latent} is a chain along {chain.Plate} drawn element by element: the first from {qStart.Variable}, then each from the previous one, re-indexed");
            w.Line($"var {step} = {ChainDraw}.OneElement(shape_{g.Name}, {dim});");
            var element = "__element_" + chain.Latent;
            var carry = "__reindex_" + chain.Latent;
            w.Open($"{EmitContext.Tensor} {element}({EmitContext.Tensor} __prev, long __t)");
            w.Line($"return {call}.Sample({step}, __dtype, reparam, generator);");
            w.Close();
            w.Open($"{EmitContext.Tensor} {carry}({EmitContext.Tensor} __x)");
            w.Line($"var __map = global::Alan.CompilerServices.TensorLayout.Reindex.Draw(sampler, {step}, {k}, __dev, generator);");
            w.Line($"return global::Alan.CompilerServices.TensorLayout.Reindex.Apply(__x, __map, {k}, {k});");
            w.Close();
            var first = StartDraw(ctx, qStart, dim, latent, ctx.InstanceParam, "__input_", step, "__dtype", "reparam", "generator");
            w.CallLine($"var {ctx.Names.Drawn(chain.Latent)} = {ChainDraw}.UnrollFromStart",
                new[] { "() => " + first, dim, $"shape_{g.Name}[{dim}]", element, carry }, ";");
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
            w.Line($"var __drawn = {call}.Sample({shape}, __dtype, false, draws.__Generator);");
            w.Line($"return {ChainDraw}.KeepKnown(__drawn, {known}, {dim}, __t);");
            w.Close();
            if (chain.Start is { } start)
            {
                var first = StartDraw(ctx, start, dim, ctx.Names.Extended, ctx.InstanceParam, "__xinput_", shape, "__dtype", "false", "draws.__Generator");
                w.CallLine($"var {ctx.Names.Extended(chain.Latent)} = {ChainDraw}.UnrollFromStart",
                    new[] { $"() => {ChainDraw}.KeepKnown({first}, {known}, {dim}, 0)", dim, $"sizes.{EmitContext.Id(chain.Plate)}", element }, ";");
                return;
            }
            w.CallLine($"var {ctx.Names.Extended(chain.Latent)} = {ChainDraw}.Unroll",
                new[] { ctx.Names.Extended(chain.Init), dim, $"sizes.{EmitContext.Id(chain.Plate)}", element }, ";");
        }

        private const string ObservedChain = "global::Alan.CompilerServices.Timeseries.ObservedChain";

        /// <summary>The observed chain of data variable <paramref name="name"/>, or null when it is not a timeseries.</summary>
        public static ObservedChainPlan? FindObserved(EmitContext ctx, string name) =>
            ctx.Plan.ObservedChains.FirstOrDefault(c => c.Data == name);

        /// <summary>The local holding observed chain <paramref name="data"/>'s values <paramref name="lag"/> elements back: <c>prev_Y</c>, <c>prev2_Y</c>.</summary>
        public static string ObservedLag(string data, int lag) =>
            (lag == 1 ? "prev" : "prev" + lag.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "_" + data;

        /// <summary>The estimator's whole (uncut) tensor of <see cref="ObservedLag"/>.</summary>
        public static string ObservedLagWhole(string data, int lag) => "__" + ObservedLag(data, lag);

        /// <summary>
        /// Before the plates run: each observed chain's values 1..p elements back, from the whole observations and init
        /// (a plate cuts them to its chunk like any read, so a split of the chain's plate is exact).
        /// </summary>
        public static void EmitObservedLags(CodeWriter w, EmitContext ctx, System.Func<ObservedChainPlan, string> init, string data, string layoutRank,
            System.Func<string, int, string> lagName)
        {
            foreach (var c in ctx.Plan.ObservedChains)
            {
                var lags = "__lags_" + c.Data;
                var back = c.Order == 1 ? "one element back" : $"1..{c.Order.ToString(System.Globalization.CultureInfo.InvariantCulture)} elements back";
                w.Line($"// {c.Data}'s observations {back} along {c.Plate} ({c.Init} holds the values before the first element)");
                w.CallLine($"var {lags} = {ObservedChain}.Lags",
                    new[] { data + c.Data, init(c), c.Order.ToString(System.Globalization.CultureInfo.InvariantCulture), PlateDim(ctx, c.Plate), layoutRank, $"\"{c.Data}\"", $"\"{c.Init}\"" },
                    ";");
                for (int j = 1; j <= c.Order; j++)
                    w.Line($"var {lagName(c.Data, j)} = {lags}[{(j - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}];");
            }
        }

        /// <summary>
        /// At construction: an observed chain that starts from an input has its values before the first element, in the
        /// shape its order needs and broadcasting with the observations (else an exception naming both and the shapes).
        /// </summary>
        public static void EmitObservedInitChecks(CodeWriter w, EmitContext ctx)
        {
            foreach (var c in ctx.Plan.ObservedChains.Where(c => c.InitSource == ArgSource.Input))
            {
                w.Line($"// {c.Data} starts from the input {c.Init}: its values before the first element of {c.Plate} must fit the observations");
                w.CallLine($"using ({EmitContext.Torch}.NewDisposeScope()) {ObservedChain}.Lags",
                    new[] { "__data_" + c.Data, "__input_" + c.Init, c.Order.ToString(System.Globalization.CultureInfo.InvariantCulture), PlateDim(ctx, c.Plate), "__L",
                        $"\"{c.Data}\"", $"\"{c.Init}\"" }, ";");
            }
        }

        /// <summary>SamplePrior: an observed chain drawn forward element by element from its init's values (every other argument read at the element).</summary>
        public static void EmitPriorObservedChain(CodeWriter w, EmitContext ctx, ObservedChainPlan chain, CallPlan p, string init)
        {
            var dim = PlateDim(ctx, chain.Plate);
            string At(string tensor) => $"{ChainDraw}.At({tensor}, {dim}, __t)";
            var call = ArgumentExpressions.Call(p, n => At(ctx.Names.Draw(n)), prm => At(ctx.Names.PriorParam(prm.Id)), ctx,
                wrap: At, previous: a => $"__prev[{(a.Lag - 1).ToString(System.Globalization.CultureInfo.InvariantCulture)}]");
            var shape = $"{ChainDraw}.OneElement({ctx.PathLayout(chain.Plate, "__plates")}.Shape(), {dim})";
            var element = "__element_" + chain.Data;
            w.Line($"// {chain.Data}: an observed timeseries along {chain.Plate}, drawn element by element from {chain.Init}");
            w.Open($"{EmitContext.Tensor} {element}({EmitContext.Tensor}[] __prev, long __t)");
            w.Line($"return {call}.Sample({shape}, dtype, false);");
            w.Close();
            w.CallLine($"var {ctx.Names.Draw(chain.Data)} = {ObservedChain}.Unroll",
                new[] { init, chain.Order.ToString(System.Globalization.CultureInfo.InvariantCulture), dim, "__L", $"sizes.{EmitContext.Id(chain.Plate)}", element,
                    $"\"{chain.Data}\"", $"\"{chain.Init}\"" }, ";");
        }

        private static string PlateDim(EmitContext ctx, string plate) => ctx.DimName(ctx.Plan.Plates.First(p => p.Name == plate).Dim);
    }
}
