using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Alan.Generator.Emit
{
    /// <summary>
    /// UpdateQemParams(lr): posterior expectations of each QEM distribution's sufficient statistics by the
    /// source-term trick (one forward, one backward pass), then Alan.Qem's moving-average update (DESIGN 4.8).
    /// </summary>
    internal static class QemEmitter
    {
        public static void Emit(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            var T = EmitContext.Tensor;
            w.Open("internal void __UpdateQem(ProblemSample s, double lr, global::Alan.ComputationStrategy? strategy)");
            w.Line("if (!(lr > 0.0 && lr <= 1.0)) throw new global::System.ArgumentOutOfRangeException(nameof(lr), lr, \"The QEM learning rate must be in (0, 1].\");");
            if (plan.Qem.Count == 0)
            {
                w.Line("// This problem has no [QemParam]s.");
                w.Close();
                w.Line();
                return;
            }
            w.Line($"using var __scope = {EmitContext.Torch}.NewDisposeScope();");
            var latentQem = plan.Qem.Where(q => q.IsLatent).ToList();
            var gradIndex = new Dictionary<string, int>();
            var js = new List<string>();
            if (latentQem.Count > 0)
            {
                w.Line($"var __src = new global::Alan.SourceTerms({plan.Groups.Count}, {plan.Latents.Count});");
                foreach (var q in latentQem)
                {
                    var l = ctx.Latent(q.Variable);
                    int li = plan.Latents.Items.IndexOf(l);
                    var tag = (q.InP ? "P_" : "Q_") + q.Variable;
                    w.Line($"var __s_{tag} = __src.AddStatistics({li}, global::Alan.Qem.Statistics(global::Alan.QemFamily.{q.Family}, s.__v_{q.Variable}), s.__nonMp ? 0 : {ctx.Group(l.Group).Dim});");
                    gradIndex[tag] = js.Count;
                    for (int i = 0; i < q.Statistics; i++) js.Add($"__s_{tag}[{i}]");
                }
                w.Line($"{T} __logP;");
                w.Line($"using ({EmitContext.Torch}.enable_grad()) __logP = __Estimate(s, detach: true, __src, null, strategy);");
                w.Line($"var __g = {EmitContext.Torch}.autograd.grad(new {T}[] {{ __logP }}, new {T}[] {{ {string.Join(", ", js)} }}, allow_unused: true);");
            }
            w.Open($"using ({EmitContext.Torch}.no_grad())");
            foreach (var q in plan.Qem)
            {
                var parameters = string.Join(", ", q.ParamKeys.Select(k => "__param_" + k));
                var sizes = PosteriorEmitter.Leading(ctx, q.Plate, null);
                string expectations;
                if (q.IsLatent)
                {
                    var tag = (q.InP ? "P_" : "Q_") + q.Variable;
                    int start = gradIndex[tag];
                    expectations = $"new {T}[] {{ {string.Join(", ", Enumerable.Range(start, q.Statistics).Select(i => $"global::Alan.Layout.Extract(__g[{i.ToString(CultureInfo.InvariantCulture)}], __L, {sizes})"))} }}";
                }
                else
                {
                    expectations = $"global::Alan.Qem.Statistics(global::Alan.QemFamily.{q.Family}, global::Alan.Layout.Extract(__data_{q.Variable}, __L, {sizes}))";
                }
                w.Line($"global::Alan.Qem.Update(global::Alan.QemFamily.{q.Family}, new {T}[] {{ {parameters} }}, {expectations}, lr);");
            }
            w.Close();
            w.Close();
            w.Line();
        }
    }
}
