using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Alan.Generator.Emit
{
    /// <summary>
    /// UpdateQemParams(lr): posterior expectations of each QEM distribution's sufficient statistics, weighted
    /// sums over particles with the source-term weights (one forward, one backward pass), then Alan.CompilerServices.MomentMatching.Qem's
    /// moving-average update (DESIGN 4.8).
    /// </summary>
    internal static class QemEmitter
    {
        public static void Emit(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            var T = EmitContext.Tensor;
            if (plan.Qem.Count == 0)
            {
                w.Line("// No [QemParam]s: the sample's UpdateQemParams says so (InferenceSample.UpdateQem).");
                return;
            }
            w.Line("/// <summary>The QEM update; returns the sample's ELBO (log P-hat before the update), from the same pass, in float64.</summary>");
            w.Open("internal double __UpdateQem(ProblemSample s, double lr, global::Alan.ComputationStrategy? strategy)");
            w.Line("if (!(lr > 0.0 && lr <= 1.0)) throw new global::System.ArgumentOutOfRangeException(nameof(lr), lr, \"The QEM learning rate must be in (0, 1].\");");
            w.Line($"using var __scope = {EmitContext.Torch}.NewDisposeScope();");
            var method = $"\"{plan.ClassName}.UpdateQemParams\"";
            if (plan.Qem.Any(q => q.IsLatent))
            {
                w.Line($"var __w = __GroupWeights(s, strategy, {method}, out double logPHat);");
            }
            else
            {
                // No latent's weights to compute: the ELBO alone.
                w.Line("double logPHat;");
                w.Open($"using ({EmitContext.Torch}.no_grad())");
                w.CallLine("var __elbo = __Estimate", new[] { "s", method, "detach: true", "global::Alan.CompilerServices.Semiring.Contraction.Plain", "strategy" }, ";");
                w.Line($"logPHat = __elbo.to_type({EmitContext.Torch}.ScalarType.Float64).item<double>();");
                w.Close();
            }
            w.Open($"using ({EmitContext.Torch}.no_grad())");
            foreach (var q in plan.Qem)
            {
                var parameters = string.Join(", ", q.Params.Select(ctx.Names.ParamField));
                var sizes = PosteriorEmitter.Leading(ctx, q.Plate, null);
                string expectations;
                if (q.IsLatent)
                {
                    // E_post[T(z)] = sum_k w_k T(z_k) with the group's normalised weights, shaped like the parameters.
                    var g = ctx.Group(ctx.Latent(q.Variable).Group);
                    int gi = plan.Groups.Items.IndexOf(g);
                    expectations = ctx.Names.QemExtracted(q);
                    w.CallLine(
                        $"var {expectations} = global::Alan.CompilerServices.MomentMatching.Qem.PosteriorExpectations",
                        new[] { Family(q), $"s.{ctx.Names.Particles(q.Variable)}", $"__w[{gi.ToString(CultureInfo.InvariantCulture)}]", ctx.ParticleDim(g), "__L", sizes },
                        ";");
                }
                else
                {
                    var data = $"global::Alan.CompilerServices.TensorLayout.Layout.Extract(__data_{q.Variable}, __L, {sizes})";
                    expectations = ctx.Names.QemExtracted(q);
                    w.CallLine($"var {expectations} = global::Alan.CompilerServices.MomentMatching.Qem.Statistics", new[] { Family(q), data }, ";");
                }
                w.CallLine("global::Alan.CompilerServices.MomentMatching.Qem.Update", new[] { Family(q), $"new {T}[] {{ {parameters} }}", expectations, "lr" }, ";");
            }
            w.Close();
            w.Line("return logPHat;");
            w.Close();
            w.Line();
        }

        private static string Family(Plan.QemPlan q) => $"global::Alan.CompilerServices.QemFamily.{q.Family}";
    }
}
