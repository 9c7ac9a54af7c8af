using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Alan.Generator.Plan;

namespace Alan.Generator.Emit
{
    /// <summary>Fields, the validating constructor, parameter registration and PParameters/QParameters.</summary>
    internal static class ConstructorEmitter
    {
        public static void Emit(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            var T = EmitContext.Tensor;
            w.Line("private readonly PlateSizes __sizes;");
            w.Line("private readonly global::Alan.CompilerServices.TensorLayout.PlateLayout __layout; // the plates at __sizes, in __plateNames order");
            w.Line("// Fields below are refreshed by _toEpilog when the module moves (to(device), to(dtype)).");
            w.Line($"private {EmitContext.ScalarType} __dtype;");
            foreach (var d in plan.Data) w.Line($"private {T} __data_{d.Name};");
            foreach (var i in plan.Inputs) w.Line($"private {T} __input_{i.Name};");
            var names = ctx.Names;
            foreach (var module in plan.Params.Where(p => p.Module.Length > 0).Select(p => p.Module).Distinct())
                w.Line($"private readonly global::Alan.CompilerServices.TensorLayout.ParameterModule {names.ModuleField(module)};");
            foreach (var p in plan.Params)
            {
                w.Line(p.IsQem ? $"private {T} {names.ParamField(p.Id)};" : $"private global::TorchSharp.Modules.Parameter {names.ParamField(p.Id)};");
                w.Line($"private readonly long[] {names.ParamView(p.Id)};");
            }
            foreach (var g in plan.Groups) w.Line($"private readonly long[] __shape_{g.Name};");
            w.Line();

            w.Line("/// <summary>The plate sizes this problem was built with.</summary>");
            w.Line("public PlateSizes Sizes => __sizes;");
            w.Line();
            w.Line("/// <summary>The floating dtype of data, parameters and samples.</summary>");
            w.Line($"public override {EmitContext.ScalarType} DType => __dtype;");
            w.Line();

            var inputsParam = ctx.HasInputs ? "Inputs? inputs = null, " : "";
            w.Line("/// <summary>Builds the problem, validating every observation and input against the plate sizes.</summary>");
            w.Open($"public {EmitContext.Id(plan.ClassName)}(PlateSizes sizes, Observations observations, {inputsParam}{EmitContext.ScalarType} dtype = {EmitContext.ScalarType}.Float32) : base(\"{plan.ClassName}\", __latentNames)");
            w.Line("if (sizes is null) throw new global::System.ArgumentNullException(nameof(sizes));");
            w.Line("if (observations is null) throw new global::System.ArgumentNullException(nameof(observations));");
            w.Line("__ValidateSizes(sizes);");
            w.Line("__ValidateDtype(dtype);");
            if (ctx.HasInputs) w.Line("__RequireInputs(inputs);");
            w.Line("__sizes = sizes;");
            w.Line("__layout = __LayoutOf(sizes);");
            w.Line("__dtype = dtype;");
            w.Line("// Parameters are created on the default device: observations and inputs must be there too.");
            w.Line($"var __device = {EmitContext.Torch}.get_default_device();");
            foreach (var d in plan.Data)
                w.Line($"__data_{d.Name} = {PlaceData(ctx, d, "observations", "__layout", "dtype", "__device")};");
            foreach (var i in plan.Inputs)
                w.Line($"__input_{i.Name} = {PlaceInput(ctx, i, "__layout", "dtype", "__device")};");
            TimeseriesEmitter.EmitObservedInitChecks(w, ctx);
            foreach (var g in plan.Groups)
                w.Line($"__shape_{g.Name} = {ctx.PathLayout(g.Plate, "__layout")}.Shape();");

            foreach (var module in plan.Params.Where(p => p.Module.Length > 0).Select(p => p.Module).Distinct())
                w.Line($"{names.ModuleField(module)} = new global::Alan.CompilerServices.TensorLayout.ParameterModule(\"{module}\");");
            foreach (var p in plan.Params)
            {
                var natural = $"__Concat({ctx.PathSizes(p.Plate, "sizes")}, {EmitContext.Longs(p.Shape)})";
                var init = InitialValue(p, natural, "dtype");
                var owner = p.Module.Length > 0 ? names.ModuleField(p.Module) + "." : "";
                var field = names.ParamField(p.Id);
                if (p.IsQem && p.Module.Length > 0)
                    w.Line($"{field} = {owner}AddBuffer(\"{p.LocalName}\", {init});");
                else if (p.IsQem)
                {
                    w.Line($"{field} = {init};");
                    w.Line($"register_buffer(\"{p.LocalName}\", {field});");
                }
                else if (p.Module.Length > 0)
                    w.Line($"{field} = {owner}AddParameter(\"{p.LocalName}\", {init});");
                else
                {
                    w.Line($"{field} = new global::TorchSharp.Modules.Parameter({init}, requires_grad: true);");
                    w.Line($"register_parameter(\"{p.LocalName}\", {field});");
                }
                w.Line($"{names.ParamView(p.Id)} = __Concat({ctx.PathLayout(p.Plate, "__layout")}.Shape(), {EmitContext.Longs(p.Shape)});");
            }
            foreach (var module in plan.Params.Where(p => p.Module.Length > 0).Select(p => p.Module).Distinct())
                w.Line($"register_module(\"{module}\", {names.ModuleField(module)});");
            EmitUpperBoundChecks(w, ctx);
            w.Close();
            w.Line();
            EmitFactory(w, ctx);

            EmitPlacements(w, ctx);
            EmitMove(w, ctx);
            EmitDispose(w, ctx);
            EmitParameterLists(w, ctx);
            EmitHelpers(w, ctx);
        }

