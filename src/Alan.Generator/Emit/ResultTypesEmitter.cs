using System.Linq;
using Alan.Generator.Plan;

namespace Alan.Generator.Emit
{
    /// <summary>The generated result types: PriorSample, ParticleSet and the IDisposable ProblemSample.</summary>
    internal static class ResultTypesEmitter
    {
        public static void Emit(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            var T = EmitContext.Tensor;
            w.Line("/// <summary>One draw of every variable of P, each shaped [plates..., event...].</summary>");
            w.Line($"public sealed record PriorSample({string.Join(", ", plan.Prior.Select(v => T + " " + EmitContext.Id(v.Name)))});");
            w.Line();
            w.Line("/// <summary>Each latent's K particles, shaped [K, plates..., event...] (detached).</summary>");
            w.Open($"public sealed record ParticleSet({string.Join(", ", plan.Latents.Select(l => T + " " + EmitContext.Id(l.Name)))})");
            // The tensors belong to the sample: a read after its Dispose names the latent, not an empty handle.
            foreach (var l in plan.Latents)
            {
                var id = EmitContext.Id(l.Name);
                w.Line($"private readonly {T} __{l.Name} = {id};");
                w.Line($"/// <summary>{l.Name}'s particles (released when the sample is disposed).</summary>");
                w.Open($"public {T} {id}");
                w.Line($"get => global::Alan.CompilerServices.Problems.ParticleViews.Alive(__{l.Name}, \"{l.Name}\", \"{plan.ClassName}\");");
                w.Line($"init => __{l.Name} = value;");
                w.Close();
            }
            w.Close();
            w.Line();

            PosteriorEmitter.EmitResultTypes(w, ctx);
            ImportanceSampleEmitter.EmitResultType(w, ctx);
            ExtensionEmitter.EmitResultTypes(w, ctx);

            var problemClass = EmitContext.Id(plan.ClassName);
            w.Line("/// <summary>K particles per Q group, drawn by <see cref=\"Sample\"/>. Dispose it to release its tensors.</summary>");
            w.Open("public sealed class ProblemSample : global::Alan.CompilerServices.Problems.InferenceSample<ProblemSample>");
            w.Line($"private readonly {problemClass} __problem;");
            w.Line("internal readonly bool __nonMp;");
            foreach (var l in plan.Latents) w.Line($"internal readonly {T} {ctx.Names.Particles(l.Name)};");
            w.Line();
            var ctorParams = string.Join("", plan.Latents.Select(l => $", {T} {ctx.Names.Drawn(l.Name)}"));
            w.Open($"internal ProblemSample({problemClass} problem, int k, bool reparam, bool nonMp{ctorParams}) : base(problem, k, reparam)");
            w.Line("__problem = problem;");
            w.Line("__nonMp = nonMp;");
            foreach (var l in plan.Latents) w.Line($"{ctx.Names.Particles(l.Name)} = {ctx.Names.Drawn(l.Name)};");
            w.Close();
            w.Line();
            w.Line("// The estimator notes the size of its largest tensor here (the sample may collect garbage when disposed).");
            w.Line("internal global::Alan.CompilerServices.Memory.OwnedTensors __owned => Owned;");
            w.Line();
            w.Line("// ImportanceSample and Extend draw from the generator the particles were drawn from.");
            w.Line("internal global::TorchSharp.torch.Generator? __generator => Generator;");
            w.Line();
            w.Line("/// <summary>Each latent's particles, [K, plates..., event...], detached; owned by this sample (released by Dispose).</summary>");
            w.Open("public ParticleSet Particles");
            w.Open("get");
            w.Line("ThrowIfDisposed();");
            var sizes = "__problem.__sizes";
            var particles = plan.Latents.Select(l =>
            {
                var leading = EmitContext.LongArray(new[] { "K" }.Concat(ctx.Path(l.Plate).Select(p => sizes + "." + EmitContext.Id(p.Name))));
                return $"Owned.Add(global::Alan.CompilerServices.TensorLayout.Layout.Extract({ctx.Names.Particles(l.Name)}.detach(), __L, {leading}))";
            });
            w.Line($"return new ParticleSet({string.Join(", ", particles)});");
            w.Close();
            w.Close();
            w.Line();
            // Each typed method runs its problem method through Guarded: the disposed checks, and an allocator
            // failure reported as InsufficientMemoryException naming the method and K. The lambdas are static
            // (cached delegates): the call allocates nothing.
            w.Line("/// <summary>Posterior marginal weights of every latent's particles (source-term trick: one forward and one backward pass).</summary>");
            w.Line("public MarginalSet Marginals(global::Alan.ComputationStrategy? strategy = null) =>");
            w.Line("    Guarded(\"Marginals\", strategy, static (s, strategy) => s.__problem.__Marginals(s, strategy));");
            w.Line();
            w.Line("/// <summary>Posterior mean, second moment, variance and sd of every latent, all from one forward and one backward pass.</summary>");
            w.Line("public MomentSet Moments(global::Alan.ComputationStrategy? strategy = null) =>");
            w.Line("    Guarded(\"Moments\", strategy, static (s, strategy) => s.__problem.__Moments(s, strategy));");
            w.Line();
            w.Line("/// <summary>N exact draws from the MP posterior (backward sampling through the elimination plan), one per (n, plate element).</summary>");
            w.Line("public ImportanceSampleSet ImportanceSample(int N, global::Alan.ComputationStrategy? strategy = null) =>");
            w.Line("    Guarded(\"ImportanceSample\", (N, strategy), static (s, a) => s.__problem.__ImportanceSample(s, a.N, a.strategy));");
            w.Line();
            w.Line($"protected override {T} Estimate(string method, bool detach, global::Alan.ComputationStrategy? strategy) =>");
            w.Line("    __problem.__Estimate(this, method, detach, global::Alan.CompilerServices.Semiring.Contraction.Plain, strategy);");
            w.Line();
            if (plan.Qem.Count > 0)
            {
                w.Line("protected override double UpdateQem(double lr, global::Alan.ComputationStrategy? strategy) => __problem.__UpdateQem(this, lr, strategy);");
                w.Line();
            }
            // The untyped posterior views (IInferenceSample.PosteriorDraws, EffectiveSampleSizes, Summary) read the typed
            // results in the order of the problem's latent names.
            w.Open($"protected override {T}[] DrawLatents(int N, global::Alan.ComputationStrategy? strategy)");
            if (plan.Latents.Count == 0) w.Line($"return global::System.Array.Empty<{T}>();");
            else
            {
                w.Line("var d = ImportanceSample(N, strategy);");
                w.Line($"return new {T}[] {{ {string.Join(", ", plan.Latents.Select(l => "d." + EmitContext.Id(l.Name)))} }};");
            }
            w.Close();
            w.Line();
            // The untyped predictive check (IInferenceSample.PredictiveLogLikelihood) on the problem's own records.
            w.Open($"protected override global::System.Collections.Generic.IReadOnlyDictionary<string, {T}> Predict(int draws, object sizes, object observations, object? inputs, global::Alan.ComputationStrategy? strategy)");
            if (!ctx.HasInputs) w.Line("ExpectNoInputs(inputs, nameof(inputs));");
            var extendArgs = ctx.HasInputs
                ? "Expect<PlateSizes>(sizes, nameof(sizes))!, Expect<Inputs>(inputs, nameof(inputs), optional: true)"
                : "Expect<PlateSizes>(sizes, nameof(sizes))!";
            w.Line("var p = ImportanceSample(draws, strategy)");
            w.Line($"    .Extend({extendArgs})");
            w.Line("    .PredictiveLogLikelihood(Expect<Observations>(observations, nameof(observations))!);");
            w.ArrayLine($"return new global::System.Collections.Generic.Dictionary<string, {T}>",
                plan.Data.Select(d => $"[\"{d.Name}\"] = p.{EmitContext.Id(d.Name)}"), ";");
            w.Close();
            w.Line();
            w.Open($"protected override {T}[] EssOfLatents(global::Alan.ComputationStrategy? strategy)");
            if (plan.Latents.Count == 0) w.Line($"return global::System.Array.Empty<{T}>();");
            else
            {
                w.Line("var e = Marginals(strategy).Ess();");
                w.Line($"return new {T}[] {{ {string.Join(", ", plan.Latents.Select(l => "e." + EmitContext.Id(l.Name)))} }};");
            }
            w.Close();
            if (plan.Latents.Count > 0)
            {
                w.Line();
                w.Open("protected override void DisposeParticles()");
                foreach (var l in plan.Latents) w.Line($"{ctx.Names.Particles(l.Name)}.Dispose();");
                w.Close();
            }
            w.Close();
        }
    }
}
