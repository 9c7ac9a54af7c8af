using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Problems
{
    /// <summary>
    /// The base of every generated sample: K, disposal of its particles and of the estimates it hands out, the
    /// disposed checks, the three estimates and the QEM update (each turning an allocator failure into a clear
    /// <see cref="InsufficientMemoryException"/>), and the untyped posterior views. The generated part holds the
    /// particles and the typed results.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract class InferenceSample : IInferenceSample
    {
        private readonly InferenceProblem _problem;
        private volatile bool _disposed;

        protected InferenceSample(InferenceProblem problem, int k, bool reparam)
        {
            _problem = problem ?? throw new ArgumentNullException(nameof(problem));
            K = k;
            Reparameterised = reparam;
        }

        /// <summary>Particles per group.</summary>
        public int K { get; }

        /// <summary>True when the particles were drawn with reparameterisation (ElboVi allowed).</summary>
        public bool Reparameterised { get; }

        /// <summary>
        /// The generator the particles were drawn from, which the sample's later draws (<c>ImportanceSample</c> and its
        /// <c>Extend</c>) continue; null: torch's default generator.
        /// </summary>
        protected Generator? Generator { get; private set; }

        /// <summary>Set once, by the problem's Sample, right after the generated part has drawn the particles.</summary>
        internal void AttachGenerator(Generator? generator) => Generator = generator;

        /// <summary>Estimates and particle views handed out by this sample; released (with their graphs) by Dispose.</summary>
        protected OwnedTensors Owned { get; } = new OwnedTensors();

        /// <summary>
        /// The MP estimate of log p(data) with pathwise gradients (requires reparameterised particles). Maximise it.
        /// The tensor (and its graph) is owned by this sample and released by Dispose.
        /// </summary>
        public Tensor ElboVi(ComputationStrategy? strategy = null)
        {
            ThrowIfDisposed();
            if (!Reparameterised) throw new InvalidOperationException(
                "ElboVi needs reparameterised particles: draw them with Sample(K, reparam: true), or use ElboRws.");
            // Its only use over ElboNoGrad is its gradient: computed with gradients disabled it has none, and the
            // backward pass would fail later with libtorch's "does not require grad", naming nothing.
            if (!torch.is_grad_enabled()) throw new InvalidOperationException(
                $"{_problem.ElboViCall} was called with gradients disabled (inside torch.no_grad() or torch.inference_mode()), so the " +
                "estimate would carry no gradient and its backward() would fail. Call ElboVi outside no_grad to train, or ElboNoGrad() " +
                "for the value alone.");
            try
            {
                return Owned.Add(Estimate(_problem.ElboViCall, detach: false, strategy));
            }
            catch (Exception e) when (AllocationFailure.Is(e))
            {
                throw OutOfMemory(e, "ElboVi");
            }
            catch (Exception e) when (FactorizationFailure.IsUnreported(e))
            {
                throw Factorization(e, "ElboVi");
            }
        }

        /// <summary>
        /// The same estimate on detached particles: gradients flow only through log-densities (reweighted wake-sleep).
        /// Ascend for P's parameters, descend for Q's. Owned by this sample.
        /// </summary>
        public Tensor ElboRws(ComputationStrategy? strategy = null)
        {
            ThrowIfDisposed();
            try
            {
                return Owned.Add(Estimate(_problem.ElboRwsCall, detach: true, strategy));
            }
            catch (Exception e) when (AllocationFailure.Is(e))
            {
                throw OutOfMemory(e, "ElboRws");
            }
            catch (Exception e) when (FactorizationFailure.IsUnreported(e))
            {
                throw Factorization(e, "ElboRws");
            }
        }

        /// <summary>The same estimate without a graph (monitoring, QEM). Owned by this sample.</summary>
        public Tensor ElboNoGrad(ComputationStrategy? strategy = null)
        {
            ThrowIfDisposed();
            try
            {
                using (torch.no_grad()) return Owned.Add(Estimate(_problem.ElboNoGradCall, detach: true, strategy));
            }
            catch (Exception e) when (AllocationFailure.Is(e))
            {
                throw OutOfMemory(e, "ElboNoGrad");
            }
            catch (Exception e) when (FactorizationFailure.IsUnreported(e))
            {
                throw Factorization(e, "ElboNoGrad");
            }
        }

        /// <summary>
        /// QEM: moves every [QemParam] towards the posterior expectations of its distribution's sufficient statistics,
        /// m &lt;- (1-lr) m + lr E_post[T]. Returns this sample's ELBO (log P-hat, as ElboNoGrad, before the update),
        /// computed in float64 by the same pass, so a QEM loop that logs its ELBO needs no second estimate. Throws
        /// <see cref="InvalidOperationException"/> when the problem has no [QemParam]s.
        /// </summary>
        public double UpdateQemParams(double lr, ComputationStrategy? strategy = null)
        {
            ThrowIfDisposed();
            if (strategy is { Subsamples: true }) throw new InvalidOperationException(Qem.MinibatchRefusal);
            try
            {
                return UpdateQem(lr, strategy);
            }
            catch (Exception e) when (AllocationFailure.Is(e))
            {
                throw OutOfMemory(e, "UpdateQemParams");
            }
            catch (Exception e) when (FactorizationFailure.IsUnreported(e))
            {
                throw Factorization(e, "UpdateQemParams");
            }
        }

        double IInferenceSample.UpdateQemParams(double lr) => UpdateQemParams(lr, null);

        /// <inheritdoc/>
        public IReadOnlyDictionary<string, Tensor> PosteriorDraws(int N, ComputationStrategy? strategy = null) =>
            ByLatent(DrawLatents(N, strategy));

        /// <inheritdoc/>
        public IReadOnlyDictionary<string, Tensor> EffectiveSampleSizes(ComputationStrategy? strategy = null) =>
            ByLatent(EssOfLatents(strategy));

        /// <inheritdoc/>
        public IReadOnlyList<PosteriorSummaryRow> Summary(int draws, IEnumerable<string>? latents = null, ComputationStrategy? strategy = null)
        {
            var known = _problem.Latents;
            var names = latents?.ToList() ?? known.ToList();
            foreach (var name in names)
                if (!known.Contains(name))
                    throw new ArgumentException(
                        $"'{name}' is not a latent of {_problem.ProblemName}; its latents are: {string.Join(", ", known)}.", nameof(latents));
            if (names.Count == 0) return Array.Empty<PosteriorSummaryRow>();
            using var scope = torch.NewDisposeScope();
            var drawn = PosteriorDraws(draws, strategy);
            var ess = EffectiveSampleSizes(strategy);
            return strategy is { Shards: true }
                ? ShardedSummary.Rows(_problem, names, drawn, ess, strategy)
                : names.SelectMany(name => PosteriorSummary.Of(name, drawn[name], ess[name])).ToList();
        }

        /// <summary>log P-hat of this sample for the problem's estimator (<paramref name="method"/> names the call in errors).</summary>
        protected abstract Tensor Estimate(string method, bool detach, ComputationStrategy? strategy);

        /// <summary>The QEM update (generated where the problem has [QemParam]s); here, the error that there are none.</summary>
        protected virtual double UpdateQem(double lr, ComputationStrategy? strategy) =>
            throw new InvalidOperationException(
                $"{_problem.ProblemName} has no QEM parameters: neither P nor Q declares a [QemParam], so UpdateQemParams has " +
                "nothing to update. Train it with ElboVi or ElboRws.");

        /// <summary>The typed ImportanceSample(N)'s tensors, one per latent in the problem's <see cref="InferenceProblem.Latents"/> order.</summary>
        protected abstract Tensor[] DrawLatents(int N, ComputationStrategy? strategy);

        /// <summary>The typed Marginals().Ess()'s tensors, one per latent in the problem's <see cref="InferenceProblem.Latents"/> order.</summary>
        protected abstract Tensor[] EssOfLatents(ComputationStrategy? strategy);

        /// <inheritdoc/>
        public IReadOnlyDictionary<string, Tensor> PredictiveLogLikelihood(int draws, object sizes, object observations, object? inputs = null,
            ComputationStrategy? strategy = null)
        {
            ThrowIfDisposed();
            if (sizes is null) throw new ArgumentNullException(nameof(sizes));
            if (observations is null) throw new ArgumentNullException(nameof(observations));
            return Predict(draws, sizes, observations, inputs, strategy);
        }

        /// <summary>The typed predictive check on the problem's own records (checked with <see cref="Expect{T}"/>), by data variable name.</summary>
        protected abstract IReadOnlyDictionary<string, Tensor> Predict(int draws, object sizes, object observations, object? inputs, ComputationStrategy? strategy);

        /// <inheritdoc cref="ProblemRecords.Expect{T}"/>
        protected static T? Expect<T>(object? value, string parameter, bool optional = false) where T : class =>
            ProblemRecords.Expect<T>(value, parameter, optional);

        /// <inheritdoc cref="ProblemRecords.ExpectNoInputs"/>
        protected static void ExpectNoInputs(object? inputs, string parameter) => ProblemRecords.ExpectNoInputs(inputs, parameter);

        /// <summary>Releases the particles the generated part holds (called once, by Dispose).</summary>
        protected virtual void DisposeParticles()
        {
        }

        /// <summary>Throws <see cref="ObjectDisposedException"/> once this sample or its problem is disposed.</summary>
        protected void ThrowIfDisposed()
        {
            if (_disposed) throw new ObjectDisposedException(GetType().Name);
            _problem.__ThrowIfProblemDisposed();
        }

        /// <summary>The clear exception for a failed factorisation <paramref name="e"/> in <paramref name="operation"/>.</summary>
        private protected FactorizationException Factorization(Exception e, string operation) =>
            FactorizationFailure.During(e, _problem.ProblemName, operation, _problem.DType);

        /// <summary>The clear exception for an allocator failure <paramref name="e"/> in <paramref name="operation"/>.</summary>
        private protected InsufficientMemoryException OutOfMemory(Exception e, string operation) =>
            AllocationFailure.Wrap(e, _problem.ProblemName, operation, K);

        private Dictionary<string, Tensor> ByLatent(Tensor[] tensors)
        {
            var latents = _problem.Latents;
            var map = new Dictionary<string, Tensor>(latents.Count, StringComparer.Ordinal);
            for (int i = 0; i < latents.Count; i++) map.Add(latents[i], tensors[i]);
            return map;
        }

        /// <summary>
        /// Releases the particles, the estimates and particle views this sample returned, and their graphs. Results of
        /// Marginals, Moments and ImportanceSample stay valid.
        /// </summary>
        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            Owned.Dispose();
            DisposeParticles();
        }
    }

    /// <summary>
    /// A generated sample of type <typeparamref name="TSample"/> (the derived type itself), with
    /// <see cref="Guarded"/> for its typed posterior methods.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract class InferenceSample<TSample> : InferenceSample where TSample : InferenceSample<TSample>
    {
        protected InferenceSample(InferenceProblem problem, int k, bool reparam) : base(problem, k, reparam)
        {
        }

        /// <summary>
        /// Checks that the sample is usable, then runs <paramref name="body"/> on this sample and <paramref name="arg"/>,
        /// turning an allocator failure into an <see cref="InsufficientMemoryException"/> naming <paramref name="operation"/>
        /// and K, and a failed factorisation into a <see cref="FactorizationException"/> naming it and the dtype. Pass a static lambda and its arguments in <paramref name="arg"/>: the delegate is then cached and the
        /// call allocates nothing.
        /// </summary>
        protected TResult Guarded<TArg, TResult>(string operation, TArg arg, Func<TSample, TArg, TResult> body)
        {
            ThrowIfDisposed();
            try
            {
                return body((TSample)this, arg);
            }
            catch (Exception e) when (AllocationFailure.Is(e))
            {
                throw OutOfMemory(e, operation);
            }
            catch (Exception e) when (FactorizationFailure.IsUnreported(e))
            {
                throw Factorization(e, operation);
            }
        }
    }
}