        /// <summary>
        /// A parameter's initial value at <paramref name="shape"/> ([plates..., event...]): a constant, identity matrices
        /// (<c>ParamInit.Identity</c>, or a covariance's default) or its <c>InitFrom</c> member's value, checked there.
        /// </summary>
        public static string InitialValue(ParamPlan p, string shape, string dtype)
        {
            const string init = "global::Alan.CompilerServices.TensorLayout.ParameterInit";
            return p.Start.Kind switch
            {
                ParamStartKind.Identity => $"{init}.Identity({shape}, {EmitContext.Double(p.Start.Value)}, {dtype}, \"{p.StateName}\")",
                ParamStartKind.Member => $"{init}.From({p.Start.Accessor}, {shape}, {dtype}, \"{p.StateName}\", \"{p.Start.Member}\")",
                _ => $"{EmitContext.Torch}.full({shape}, global::Alan.Scalars.Of({EmitContext.Double(p.Start.Value)}), dtype: {dtype})",
            };
        }

        /// <summary>
        /// <c>Layout.Place</c> of an observation: shape, device, a copy in the problem's dtype, finiteness and the
        /// support of its P distribution (checked once, here). <paramref name="layout"/> is a PlateLayout over all plates.
        /// </summary>
        /// <summary>IInferenceProblemFactory's Create: the constructor with the records passed as objects, for generic code.</summary>
        private static void EmitFactory(CodeWriter w, EmitContext ctx)
        {
            var id = EmitContext.Id(ctx.Plan.ClassName);
            var records = "global::Alan.CompilerServices.Problems.ProblemRecords";
            w.Line("/// <summary>The constructor with the records passed as objects (<see cref=\"global::Alan.IInferenceProblemFactory{TSelf}\"/>): code that drives any model builds it with this.</summary>");
            w.Open($"public static {id} Create(object sizes, object observations, object? inputs = null, {EmitContext.ScalarType} dtype = {EmitContext.ScalarType}.Float32)");
            if (!ctx.HasInputs) w.Line($"{records}.ExpectNoInputs(inputs, nameof(inputs));");
            var arguments = new List<string>
            {
                $"{records}.Expect<PlateSizes>(sizes, nameof(sizes))!",
                $"{records}.Expect<Observations>(observations, nameof(observations))!",
            };
            if (ctx.HasInputs) arguments.Add($"{records}.Expect<Inputs>(inputs, nameof(inputs), optional: true)");
            arguments.Add("dtype");
            w.CallLine("return new", arguments, ";");
            w.Close();
            w.Line();
        }

        public static string PlaceData(EmitContext ctx, DataPlan d, string observations, string layout, string dtype, string device) =>
            $"global::Alan.CompilerServices.TensorLayout.Layout.Place({observations}.{EmitContext.Id(d.Name)}, __placement_data_{d.Name}, {ctx.PathLayout(d.Plate, layout)}, {dtype}, {device})";

        /// <summary><c>Layout.Place</c> of an input: exactly <c>[plate path..., declared Shape...]</c>, device, a copy, finite.</summary>
        public static string PlaceInput(EmitContext ctx, InputPlan i, string layout, string dtype, string device) =>
            $"global::Alan.CompilerServices.TensorLayout.Layout.Place(inputs!.{EmitContext.Id(i.Name)}, __placement_input_{i.Name}, {ctx.PathLayout(i.Plate, layout)}, {dtype}, {device})";

