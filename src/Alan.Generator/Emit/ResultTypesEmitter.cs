using System.Linq;
using Alan.Generator.Plan;

namespace Alan.Generator.Emit
{
    /// <summary>The generated result types: PriorSample, ParticleSet and the IDisposable ProblemSample.</summary>
    internal static class ResultTypesEmitter
    {
        /// <summary>
        /// Writes <paramref name="statement"/> in a try block whose catch turns a libtorch allocator failure into an
        /// InsufficientMemoryException naming the call and K.
        /// </summary>
        public static void Guarded(CodeWriter w, string statement, string problem, string operation, string k)
        {
            w.Open("try");
            w.Line(statement);
            w.Close();
            w.Open("catch (global::System.Exception __e) when (global::Alan.CompilerServices.AllocationFailure.Is(__e))");
            w.Line($"throw global::Alan.CompilerServices.AllocationFailure.Wrap(__e, \"{problem}\", \"{operation}\", {k});");
            w.Close();
        }

        public static void Emit(CodeWriter w, EmitContext ctx)
        {
            var plan = ctx.Plan;
            var T = EmitContext.Tensor;
            w.Line("/// <summary>One draw of every variable of P, each shaped [plates..., event...].</summary>");
            w.Line($"public sealed record PriorSample({string.Join(", ", plan.Prior.Select(v => T + " " + EmitContext.Id(v.Name)))});");
            w.Line();
            w.Line("/// <summary>Each latent's K particles, shaped [K, plates..., event...] (detached).</summary>");
            w.Line($"public sealed record ParticleSet({string.Join(", ", plan.Latents.Select(l => T + " " + EmitContext.Id(l.Name)))});");
            w.Line();

            PosteriorEmitter.EmitResultTypes(w, ctx);
            ImportanceSampleEmitter.EmitResultType(w, ctx);
            ExtensionEmitter.EmitResultTypes(w, ctx);

            w.Line("/// <summary>K particles per Q group, drawn by <see cref=\"Sample\"/>. Dispose it to release its tensors.</summary>");
            w.Open("public sealed class ProblemSample : global::System.IDisposable");
            w.Line($"private readonly {EmitContext.Id(plan.ClassName)} __problem;");
            w.Line("private volatile bool __disposed;");
            w.Line("// Estimates and particle views handed out by this sample; released (with their graphs) by Dispose.");
            w.Line("internal readonly global::Alan.CompilerServices.OwnedTensors __owned = new global::Alan.CompilerServices.OwnedTensors();");
            w.Line("internal readonly bool __nonMp;");
            foreach (var l in plan.Latents) w.Line($"internal readonly {T} {ctx.Names.Particles(l.Name)};");
            w.Line();
            var ctorParams = string.Join("", plan.Latents.Select(l => $", {T} {ctx.Names.Drawn(l.Name)}"));
            w.Open($"internal ProblemSample({EmitContext.Id(plan.ClassName)} problem, int k, bool reparam, bool nonMp{ctorParams})");
            w.Line("__problem = problem;");
            w.Line("K = k;");
            w.Line("Reparameterised = reparam;");
            w.Line("__nonMp = nonMp;");
            foreach (var l in plan.Latents) w.Line($"{ctx.Names.Particles(l.Name)} = {ctx.Names.Drawn(l.Name)};");
            w.Close();
            w.Line();
            w.Line("/// <summary>Particles per group.</summary>");
            w.Line("public int K { get; }");
            w.Line();
            w.Line("/// <summary>True when the particles were drawn with reparameterisation (ElboVi allowed).</summary>");
            w.Line("public bool Reparameterised { get; }");
            w.Line();
            w.Line("/// <summary>Each latent's particles, [K, plates..., event...], detached; owned by this sample (released by Dispose).</summary>");
            w.Open("public ParticleSet Particles");
            w.Open("get");
            w.Line("__ThrowIfDisposed();");
            var sizes = "__problem.__sizes";
            var particles = plan.Latents.Select(l =>
            {
                var leading = EmitContext.LongArray(new[] { "K" }.Concat(ctx.Path(l.Plate).Select(p => sizes + "." + EmitContext.Id(p.Name))));
                return $"__owned.Add(global::Alan.CompilerServices.Layout.Extract({ctx.Names.Particles(l.Name)}.detach(), __L, {leading}))";
            });
            w.Line($"return new ParticleSet({string.Join(", ", particles)});");
            w.Close();
            w.Close();
            w.Line();

            w.Line("/// <summary>The MP estimate of log p(data) with pathwise gradients (requires reparameterised particles). Maximise it. The tensor (and its graph) is owned by this sample and released by Dispose.</summary>");
            w.Open($"public {T} ElboVi(global::Alan.ComputationStrategy? strategy = null)");
            w.Line("__ThrowIfDisposed();");
            w.Line("if (!Reparameterised) throw new global::System.InvalidOperationException(\"ElboVi needs reparameterised particles: draw them with Sample(K, reparam: true), or use ElboRws.\");");
            ResultTypesEmitter.Guarded(w, $"return __owned.Add(__problem.__Estimate(this, \"{plan.ClassName}.ElboVi\", detach: false, global::Alan.CompilerServices.Contraction.Plain, strategy));", plan.ClassName, "ElboVi", "K");
            w.Close();
            w.Line();
            w.Line("/// <summary>The same estimate on detached particles: gradients flow only through log-densities (reweighted wake-sleep). Ascend for P's parameters, descend for Q's. Owned by this sample.</summary>");
            w.Open($"public {T} ElboRws(global::Alan.ComputationStrategy? strategy = null)");
            w.Line("__ThrowIfDisposed();");
            ResultTypesEmitter.Guarded(w, $"return __owned.Add(__problem.__Estimate(this, \"{plan.ClassName}.ElboRws\", detach: true, global::Alan.CompilerServices.Contraction.Plain, strategy));", plan.ClassName, "ElboRws", "K");
            w.Close();
            w.Line();
            w.Line("/// <summary>The same estimate without a graph (monitoring, QEM). Owned by this sample.</summary>");
            w.Open($"public {T} ElboNoGrad(global::Alan.ComputationStrategy? strategy = null)");
            w.Line("__ThrowIfDisposed();");
            ResultTypesEmitter.Guarded(w, $"using (global::TorchSharp.torch.no_grad()) return __owned.Add(__problem.__Estimate(this, \"{plan.ClassName}.ElboNoGrad\", detach: true, global::Alan.CompilerServices.Contraction.Plain, strategy));", plan.ClassName, "ElboNoGrad", "K");
            w.Close();
            w.Line();
            w.Line("/// <summary>Posterior marginal weights of every latent's particles (source-term trick: one forward and one backward pass).</summary>");
            w.Open("public MarginalSet Marginals(global::Alan.ComputationStrategy? strategy = null)");
            w.Line("__ThrowIfDisposed();");
            ResultTypesEmitter.Guarded(w, $"return __problem.__Marginals(this, strategy);", plan.ClassName, "Marginals", "K");
            w.Close();
            w.Line();
            w.Line("/// <summary>Posterior mean, second moment, variance and sd of every latent, all from one forward and one backward pass.</summary>");
            w.Open("public MomentSet Moments(global::Alan.ComputationStrategy? strategy = null)");
            w.Line("__ThrowIfDisposed();");
            ResultTypesEmitter.Guarded(w, $"return __problem.__Moments(this, strategy);", plan.ClassName, "Moments", "K");
            w.Close();
            w.Line();
            w.Line("/// <summary>N exact draws from the MP posterior (backward sampling through the elimination plan), one per (n, plate element).</summary>");
            w.Open("public ImportanceSampleSet ImportanceSample(int N, global::Alan.ComputationStrategy? strategy = null)");
            w.Line("__ThrowIfDisposed();");
            ResultTypesEmitter.Guarded(w, $"return __problem.__ImportanceSample(this, N, strategy);", plan.ClassName, "ImportanceSample", "K");
            w.Close();
            w.Line();
            w.Line("/// <summary>");
            w.Line("/// QEM: moves every [QemParam] towards the posterior expectations of its distribution's sufficient statistics,");
            w.Line("/// m <- (1-lr) m + lr E_post[T]. Returns this sample's ELBO (log P-hat, as ElboNoGrad, before the update), computed");
            w.Line("/// in float64 by the same pass, so a QEM loop that logs its ELBO needs no second estimate.");
            w.Line("/// </summary>");
            w.Open("public double UpdateQemParams(double lr, global::Alan.ComputationStrategy? strategy = null)");
            w.Line("__ThrowIfDisposed();");
            ResultTypesEmitter.Guarded(w, $"return __problem.__UpdateQem(this, lr, strategy);", plan.ClassName, "UpdateQemParams", "K");
            w.Close();
            w.Line();
            w.Open("private void __ThrowIfDisposed()");
            w.Line("if (__disposed) throw new global::System.ObjectDisposedException(nameof(ProblemSample));");
            w.Line("__problem.__ThrowIfProblemDisposed();");
            w.Close();
            w.Line();
            w.Line("/// <summary>Releases the particles, the estimates and particle views this sample returned, and their graphs. Results of Marginals, Moments and ImportanceSample stay valid.</summary>");
            w.Open("public void Dispose()");
            w.Line("if (__disposed) return;");
            w.Line("__disposed = true;");
            w.Line("__owned.Dispose();");
            foreach (var l in plan.Latents) w.Line($"{ctx.Names.Particles(l.Name)}.Dispose();");
            w.Close();
            w.Close();
        }
    }
}
