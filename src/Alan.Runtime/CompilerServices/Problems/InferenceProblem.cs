using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Problems
{
    /// <summary>
    /// The base of every generated problem: its name and latents, disposal (the generated part releases its
    /// observations and inputs in <see cref="__DisposeData"/>), the disposed check and the refusal of the meta
    /// device. Users hold the generated type; this class only spares each generated file that plumbing.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract class InferenceProblem : nn.Module, IInferenceProblem
    {
        private readonly string[] _latents;
        private bool _disposed;

        /// <param name="name">The problem class's name: the module's name, and how errors name the problem.</param>
        /// <param name="latents">The model's latents in declaration order (not copied: a generated constant).</param>
        protected InferenceProblem(string name, string[] latents) : base(name)
        {
            ProblemName = name;
            _latents = latents;
            ElboViCall = name + ".ElboVi";
            ElboRwsCall = name + ".ElboRws";
            ElboNoGradCall = name + ".ElboNoGrad";
        }

        /// <summary>The problem class's name, as errors give it.</summary>
        internal string ProblemName { get; }

        /// <summary>The estimates' names in memory errors ("RadonProblem.ElboVi"), built once rather than per call.</summary>
        internal string ElboViCall { get; }

        /// <inheritdoc cref="ElboViCall"/>
        internal string ElboRwsCall { get; }

        /// <inheritdoc cref="ElboViCall"/>
        internal string ElboNoGradCall { get; }

        /// <inheritdoc/>
        public IReadOnlyList<string> Latents => _latents;

        /// <summary>The floating dtype of data, parameters and samples.</summary>
        public abstract ScalarType DType { get; }

        /// <summary>The plates at this problem's sizes (generated).</summary>
        [EditorBrowsable(EditorBrowsableState.Never)]
        protected abstract TensorLayout.PlateLayout __Layout { get; }

        /// <summary>Each latent's plates, root first, as positions in <see cref="__Layout"/>, in <see cref="Latents"/> order (generated).</summary>
        [EditorBrowsable(EditorBrowsableState.Never)]
        protected abstract IReadOnlyList<int[]> __LatentPlates { get; }

        /// <inheritdoc cref="__Layout"/>
        internal TensorLayout.PlateLayout Layout => __Layout;

        /// <summary>This rank's sharded draws (<see cref="ShardDraws"/>), or null.</summary>
        internal ShardedDraws? DrawSharding => _shardedDraws;

        /// <summary>
        /// Whether latent <paramref name="latent"/> lies in plate <paramref name="plate"/> (a plate of the root: the first of
        /// the latent's plates), so that a rank holding a shard of that plate holds the latent's values on its shard only.
        /// </summary>
        internal bool IsLocal(string latent, string plate)
        {
            int i = Array.IndexOf(_latents, latent);
            if (i < 0) throw new ArgumentException($"'{latent}' is not a latent of {ProblemName}.", nameof(latent));
            var plates = __LatentPlates[i];
            return plates.Length > 0 && __Layout.Names[plates[0]] == plate;
        }

        /// <summary>The trainable parameters of P (the model).</summary>
        public abstract IEnumerable<Parameter> PParameters();

        /// <summary>The trainable parameters of Q (the proposal).</summary>
        public abstract IEnumerable<Parameter> QParameters();

        IInferenceSample IInferenceProblem.Sample(int K, bool reparam) => SampleAny(K, reparam, null);

        /// <summary>The draws of a problem that is one rank's shard of a plate, or null.</summary>
        private ShardedDraws? _shardedDraws;

        /// <summary>
        /// Makes this problem one rank's shard of plate <paramref name="plate"/> for
        /// <see cref="ComputationStrategy.Sharded"/>: from now on each <c>Sample</c> first sets its generator (the one
        /// passed, else torch's default) to rank 0's state, draws the latents outside the plate from it (the same on every
        /// rank) and the plate's latents from a generator of this rank's own, seeded by <paramref name="seed"/> and the
        /// rank (independent shards). Call it on every rank with the same plate and seed.
        /// </summary>
        /// <param name="plate">The sharded plate (a plate of the program root).</param>
        /// <param name="communicator">The ranks.</param>
        /// <param name="seed">Seeds the local draws (with the rank).</param>
        public void ShardDraws(string plate, Distributed.ICommunicator communicator, long seed = 0)
        {
            if (communicator is null) throw new ArgumentNullException(nameof(communicator));
            __ThrowIfProblemDisposed();
            _shardedDraws = ShardedDraws.Create(this, plate, communicator, seed, DrawDevice);
        }

        /// <summary>Runs <paramref name="draw"/> with this problem's sharded draws in force, if any.</summary>
        private protected T Drawing<T>(Generator? generator, Func<T> draw)
        {
            if (_shardedDraws is null) return draw();
            using (_shardedDraws.Begin(generator)) return draw();
        }

        /// <summary>Sample(K, reparam) drawing from <paramref name="generator"/> (null: torch's default generator), for Fit.</summary>
        internal IInferenceSample SampleWith(int K, bool reparam, Generator? generator) => SampleAny(K, reparam, generator);

        private protected abstract IInferenceSample SampleAny(int K, bool reparam, Generator? generator);

        /// <summary>The device a generator of this problem's draws must live on: its parameters' (and buffers'), else the CPU.</summary>
        internal Device DrawDevice =>
            parameters().Select(p => p.device).Concat(buffers().Select(b => b.device)).FirstOrDefault() ?? CPU;

        IFitResult IInferenceProblem.Fit(FitOptions? options) => FitAny(options);

        private protected abstract IFitResult FitAny(FitOptions? options);

        /// <summary>Releases the observations and inputs the generated part holds (called once, by Dispose).</summary>
        protected abstract void __DisposeData();

        /// <summary>Releases parameters, observations and inputs; the problem and its samples cannot be used afterwards.</summary>
        protected override void Dispose(bool disposing)
        {
            if (disposing && !_disposed)
            {
                _disposed = true;
                __DisposeData();
            }
            base.Dispose(disposing);
        }

        /// <summary>Throws <see cref="ObjectDisposedException"/> once the problem is disposed.</summary>
        protected internal void __ThrowIfProblemDisposed()
        {
            if (_disposed) throw new ObjectDisposedException(
                ProblemName,
                $"The problem '{ProblemName}' was disposed (its parameters, observations and inputs are released); it and the samples " +
                $"drawn from it cannot be used any more. Create a new {ProblemName}.");
        }

        /// <summary>
        /// Loads parameters from <paramref name="source"/> after checking that they fit: with <paramref name="strict"/>, the
        /// same keys (naming the missing and the extra ones), and for every key both have, the same shape (naming the
        /// parameter, the shape expected and the shape given).
        /// </summary>
        public override (IList<string> missing_keys, IList<string> unexpected_keyes) load_state_dict(
            Dictionary<string, Tensor> source, bool strict = true, IList<string>? skip = null)
        {
            __ThrowIfProblemDisposed();
            StateDictCheck.Check(ProblemName, state_dict(), source, strict, skip);
            return base.load_state_dict(source, strict, skip);
        }

        private void CheckMove(DeviceType deviceType)
        {
            __ThrowIfProblemDisposed();
            if (deviceType == DeviceType.META) throw new NotSupportedException(
                $"{ProblemName} cannot move to the meta device: meta tensors have shapes but no values, " +
                "so particles, log-densities and the ELBO could not be computed. Move it to cpu or cuda.");
        }

        /// <summary>Refuses the meta device and disposed problems before anything moves.</summary>
        protected override nn.Module _to(Device device, ScalarType dtype, bool non_blocking)
        {
            CheckMove(device.type);
            return base._to(device, dtype, non_blocking);
        }

        /// <summary>Refuses the meta device and disposed problems before anything moves.</summary>
        protected override nn.Module _to(DeviceType deviceType, int deviceIndex, bool non_blocking)
        {
            CheckMove(deviceType);
            return base._to(deviceType, deviceIndex, non_blocking);
        }
    }

    /// <summary>
    /// A generated problem whose samples are <typeparamref name="TSample"/> and whose exact posterior draws are
    /// <typeparamref name="TDraws"/> (its <c>ImportanceSample(N)</c> result): <see cref="Sample"/> and
    /// <see cref="SampleNonMp"/> check their arguments and turn allocator failures into a clear
    /// <see cref="InsufficientMemoryException"/> and failed factorisations into a <see cref="FactorizationException"/>; the
    /// generated part draws the particles (<see cref="__Draw"/>).
    /// <see cref="Fit"/> runs the library's training and pooling (<see cref="Fitting.FitEngine"/>) with what the
    /// generated part says about the model (<see cref="__FitModel"/>) and how it types draws (<see cref="__TypeDraws"/>).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public abstract class InferenceProblem<TSample, TDraws> : InferenceProblem, IInferenceProblem<TSample> where TSample : InferenceSample
    {
        /// <inheritdoc/>
        protected InferenceProblem(string name, string[] latents) : base(name, latents)
        {
        }

        /// <summary>Draws K particles of every latent from Q (one particle dimension per group).</summary>
        /// <param name="K">Particles per group.</param>
        /// <param name="reparam">Reparameterised (pathwise) draws, needed by ElboVi; use false for ElboRws and discrete latents.</param>
        /// <param name="sampler">How child particles pick parent particles.</param>
        /// <param name="generator">
        /// The generator of every random number of this sample: its particles, its <c>ImportanceSample(N)</c> and their
        /// <c>Extend</c>. With one generator per problem (or per thread), results do not depend on what other threads draw.
        /// Null: torch's default generator (<c>torch.manual_seed</c>), shared by the whole process.
        /// </param>
        public TSample Sample(int K, bool reparam = true, Sampler sampler = Sampler.Permutation, Generator? generator = null)
        {
            if (K < 1) throw new ArgumentOutOfRangeException(nameof(K), K, "K (particles per group) must be at least 1.");
            __ThrowIfProblemDisposed();
            if (sampler != Sampler.Permutation && sampler != Sampler.Categorical)
                throw new ArgumentOutOfRangeException(nameof(sampler), sampler, "Unknown sampler.");
            try
            {
                return WithGenerator(Drawing(generator, () => __Draw(K, reparam, sampler, nonMp: false, generator)), generator);
            }
            catch (Exception e) when (AllocationFailure.Is(e))
            {
                throw AllocationFailure.Wrap(e, ProblemName, "Sample", K);
            }
            catch (Exception e) when (FactorizationFailure.IsUnreported(e))
            {
                throw FactorizationFailure.During(e, ProblemName, "Sample", DType);
            }
        }

        /// <summary>Global (non-MP) importance sampling baseline: K joint draws of all latents from Q, sharing one particle dimension.</summary>
        /// <param name="K">Joint samples.</param>
        /// <param name="reparam">Reparameterised draws, needed by ElboVi.</param>
        /// <param name="generator">The generator of every random number of this sample (see <see cref="Sample"/>); null: torch's default generator.</param>
        public TSample SampleNonMp(int K, bool reparam = true, Generator? generator = null)
        {
            if (K < 1) throw new ArgumentOutOfRangeException(nameof(K), K, "K (joint samples) must be at least 1.");
            __ThrowIfProblemDisposed();
            try
            {
                return WithGenerator(Drawing(generator, () => __Draw(K, reparam, Sampler.Permutation, nonMp: true, generator)), generator);
            }
            catch (Exception e) when (AllocationFailure.Is(e))
            {
                throw AllocationFailure.Wrap(e, ProblemName, "SampleNonMp", K);
            }
            catch (Exception e) when (FactorizationFailure.IsUnreported(e))
            {
                throw FactorizationFailure.During(e, ProblemName, "SampleNonMp", DType);
            }
        }

        /// <summary>
        /// Draws the particles: K per group (MP), or K joint draws along the non-MP dim (<paramref name="nonMp"/>), every
        /// random number from <paramref name="generator"/> (null: torch's default generator).
        /// </summary>
        protected abstract TSample __Draw(int K, bool reparam, Sampler sampler, bool nonMp, Generator? generator);

        private static TSample WithGenerator(TSample sample, Generator? generator)
        {
            sample.AttachGenerator(generator);
            return sample;
        }

        /// <summary>
        /// Trains Q (VI, RWS or QEM, chosen from the model unless <paramref name="options"/> says) until the ELBO stops
        /// improving, then returns posterior draws pooled over independent samples, their summary, log p(data) and the
        /// Pareto k-hat that says whether to trust them. See <see cref="FitOptions"/> for the defaults.
        /// </summary>
        public FitResult<TDraws> Fit(FitOptions? options = null) => FitEngine.Run(this, options, __FitModel, __TypeDraws);

        /// <summary>What <see cref="Fit"/> may use: which methods the model's guide allows.</summary>
        protected abstract FitModel __FitModel { get; }

        /// <summary>The pooled draws, by latent name, as the problem's typed draws.</summary>
        protected abstract TDraws __TypeDraws(PooledDraws draws);

        TSample IInferenceProblem<TSample>.Sample(int K, bool reparam) => Sample(K, reparam);

        private protected sealed override IInferenceSample SampleAny(int K, bool reparam, Generator? generator) =>
            Sample(K, reparam, generator: generator);

        private protected sealed override IFitResult FitAny(FitOptions? options) => Fit(options);
    }
}