        /// <summary>
        /// What each observation and input is (for validation messages), built once; and the PlateLayout of
        /// the problem's plates at given sizes.
        /// </summary>
        private static void EmitPlacements(CodeWriter w, EmitContext ctx)
        {
            var P = "global::Alan.CompilerServices.TensorLayout.Placement";
            foreach (var d in ctx.Plan.Data)
                w.Line($"private static readonly {P} __placement_data_{d.Name} = new {P}(\"Observation\", \"{d.Name}\", support: global::Alan.Support.{SupportName(d.Support)}, distribution: \"{d.P.DistributionName}\");");
            foreach (var i in ctx.Plan.Inputs)
                w.Line($"private static readonly {P} __placement_input_{i.Name} = new {P}(\"Input\", \"{i.Name}\", {EmitContext.Longs(i.Shape)});");
            w.Line();
            w.Line("/// <summary>The problem's plates (names, layout dims) at <paramref name=\"sizes\"/>.</summary>");
            w.Line("private static global::Alan.CompilerServices.TensorLayout.PlateLayout __LayoutOf(PlateSizes sizes) =>");
            w.Line($"    new(__L, __plateNames, __plateDims, {EmitContext.LongArray(ctx.Plan.Plates.Select(p => "sizes." + EmitContext.Id(p.Name)))});");
            w.Line();
        }

        private static string SupportName(int support) => support switch
        {
            1 => "Positive",
            2 => "Interval",
            3 => "UnitInterval",
            4 => "Simplex",
            5 => "Binary",
            6 => "BoundedCount",
            7 => "Category",
            8 => "Count",
            9 => "Ordered",
            10 => "PositiveOrdered",
            _ => "Real",
        };

        /// <summary>
        /// Upper bounds of bounded discrete supports (Binomial's totalCount, Categorical's categories) are
        /// knowable at construction when the data variable's distribution does not depend on a latent: build it
        /// once (parameters at their initial values) and check the observations against it.
        /// </summary>
        private static void EmitUpperBoundChecks(CodeWriter w, EmitContext ctx)
        {
            foreach (var d in ctx.Plan.Data)
            {
                if (d.Support != 6 && d.Support != 7) continue;
                if (d.P.Args.Any(a => a.Source == ArgSource.Latent || a.Source == ArgSource.Data || a.Source == ArgSource.Previous)) continue;
                var call = ArgumentExpressions.Call(d.P, n => n, ctx.InstanceParam, ctx);
                w.Line($"using ({EmitContext.Torch}.NewDisposeScope()) global::Alan.CompilerServices.TensorLayout.Layout.CheckUpperBound({call}, __data_{d.Name}, __placement_data_{d.Name}, {ctx.PathLayout(d.Plate, "__layout")}, dtype);");
            }
        }

        /// <summary>
        /// The latents' names for the untyped posterior views; Dispose (in the base class) releases the data and inputs
        /// too, and makes later use throw ObjectDisposedException.
        /// </summary>
        private static void EmitDispose(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            var latents = plan.Latents.Count == 0 ? "global::System.Array.Empty<string>()"
                : "new string[] { " + string.Join(", ", plan.Latents.Select(l => "\"" + l.Name + "\"")) + " }";
            w.Line("/// <summary>The latents in declaration order: the keys of the untyped posterior views (IInferenceSample).</summary>");
            w.Line($"private static readonly string[] __latentNames = {latents};");
            w.Line();
            string PlatePath(LatentPlan l)
            {
                var path = ctx.Path(l.Plate);
                return path.Count == 0 ? "global::System.Array.Empty<int>()"
                    : "new int[] { " + string.Join(", ", path.Select(p => plan.Plates.Items.IndexOf(p).ToString(CultureInfo.InvariantCulture))) + " }";
            }
            var paths = plan.Latents.Count == 0 ? "global::System.Array.Empty<int[]>()"
                : "new int[][] { " + string.Join(", ", plan.Latents.Select(PlatePath)) + " }";
            w.Line("/// <summary>Each latent's plates, root first, as positions in __plateNames (in __latentNames order).</summary>");
            w.Line($"private static readonly int[][] __latentPlates = {paths};");
            w.Line();
            w.Line("/// <summary>The plates at this problem's sizes (the runtime's sharded draws and summaries read them).</summary>");
            w.Line("protected override global::Alan.CompilerServices.TensorLayout.PlateLayout __Layout => __layout;");
            w.Line();
            w.Line("/// <summary>Each latent's plates, root first, as positions in <see cref=\"__Layout\"/>, in <c>Latents</c> order.</summary>");
            w.Line("protected override global::System.Collections.Generic.IReadOnlyList<int[]> __LatentPlates => __latentPlates;");
            w.Line();
            w.Line("/// <summary>Releases the observations and inputs: called once by Dispose (in the base class), before the module itself is disposed.</summary>");
            w.Open("protected override void __DisposeData()");
            foreach (var d in plan.Data) w.Line($"__data_{d.Name}.Dispose();");
            foreach (var i in plan.Inputs) w.Line($"__input_{i.Name}.Dispose();");
            w.Close();
            w.Line();
        }

