using System.Linq;

namespace Alan.Generator.Emit
{
    /// <summary>
    /// Fit(options) lives in the runtime's problem base class; the generated part says what the plan knows (which
    /// methods its Q allows) and how to type the pooled draws (DESIGN 3.2).
    /// </summary>
    internal static class FitEmitter
    {
        public static void Emit(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            var discrete = plan.Latents.FirstOrDefault(l => !l.Q.Reparameterised);
            // QEM trains Q only through [QemParam]s: every Q latent must have a QEM family with all-QEM arguments.
            bool qemCapable = plan.Latents.Count > 0 && plan.Latents.All(l => plan.Qem.Any(q => !q.InP && q.IsLatent && q.Variable == l.Name));
            bool qGradient = plan.Params.Any(p => !p.InP && !p.IsQem);
            w.Line("/// <summary>What Fit may use: VI needs every latent of Q reparameterised, QEM a QEM family for each; only VI and RWS train [Param]s of Q.</summary>");
            w.Line("protected override global::Alan.CompilerServices.Fitting.FitModel __FitModel { get; } =");
            var head = $"    new(\"{plan.ClassName}\", NonReparameterisedLatent: {(discrete is null ? "null" : $"\"{discrete.Name}\"")}, QemCapable: {Bool(qemCapable)}, QHasGradientParameters: {Bool(qGradient)}";
            if (plan.MomentBlock.Count == 0) w.Line(head + ");");
            else
            {
                // A derived Default guide: Fit sets its root block from posterior moments (a QEM multivariate normal).
                w.Line(head + ",");
                w.Line("        MomentBlock: new global::Alan.CompilerServices.Fitting.MomentMember[]");
                w.Line("        {");
                foreach (var m in plan.MomentBlock)
                {
                    var parents = m.Parents.Count == 0 ? "global::System.Array.Empty<string>()" : "new[] { " + string.Join(", ", m.Parents.Select(p => "\"" + p + "\"")) + " }";
                    w.Line($"            new(\"{m.Latent}\", global::Alan.CompilerServices.Fitting.Unconstrain.{UnconstrainName(m.Unconstrain)}, {m.Size}, {Bool(m.Vector)}, {parents}),");
                }
                w.Line("        });");
            }
            w.Line();
            w.Line("/// <summary>Fit's pooled draws, by latent name, as this problem's draws.</summary>");
            w.Line("protected override ImportanceSampleSet __TypeDraws(global::Alan.CompilerServices.Fitting.PooledDraws draws) =>");
            var draws = plan.Latents.Select(l => $"draws[\"{l.Name}\"]").ToList();
            var oneLine = $"    new ImportanceSampleSet({string.Join(", ", draws)}) {{ __Problem = this, __Generator = draws.Generator, __Origin = draws.Origin }};";
            if (w.Fits(oneLine)) w.Line(oneLine);
            else
            {
                w.Line("    new ImportanceSampleSet(");
                for (int i = 0; i < draws.Count; i++) w.Line("        " + draws[i] + (i + 1 < draws.Count ? "," : ") { __Problem = this, __Generator = draws.Generator, __Origin = draws.Origin };"));
            }
            w.Line();
        }

        private static string Bool(bool b) => b ? "true" : "false";

        private static string UnconstrainName(int kind) => kind switch { 1 => "Log", 2 => "Logit", _ => "Identity" };
    }
}
