using System.Globalization;
using System.Linq;
using Alan.Generator.Plan;

namespace Alan.Generator.Emit
{
    /// <summary>
    /// Marginals and moments by the source-term trick (DESIGN 4.6): zero J factors, one forward pass of
    /// the estimator and one autograd.grad.
    /// </summary>
    internal static class PosteriorEmitter
    {
        public static void Emit(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            var T = EmitContext.Tensor;
            int groups = plan.Groups.Count, latents = plan.Latents.Count;

            if (latents == 0)
            {
                // No latents: nothing to weigh (and autograd.grad refuses an empty list of inputs).
                w.Line("internal MarginalSet __Marginals(ProblemSample s, global::Alan.ComputationStrategy? strategy) => new MarginalSet();");
                w.Line();
                w.Line("internal MomentSet __Moments(ProblemSample s, global::Alan.ComputationStrategy? strategy) => new MomentSet();");
                w.Line();
                return;
            }

            w.Open("internal MarginalSet __Marginals(ProblemSample s, global::Alan.ComputationStrategy? strategy)");
            w.Line($"using var __scope = {EmitContext.Torch}.NewDisposeScope();");
            w.Line($"var __src = new global::Alan.SourceTerms({groups}, {latents});");
            w.Line($"var __j = new {T}[] {{ {string.Join(", ", plan.Groups.Select((g, i) => $"__src.AddGroup({i}, s.__v_{g.Members[0]}, __L)"))} }};");
            w.Line($"{T} __logP;");
            w.Line($"using ({EmitContext.Torch}.enable_grad()) __logP = __Estimate(s, detach: true, __src, null, strategy);");
            w.Line($"var __g = {EmitContext.Torch}.autograd.grad(new {T}[] {{ __logP }}, __j, allow_unused: true);");
            var weights = plan.Latents.Select(l =>
            {
                int gi = plan.Groups.Items.IndexOf(ctx.Group(l.Group));
                return $"global::Alan.Layout.Extract(__g[{gi}], __L, {Leading(ctx, l.Plate, "s.K")}).MoveToOuterDisposeScope()";
            });
            w.Line($"return new MarginalSet({string.Join(", ", weights)});");
            w.Close();
            w.Line();

            w.Open("internal MomentSet __Moments(ProblemSample s, global::Alan.ComputationStrategy? strategy)");
            w.Line($"using var __scope = {EmitContext.Torch}.NewDisposeScope();");
            w.Line($"var __src = new global::Alan.SourceTerms({groups}, {latents});");
            for (int i = 0; i < latents; i++)
            {
                var l = plan.Latents[i];
                w.Line($"var __m{i} = __src.AddMoments({i}, s.__v_{l.Name}, s.__nonMp ? 0 : {ctx.Group(l.Group).Dim});");
            }
            var js = string.Join(", ", Enumerable.Range(0, latents).Select(i => $"__m{i}[0], __m{i}[1]"));
            w.Line($"var __j = new {T}[] {{ {js} }};");
            w.Line($"{T} __logP;");
            w.Line($"using ({EmitContext.Torch}.enable_grad()) __logP = __Estimate(s, detach: true, __src, null, strategy);");
            w.Line($"var __g = {EmitContext.Torch}.autograd.grad(new {T}[] {{ __logP }}, __j, allow_unused: true);");
            var moments = plan.Latents.Select((l, i) =>
            {
                var leading = Leading(ctx, l.Plate, null);
                return $"new global::Alan.Moments(global::Alan.Layout.Extract(__g[{2 * i}], __L, {leading}).MoveToOuterDisposeScope(), global::Alan.Layout.Extract(__g[{2 * i + 1}], __L, {leading}).MoveToOuterDisposeScope())";
            });
            w.Line($"return new MomentSet({string.Join(", ", moments)});");
            w.Close();
            w.Line();
        }

        /// <summary>[K?, plate sizes of the path...] as a long[] expression.</summary>
        public static string Leading(EmitContext ctx, string plate, string? k)
        {
            if (k == null) return ctx.PathSizes(plate, "__sizes");
            return EmitContext.LongArray(new[] { k }.Concat(ctx.Path(plate).Select(p => "__sizes." + EmitContext.Id(p.Name))));
        }

        public static void EmitResultTypes(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            var T = EmitContext.Tensor;
            w.Line("/// <summary>Per latent, its group's posterior weights over particles, [K, plates...] (sum to 1 per plate element).</summary>");
            w.Open($"public sealed record MarginalSet({string.Join(", ", plan.Latents.Select(l => T + " " + EmitContext.Id(l.Name)))})");
            w.Line("/// <summary>Effective sample size 1 / sum_k w_k^2 per latent and plate element, [plates...].</summary>");
            w.Line($"public EssSet Ess() => new EssSet({string.Join(", ", plan.Latents.Select(l => $"{EmitContext.Id(l.Name)}.pow(2).sum(0L).reciprocal()"))});");
            w.Close();
            w.Line();
            w.Line("/// <summary>Effective sample sizes per latent, [plates...].</summary>");
            w.Line($"public sealed record EssSet({string.Join(", ", plan.Latents.Select(l => T + " " + EmitContext.Id(l.Name)))});");
            w.Line();
            w.Line("/// <summary>Posterior moments per latent (Mean, Mean2, Variance, Std), each [plates..., event...].</summary>");
            w.Line($"public sealed record MomentSet({string.Join(", ", plan.Latents.Select(l => "global::Alan.Moments " + EmitContext.Id(l.Name)))});");
            w.Line();
        }
    }
}
