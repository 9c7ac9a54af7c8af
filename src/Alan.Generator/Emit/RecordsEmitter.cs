using System.Linq;

namespace Alan.Generator.Emit
{
    /// <summary>The user-constructed records: PlateSizes, Observations, Inputs; and the layout constants.</summary>
    internal static class RecordsEmitter
    {
        public static void Emit(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            w.Line($"/// <summary>Number of leading layout dimensions (padding, one per particle group, one per plate).</summary>");
            w.Line($"private const int __L = {plan.LayoutRank};");
            w.Line("private static readonly long[] __scalar = new long[0];");
            w.Line();
            EmitDims(w, ctx);
            w.Line();
            w.Line("/// <summary>The size of every plate.</summary>");
            w.Line($"public sealed record PlateSizes({string.Join(", ", plan.Plates.Select(p => "int " + EmitContext.Id(p.Name)))});");
            w.Line();
            w.Line("/// <summary>One tensor per observed variable, shaped [plates..., event...].</summary>");
            w.Line($"public sealed record Observations({string.Join(", ", plan.Data.Select(d => EmitContext.Tensor + " " + EmitContext.Id(d.Name)))});");
            if (ctx.HasInputs)
            {
                w.Line();
                w.Line("/// <summary>One tensor per input, shaped [plate path..., event...].</summary>");
                w.Line($"public sealed record Inputs({string.Join(", ", plan.Inputs.Select(i => EmitContext.Tensor + " " + EmitContext.Id(i.Name)))});");
            }
            w.Line();
        }

        /// <summary>
        /// The layout as named constants: every tensor's leading dims are NonMp (the global sampler's particles),
        /// padding, one particle dim K_g per Q group, then one dim per plate; event dims follow.
        /// </summary>
        private static void EmitDims(CodeWriter w, EmitContext ctx)
        {
            var dims = ctx.Plan.Dims;
            // Every leading dim at its position ("pad": padding, always of size 1), then the event dims.
            bool padding = dims.Any(d => d.Name.StartsWith("__", System.StringComparison.Ordinal));
            var listed = dims.Select(d => d.Name.StartsWith("__", System.StringComparison.Ordinal) ? "pad" : d.Name);
            w.Line($"// Layout: [{string.Join(", ", listed)} | event]{(padding ? " (pad: a padding dim of size 1)" : "")}");
            w.Line("/// <summary>The layout dims by name: NonMp (global sampler), K_&lt;group&gt; (a Q group's particles), then the plates.</summary>");
            w.Open("private static class Dim");
            foreach (var d in dims.Where(d => !d.Name.StartsWith("__", System.StringComparison.Ordinal)))
                w.Line($"public const long {EmitContext.Id(d.Name)} = {d.Index.ToString(System.Globalization.CultureInfo.InvariantCulture)};");
            w.Close();
        }
    }
}
