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
            w.Line("// Fields below are refreshed by _toEpilog when the module moves (to(device), to(dtype)).");
            w.Line($"private {EmitContext.ScalarType} __dtype;");
            foreach (var d in plan.Data) w.Line($"private {T} __data_{d.Name};");
            foreach (var i in plan.Inputs) w.Line($"private {T} __input_{i.Name};");
            foreach (var module in plan.Params.Where(p => p.Module.Length > 0).Select(p => p.Module).Distinct())
                w.Line($"private readonly global::Alan.ParameterModule __module_{module};");
            foreach (var p in plan.Params)
            {
                w.Line(p.IsQem ? $"private {T} __param_{p.Key};" : $"private global::TorchSharp.Modules.Parameter __param_{p.Key};");
                w.Line($"private readonly long[] __view_{p.Key};");
            }
            foreach (var g in plan.Groups) w.Line($"private readonly long[] __shape_{g.Name};");
            w.Line();

            w.Line("/// <summary>The plate sizes this problem was built with.</summary>");
            w.Line("public PlateSizes Sizes => __sizes;");
            w.Line();
            w.Line("/// <summary>The floating dtype of data, parameters and samples.</summary>");
            w.Line($"public {EmitContext.ScalarType} DType => __dtype;");
            w.Line();

            var inputsParam = ctx.HasInputs ? "Inputs? inputs = null, " : "";
            w.Line("/// <summary>Builds the problem, validating every observation and input against the plate sizes.</summary>");
            w.Open($"public {EmitContext.Id(plan.ClassName)}(PlateSizes sizes, Observations observations, {inputsParam}{EmitContext.ScalarType} dtype = {EmitContext.ScalarType}.Float32) : base(\"{plan.ClassName}\")");
            w.Line("if (sizes is null) throw new global::System.ArgumentNullException(nameof(sizes));");
            w.Line("if (observations is null) throw new global::System.ArgumentNullException(nameof(observations));");
            w.Line("__ValidateSizes(sizes);");
            w.Line("__ValidateDtype(dtype);");
            if (ctx.HasInputs) w.Line("__RequireInputs(inputs);");
            w.Line("__sizes = sizes;");
            w.Line("__dtype = dtype;");
            foreach (var d in plan.Data)
                w.Line($"__data_{d.Name} = global::Alan.Layout.Place(observations.{EmitContext.Id(d.Name)}, \"Observation\", \"{d.Name}\", {ctx.PathNames(d.Plate)}, {ctx.PathSizes(d.Plate, "sizes")}, {ctx.PathDims(d.Plate)}, __L, dtype);");
            foreach (var i in plan.Inputs)
                w.Line($"__input_{i.Name} = global::Alan.Layout.Place(inputs!.{EmitContext.Id(i.Name)}, \"Input\", \"{i.Name}\", {ctx.PathNames(i.Plate)}, {ctx.PathSizes(i.Plate, "sizes")}, {ctx.PathDims(i.Plate)}, __L, dtype);");
            foreach (var g in plan.Groups)
                w.Line($"__shape_{g.Name} = global::Alan.Layout.Shape(__L, {ctx.PathDims(g.Plate)}, {ctx.PathSizes(g.Plate, "sizes")});");

            foreach (var module in plan.Params.Where(p => p.Module.Length > 0).Select(p => p.Module).Distinct())
                w.Line($"__module_{module} = new global::Alan.ParameterModule(\"{module}\");");
            foreach (var p in plan.Params)
            {
                var natural = $"__Concat({ctx.PathSizes(p.Plate, "sizes")}, {EmitContext.Longs(p.Shape)})";
                var init = $"{EmitContext.Torch}.full({natural}, {EmitContext.Double(p.Init)}, dtype: dtype)";
                var owner = p.Module.Length > 0 ? "__module_" + p.Module + "." : "";
                if (p.IsQem && p.Module.Length > 0)
                    w.Line($"__param_{p.Key} = {owner}AddBuffer(\"{p.LocalName}\", {init});");
                else if (p.IsQem)
                {
                    w.Line($"__param_{p.Key} = {init};");
                    w.Line($"register_buffer(\"{p.LocalName}\", __param_{p.Key});");
                }
                else if (p.Module.Length > 0)
                    w.Line($"__param_{p.Key} = {owner}AddParameter(\"{p.LocalName}\", {init});");
                else
                {
                    w.Line($"__param_{p.Key} = new global::TorchSharp.Modules.Parameter({init}, requires_grad: true);");
                    w.Line($"register_parameter(\"{p.LocalName}\", __param_{p.Key});");
                }
                w.Line($"__view_{p.Key} = __Concat(global::Alan.Layout.Shape(__L, {ctx.PathDims(p.Plate)}, {ctx.PathSizes(p.Plate, "sizes")}), {EmitContext.Longs(p.Shape)});");
            }
            foreach (var module in plan.Params.Where(p => p.Module.Length > 0).Select(p => p.Module).Distinct())
                w.Line($"register_module(\"{module}\", __module_{module});");
            w.Close();
            w.Line();

            EmitMove(w, plan);
            EmitParameterLists(w, plan);
            EmitHelpers(w, ctx);
        }

        /// <summary>After to(device)/to(dtype), re-reads moved parameters and moves data and inputs.</summary>
        private static void EmitMove(CodeWriter w, ProblemPlan plan)
        {
            w.Line("/// <summary>Keeps cached parameter, data and input fields in step with to(device) and to(dtype).</summary>");
            w.Open($"protected override void _toEpilog({EmitContext.ScalarType}? dtype, global::TorchSharp.torch.Device? device, bool non_blocking)");
            w.Line("base._toEpilog(dtype, device, non_blocking);");
            w.Line($"if (dtype is {EmitContext.ScalarType} d && global::TorchSharp.torch.is_floating_point(global::TorchSharp.torch.empty(0, dtype: d))) __dtype = d;");
            foreach (var d in plan.Data) w.Line($"__data_{d.Name} = global::Alan.Layout.Move(__data_{d.Name}, dtype, device);");
            foreach (var i in plan.Inputs) w.Line($"__input_{i.Name} = global::Alan.Layout.Move(__input_{i.Name}, dtype, device);");
            foreach (var p in plan.Params)
            {
                var owner = p.Module.Length > 0 ? $"__module_{p.Module}." : "";
                w.Line(p.IsQem
                    ? $"__param_{p.Key} = {owner}get_buffer(\"{p.LocalName}\")!;"
                    : $"__param_{p.Key} = {owner}get_parameter(\"{p.LocalName}\")!;");
            }
            w.Close();
            w.Line();
        }

        private static void EmitParameterLists(CodeWriter w, ProblemPlan plan)
        {
            foreach (var (name, inP) in new[] { ("PParameters", true), ("QParameters", false) })
            {
                w.Line($"/// <summary>The trainable parameters of {(inP ? "P (the model)" : "Q (the proposal)")}.</summary>");
                w.Open($"public global::System.Collections.Generic.IEnumerable<global::TorchSharp.Modules.Parameter> {name}()");
                var ps = plan.Params.Where(p => p.InP == inP && !p.IsQem).ToList();
                if (ps.Count == 0) w.Line("yield break;");
                foreach (var p in ps) w.Line($"yield return __param_{p.Key};");
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
                : plan.Params.Count > 0 ? "__param_" + plan.Params[0].Key + ".device"
                : plan.Inputs.Count > 0 ? "__input_" + plan.Inputs[0].Name + ".device"
                : "global::TorchSharp.torch.CPU";
            w.Line($"private global::TorchSharp.torch.Device __Device => {deviceSource};");
            w.Line();
        }
    }
}