        /// <summary>After to(device)/to(dtype), re-reads moved parameters and moves data and inputs.</summary>
        private static void EmitMove(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            w.Line("/// <summary>Keeps cached parameter, data and input fields in step with to(device) and to(dtype).</summary>");
            w.Open($"protected override void _toEpilog({EmitContext.ScalarType}? dtype, global::TorchSharp.torch.Device? device, bool non_blocking)");
            w.Line("base._toEpilog(dtype, device, non_blocking);");
            w.Line($"if (dtype is {EmitContext.ScalarType} d && global::TorchSharp.torch.is_floating_point(global::TorchSharp.torch.empty(0, dtype: d))) __dtype = d;");
            foreach (var d in plan.Data) w.Line($"__data_{d.Name} = global::Alan.CompilerServices.TensorLayout.Layout.Move(__data_{d.Name}, dtype, device);");
            foreach (var i in plan.Inputs) w.Line($"__input_{i.Name} = global::Alan.CompilerServices.TensorLayout.Layout.Move(__input_{i.Name}, dtype, device);");
            foreach (var p in plan.Params)
            {
                var owner = p.Module.Length > 0 ? ctx.Names.ModuleField(p.Module) + "." : "";
                w.Line(p.IsQem
                    ? $"{ctx.Names.ParamField(p.Id)} = {owner}get_buffer(\"{p.LocalName}\")!;"
                    : $"{ctx.Names.ParamField(p.Id)} = {owner}get_parameter(\"{p.LocalName}\")!;");
            }
            w.Close();
            w.Line();
        }

        private static void EmitParameterLists(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            foreach (var (name, inP) in new[] { ("PParameters", true), ("QParameters", false) })
            {
                w.Line($"/// <summary>The trainable parameters of {(inP ? "P (the model)" : "Q (the proposal)")}.</summary>");
                w.Open($"public override global::System.Collections.Generic.IEnumerable<global::TorchSharp.Modules.Parameter> {name}()");
                var ps = plan.Params.Where(p => p.InP == inP && !p.IsQem).ToList();
                w.Line("__ThrowIfProblemDisposed();");
                if (ps.Count == 0) w.Line("yield break;");
                foreach (var p in ps) w.Line($"yield return {ctx.Names.ParamField(p.Id)};");
                w.Close();
                w.Line();
            }
        }

        private static void EmitHelpers(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            w.Open("private static void __ValidateSizes(PlateSizes sizes)");
            foreach (var p in plan.Plates)
            {
                var size = "sizes." + EmitContext.Id(p.Name);
                w.Line($"if ({size} < 1) throw new global::System.ArgumentOutOfRangeException(nameof(sizes), {size}, \"Plate '{p.Name}' must have at least one element, but its size is \" + {size} + \".\");");
            }
            w.Close();
            w.Line();
            w.Open($"private static void __ValidateDtype({EmitContext.ScalarType} dtype)");
            w.Line($"if (dtype != {EmitContext.ScalarType}.Float32 && dtype != {EmitContext.ScalarType}.Float64 && dtype != {EmitContext.ScalarType}.Float16 && dtype != {EmitContext.ScalarType}.BFloat16)");
            w.Line($"    throw new global::System.ArgumentException(\"dtype must be a floating type (Float32, Float64, Float16 or BFloat16), but is \" + dtype + \".\", nameof(dtype));");
            w.Close();
            w.Line();
            if (ctx.HasInputs)
            {
                var names = string.Join(", ", plan.Inputs.Select(i => i.Name));
                w.Open("private static void __RequireInputs(Inputs? inputs)");
                w.Line($"if (inputs is null) throw new global::System.ArgumentNullException(nameof(inputs), \"This model has inputs ({names}); pass them as new {plan.ClassName}.Inputs(...).\");");
                w.Close();
                w.Line();
            }
            w.Line("private static long[] __Concat(long[] leading, long[] eventShape)");
            w.Line("{");
            w.Line("    var shape = new long[leading.Length + eventShape.Length];");
            w.Line("    leading.CopyTo(shape, 0);");
            w.Line("    eventShape.CopyTo(shape, leading.Length);");
            w.Line("    return shape;");
            w.Line("}");
            w.Line();
            var deviceSource = plan.Data.Count > 0 ? "__data_" + plan.Data[0].Name + ".device"
                : plan.Params.Count > 0 ? ctx.Names.ParamField(plan.Params[0].Id) + ".device"
                : plan.Inputs.Count > 0 ? "__input_" + plan.Inputs[0].Name + ".device"
                : "global::TorchSharp.torch.CPU";
            w.Line($"private global::TorchSharp.torch.Device __Device => {deviceSource};");
            w.Line();
        }
    }
}
