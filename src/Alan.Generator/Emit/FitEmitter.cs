using System.Linq;

namespace Alan.Generator.Emit
{
    /// <summary>
    /// Fit(options): the runtime's FitEngine trains and pools draws; the problem contributes what the plan knows
    /// (which methods its Q allows) and how to type the pooled draws (DESIGN 3.2).
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
            w.Line("/// <summary>");
            w.Line("/// Trains Q (VI, RWS or QEM, chosen from the model unless <paramref name=\"options\"/> says) until the ELBO stops improving,");
            w.Line("/// then returns posterior draws pooled over independent samples, their summary, log p(data) and the Pareto k-hat that");
            w.Line("/// says whether to trust them. See <see cref=\"global::Alan.FitOptions\"/> for the defaults.");
            w.Line("/// </summary>");
            w.Line("public global::Alan.FitResult<ImportanceSampleSet> Fit(global::Alan.FitOptions? options = null) =>");
            w.Line("    global::Alan.CompilerServices.Fitting.FitEngine.Run(this, options, __fitModel,");
            w.Line($"        draws => new ImportanceSampleSet({string.Join(", ", plan.Latents.Select(l => $"draws[\"{l.Name}\"]"))}) {{ __Problem = this }});");
            w.Line();
            w.Line("/// <summary>What Fit may use: VI needs every latent of Q reparameterised, QEM a QEM family for each; only VI and RWS train [Param]s of Q.</summary>");
            w.Line("private static readonly global::Alan.CompilerServices.Fitting.FitModel __fitModel =");
            w.Line($"    new(\"{plan.ClassName}\", NonReparameterisedLatent: {(discrete is null ? "null" : $"\"{discrete.Name}\"")}, QemCapable: {Bool(qemCapable)}, QHasGradientParameters: {Bool(qGradient)});");
            w.Line();
        }

        private static string Bool(bool b) => b ? "true" : "false";
    }
}
