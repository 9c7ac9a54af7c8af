using System.Linq;
using Alan.Generator.Plan;

namespace Alan.Generator.Emit
{
    /// <summary>
    /// Marginals and moments by the source-term trick (DESIGN 4.6): one zero factor J_g per group, one forward
    /// pass of the estimator (in float64) and one autograd.grad give every group's posterior weights; marginals,
    /// moments and QEM's expected statistics are weighted sums over particles (Alan.CompilerServices.Posterior.PosteriorWeights).
    /// </summary>
    internal static class PosteriorEmitter
    {
        public static void Emit(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            var T = EmitContext.Tensor;
            int groups = plan.Groups.Count;

            w.Line("/// <summary>");
            w.Line("/// Every group's posterior weights over its particles, normalised per plate element, in float64 (DESIGN 4.6), and");
            w.Line("/// <paramref name=\"logPHat\"/>, the estimate the weights differentiate (the sample's ELBO, in float64).");
            w.Line("/// </summary>");
            w.Open($"private {T}[] __GroupWeights(ProblemSample s, global::Alan.ComputationStrategy? strategy, string method, out double logPHat)");
            w.Line("global::Alan.CompilerServices.Posterior.PosteriorWeights.RequireAutograd(method);");
            if (groups == 0)
            {
                w.Line("// No latents: nothing to weigh.");
                w.Open($"using (var __scope = {EmitContext.Torch}.NewDisposeScope())");
                w.Line("var __elbo = __Estimate(s, method, detach: true, global::Alan.CompilerServices.Semiring.Contraction.Plain, strategy);");
                w.Line($"logPHat = __elbo.to_type({EmitContext.Torch}.ScalarType.Float64).item<double>();");
                w.Close();
                w.Line($"return global::System.Array.Empty<{T}>();");
            }
            else
            {
                w.Line("var ring = new global::Alan.CompilerServices.Semiring.SourceTermContraction();");
                w.ArrayLine($"var __j = new {T}[]", plan.Groups.Select(g => $"ring.AddGroup(\"{g.Name}\", s.{ctx.Names.Particles(g.Members[0])}, __L)"), ";");
                w.Line($"{T} __logP;");
                w.Line($"using ({EmitContext.Torch}.enable_grad()) __logP = __Estimate(s, method, detach: true, ring, strategy);");
                w.Line("logPHat = __logP.item<double>();");
                w.Line("var __g = global::Alan.CompilerServices.Posterior.PosteriorWeights.Gradients(__logP, __j, method);");
                var normalised = plan.Groups.Select((g, i) => $"global::Alan.CompilerServices.Posterior.PosteriorWeights.Normalise(__g[{i}], {ctx.ParticleDim(g)}, \"{g.Name}\")");
                w.ArrayLine($"return new {T}[]", normalised, ";");
            }
            w.Close();
            w.Line();

            if (plan.Latents.Count == 0)
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
            w.Line($"var __w = __GroupWeights(s, strategy, \"{plan.ClassName}.Marginals\", out _);");
            var weights = plan.Latents.Select(l =>
            {
                int gi = plan.Groups.Items.IndexOf(ctx.Group(l.Group));
                return $"global::Alan.CompilerServices.TensorLayout.Layout.Extract(__w[{gi}].to_type(__dtype), __L, {Leading(ctx, l.Plate, "s.K")}).MoveToOuterDisposeScope()";
            });
            w.CallLine("return new MarginalSet", weights, ";");
            w.Close();
            w.Line();

            w.Open("internal MomentSet __Moments(ProblemSample s, global::Alan.ComputationStrategy? strategy)");
            w.Line($"using var __scope = {EmitContext.Torch}.NewDisposeScope();");
            w.Line($"var __w = __GroupWeights(s, strategy, \"{plan.ClassName}.Moments\", out _);");
            foreach (var l in plan.Latents)
            {
                var g = ctx.Group(l.Group);
                int gi = plan.Groups.Items.IndexOf(g);
                w.CallLine(
                    $"var m_{l.Name} = global::Alan.CompilerServices.Posterior.PosteriorWeights.Moments",
                    new[] { $"__w[{gi}]", $"s.{ctx.Names.Particles(l.Name)}", ctx.ParticleDim(g), "__L", Leading(ctx, l.Plate, null), "__dtype" },
                    ".MoveToOuterDisposeScope();");
            }
            w.CallLine("return new MomentSet", plan.Latents.Select(l => "m_" + l.Name), ";");
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
            w.Line("/// <summary>Effective sample size 1 / sum_k w_k^2 per latent and plate element, [plates...], within [1, K].</summary>");
            w.Line($"public EssSet Ess() => new EssSet({string.Join(", ", plan.Latents.Select(l => $"global::Alan.CompilerServices.Posterior.PosteriorWeights.Ess({EmitContext.Id(l.Name)})"))});");
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
