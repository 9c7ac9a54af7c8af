using System.Collections.Generic;
using System.Linq;
using Alan.Generator.Plan;

namespace Alan.Generator.Emit
{
    /// <summary>Sample(K, reparam, sampler, generator): draws K particles per Q group with parent re-indexing (DESIGN 4.1), every random number from the generator.</summary>
    internal static class SamplingEmitter
    {
        public static void Emit(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            // Sample and SampleNonMp (in the base class) check K and the sampler, then call __Draw.
            w.Line("/// <summary>Draws K particles per group (MP), or K joint draws along the non-MP dim (<paramref name=\"nonMp\"/>), all from <paramref name=\"generator\"/>.</summary>");
            w.Open("protected override ProblemSample __Draw(int K, bool reparam, global::Alan.Sampler sampler, bool nonMp, global::TorchSharp.torch.Generator? generator)");
            var notReparameterised = plan.Latents.Where(l => !l.Q.Reparameterised).ToList();
            if (notReparameterised.Count > 0)
            {
                var l = notReparameterised[0];
                var names = string.Join(", ", notReparameterised.Select(d => "'" + d.Name + "' (" + d.Q.DistributionName + ")"));
                w.Line($"if (reparam) throw new global::System.InvalidOperationException(\"Latent '{l.Name}' is proposed by {l.Q.DistributionName}, which has no reparameterised sampler (it is discrete, or chooses a mixture component) and cannot be sampled with reparameterisation (reparam: true, needed by ElboVi). Latents without one: {names}. Call Sample(K, reparam: false) and train with ElboRws.\");");
            }
            // Particles are held whole (Sample takes no split) in the problem's dtype.
            w.CallLine("global::Alan.CompilerServices.Memory.MemoryGuard.Check", new[]
            {
                $"nonMp ? \"{plan.ClassName}.SampleNonMp\" : \"{plan.ClassName}.Sample\"", "\"K\"", "K",
                "global::Alan.CompilerServices.Memory.MemoryGuard.BytesOf(__dtype)", "__particleExtents", "__layout", "splittable: false",
            }, ";");
            // Each call fills its own copies of the layout shapes, so concurrent draws share no buffers.
            foreach (var g in plan.Groups)
            {
                w.Line($"var shape_{g.Name} = (long[])__shape_{g.Name}.Clone();");
                w.Line($"shape_{g.Name}[Dim.NonMp] = nonMp ? K : 1;");
                w.Line($"shape_{g.Name}[{ctx.DimName(g.Dim)}] = nonMp ? 1 : K;");
            }
            w.Line($"using var __scope = {EmitContext.Torch}.NewDisposeScope();");
            if (plan.Groups.Any(g => g.QParents.Count > 0) || plan.Chains.Any(c => c.QChained)) w.Line("var __dev = __Device;");

            foreach (var g in plan.Groups)
            {
                w.Line($"// group {g.Name} (plate {(g.Plate.Length == 0 ? "root" : g.Plate)}, particle dim {g.Dim})");
                var reindexed = new HashSet<string>();
                var drawn = new HashSet<string>();
                foreach (var member in g.Members)
                {
                    var l = ctx.Latent(member);
                    foreach (var a in l.Q.Args.Where(a => a.Source == ArgSource.Latent))
                    {
                        var h = ctx.Group(ctx.Latent(a.Name).Group);
                        if (h.Name == g.Name || reindexed.Contains(a.Name)) continue;
                        if (drawn.Add(h.Name))
                            w.Line($"var {ctx.Names.ReindexMap(g.Name, h.Name)} = global::Alan.CompilerServices.TensorLayout.Reindex.Draw(sampler, shape_{h.Name}, {ctx.DimName(h.Dim)}, __dev, generator);");
                        w.Line($"var {ctx.Names.Reindexed(g.Name, a.Name)} = global::Alan.CompilerServices.TensorLayout.Reindex.Apply({ctx.Names.Drawn(a.Name)}, {ctx.Names.ReindexMap(g.Name, h.Name)}, {ctx.DimName(h.Dim)}, {ctx.DimName(g.Dim)});");
                        reindexed.Add(a.Name);
                    }
                    string Latent(string name) => ctx.Latent(name).Group == g.Name ? ctx.Names.Drawn(name) : ctx.Names.Reindexed(g.Name, name);
                    if (TimeseriesEmitter.Find(ctx, member) is { QChained: true } chain)
                    {
                        TimeseriesEmitter.EmitSampledChain(w, ctx, chain, g, l, Latent);
                        continue;
                    }
                    var call = ArgumentExpressions.Call(l.Q, Latent, ctx.InstanceParam, ctx);
                    w.Line($"var {ctx.Names.Drawn(member)} = {call}.Sample(shape_{g.Name}, __dtype, reparam, generator);");
                }
            }
            var values = string.Join(", ", plan.Latents.Select(l => $"{ctx.Names.Drawn(l.Name)}.MoveToOuterDisposeScope()"));
            w.Line($"return new ProblemSample(this, K, reparam, nonMp{(values.Length > 0 ? ", " + values : "")});");
            w.Close();
            w.Line();
            // One particle tensor per group, [K, plates of its path]; the re-indexing maps have the same extent.
            var extents = plan.Groups.Select(g =>
                $"new global::Alan.CompilerServices.Memory.TensorExtent(\"the particles of group {g.Name}\", 1, {ctx.PathDims(g.Plate)})").ToList();
            w.Line($"private static readonly global::Alan.CompilerServices.Memory.TensorExtent[] __particleExtents = {Extents(extents)};");
            // ImportanceSample(N): one drawn index per (n, plate element) for every group, [N, plates of its path].
            var draws = plan.Groups.Select(g =>
                $"new global::Alan.CompilerServices.Memory.TensorExtent(\"the draws of group {g.Name}\", 1, {ctx.PathDims(g.Plate)})").ToList();
            w.Line($"private static readonly global::Alan.CompilerServices.Memory.TensorExtent[] __drawExtents = {Extents(draws)};");
            w.Line();
        }

        private static string Extents(List<string> items) => items.Count == 0
            ? "global::System.Array.Empty<global::Alan.CompilerServices.Memory.TensorExtent>()"
            : "new global::Alan.CompilerServices.Memory.TensorExtent[] { " + string.Join(", ", items) + " }";
    }
}
