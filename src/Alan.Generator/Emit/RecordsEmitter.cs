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
    }
}
