using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// Base class of Alan's distributions. A distribution is built by user code from parameter tensors
    /// (constants, latents, inputs, learnable parameters) and is then sampled or scored by generated code.
    /// </summary>
    /// <remarks>
    /// <para><b>Batch layout.</b> Generated code works in a fixed <i>layout</i> of <c>batchRank</c> leading
    /// dimensions (padding, particle and plate dimensions), followed by event dimensions. A parameter tensor
    /// whose rank is below <c>batchRank</c> carries no hidden batch dimensions: it is an event-only value
    /// (for example <c>torch.zeros(8)</c>) and is viewed as <c>[1, ..., 1, shape...]</c> with
    /// <c>batchRank</c> leading ones. A tensor of rank at least <c>batchRank</c> already has the layout.
    /// 0-dimensional parameters are left as they are (they broadcast).</para>
    /// <para><b>Dtype.</b> Floating parameters are converted to the requested dtype.</para>
    /// <para><b>Defining a distribution.</b> A class outside the runtime may derive from this one: mark it
    /// <see cref="DistributionAttribute"/> (support, reparameterisation, event rank) and override <see cref="EventRank"/>,
    /// <see cref="IsReparameterised"/>, <see cref="LogProbCore"/> and <see cref="SampleCore"/>, using the utilities of
    /// <c>Alan.Distributions.Authoring</c> (docs/custom-distributions.md).</para>
    /// </remarks>
    public abstract class Distribution
    {
        /// <summary>Number of trailing dimensions of one draw that form a single event
        /// (0 for univariate families and Categorical, 1 for Dirichlet and MultivariateNormal).</summary>
        public abstract int EventRank { get; }

        /// <summary>True when reparameterised (pathwise) sampling is available.</summary>
        public abstract bool IsReparameterised { get; }

        /// <summary>A short display name ("Normal").</summary>
        public virtual string Name => GetType().Name;

        /// <summary>
        /// Draws one value per batch element. The result has shape
        /// <c>broadcast(batchShape, aligned parameter batch shape) ++ event shape</c>, where parameters are
        /// aligned to <c>batchRank = batchShape.Length</c>. With <paramref name="reparam"/> the draw is
        /// differentiable w.r.t. the parameters; otherwise it is drawn without a graph (detached).
        /// </summary>
        /// <exception cref="InvalidOperationException">reparam is requested for a non-reparameterisable family.</exception>
        public Tensor Sample(long[] batchShape, ScalarType dtype, bool reparam) => Sample(batchShape, dtype, reparam, null);

        /// <summary>
        /// <see cref="Sample(long[], ScalarType, bool)"/> drawing every random number from <paramref name="generator"/>:
        /// while <see cref="SampleCore"/> runs it is <see cref="Distributions.Authoring.RandomUtil.CurrentGenerator"/> on
        /// this thread, which <c>RandomUtil</c>'s draws use. Null keeps the generator already current (torch's default
        /// generator when none).
        /// </summary>
        /// <exception cref="InvalidOperationException">reparam is requested for a non-reparameterisable family.</exception>
        public Tensor Sample(long[] batchShape, ScalarType dtype, bool reparam, torch.Generator? generator)
        {
            if (batchShape is null) throw new ArgumentNullException(nameof(batchShape));
            if (reparam && !IsReparameterised)
                throw new InvalidOperationException(
                    $"{Name} cannot be sampled with reparameterisation (its IsReparameterised is false: it is discrete, chooses a mixture component, or its " +
                    "draws are not differentiable in its parameters); sample with reparam: false.");
            using var current = Distributions.Authoring.RandomUtil.Use(CompilerServices.Problems.ShardedDraws.Route(generator, batchShape));
            if (reparam) return SampleCore(batchShape, dtype, true);
            using (torch.no_grad())
                return SampleCore(batchShape, dtype, false);
        }

        /// <summary>
        /// Log-density of <paramref name="value"/> with parameters aligned to <paramref name="batchRank"/>,
        /// summed over every dimension beyond the first <paramref name="batchRank"/>: the result has exactly
        /// <paramref name="batchRank"/> dimensions (the broadcast of value's and the parameters' leading dims).
        /// </summary>
        public Tensor LogProb(Tensor value, int batchRank, ScalarType dtype)
        {
            if (value is null) throw new ArgumentNullException(nameof(value));
            if (batchRank < 0) throw new ArgumentOutOfRangeException(nameof(batchRank));
            return LogProbSummed(value, batchRank, dtype);
        }

        /// <summary>
        /// <see cref="LogProbCore"/> summed over every dimension beyond <paramref name="batchRank"/>; a family overrides it
        /// when it can sum without materialising the elementwise log-density (<see cref="Normal"/>).
        /// </summary>
        protected virtual Tensor LogProbSummed(Tensor value, int batchRank, ScalarType dtype) =>
            SumBeyond(LogProbCore(value, batchRank, dtype), batchRank);

        /// <summary>
        /// Log-density with PyTorch semantics: no hidden batch dimensions, one value per event
        /// (elementwise for univariate families, over the last dimension for event-rank-1 families).
        /// </summary>
        public Tensor LogProb(Tensor value)
        {
            if (value is null) throw new ArgumentNullException(nameof(value));
            var dtype = torch.is_floating_point(value) ? value.dtype : DefaultFloat();
            return LogProbCore(value, 0, dtype);
        }

        /// <summary>Draws one value with PyTorch semantics (shape = parameters' broadcast shape ++ event shape).</summary>
        public Tensor Sample(bool reparam = false) => Sample(Array.Empty<long>(), DefaultFloat(), reparam);

        /// <summary>Elementwise (or per-event, for event-rank-1 families) log-density; parameters aligned to batchRank.</summary>
        protected abstract Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype);

        /// <summary>Draw with parameters aligned to batchShape.Length; called inside no_grad when not reparameterised.</summary>
        protected abstract Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam);

        /// <summary>
        /// The largest value of a bounded discrete support for these parameters (Binomial: totalCount;
        /// Categorical: K - 1), aligned to <paramref name="batchRank"/>; null when the support has no upper bound.
        /// Used to check observations once at construction.
        /// </summary>
        internal virtual Tensor? MaxValue(int batchRank, ScalarType dtype) => null;

        /// <summary>
        /// The support of this distribution: its type's <see cref="DistributionAttribute.Support"/>, or, for a
        /// distribution built from components (<see cref="Mixture"/>, <see cref="Ordered"/>), the one they give it.
        /// </summary>
        internal virtual Support Support => DeclaredMetadata.Of(GetType()).Support;

        /// <summary>True for an improper distribution (<see cref="Flat"/>, <see cref="HalfFlat"/>, or ordered draws of one).</summary>
        internal virtual bool IsImproper => DeclaredMetadata.Of(GetType()).Improper;

        /// <summary><see cref="LogProbCore"/> of another distribution, for the families built from components.</summary>
        internal Tensor ElementLogProb(Tensor value, int batchRank, ScalarType dtype) => LogProbCore(value, batchRank, dtype);

        /// <summary><see cref="SampleCore"/> of another distribution, for the families built from components (the caller
        /// has already checked reparameterisation and opened no_grad when drawing without it).</summary>
        internal Tensor Draw(long[] batchShape, ScalarType dtype, bool reparam) => SampleCore(batchShape, dtype, reparam);

        /// <summary>The floating dtype of the first floating parameter, or float32.</summary>
        protected virtual ScalarType DefaultFloat() => ScalarType.Float32;

        /// <summary><see cref="LogProbCore"/> for a distribution that wraps this one (<see cref="Transformed"/>).</summary>
        internal Tensor LogProbOfEvents(Tensor value, int batchRank, ScalarType dtype) => LogProbCore(value, batchRank, dtype);

        /// <summary><see cref="DefaultFloat"/> for a distribution that wraps this one.</summary>
        internal ScalarType FloatType => DefaultFloat();

        /// <summary>Aligns a parameter to the layout (see the class remarks) and converts floating tensors to dtype.</summary>
        protected static Tensor Align(Tensor p, int batchRank, ScalarType dtype)
        {
            var t = p;
            if (t.dtype != dtype && (torch.is_floating_point(t) || t.dtype == ScalarType.Bool || IsInteger(t.dtype)))
                t = t.to_type(dtype);
            long rank = t.dim();
            if (rank == 0 || rank >= batchRank) return t;
            var shape = new long[batchRank + rank];
            for (int i = 0; i < batchRank; i++) shape[i] = 1;
            var tShape = t.shape; // TorchSharp builds a new array per .shape access
            for (int i = 0; i < rank; i++) shape[batchRank + i] = tShape[i];
            return t.view(shape);
        }

        /// <summary>Sums every dimension beyond the first batchRank (left-padding with ones if the rank is smaller).</summary>
        protected static Tensor SumBeyond(Tensor t, int batchRank)
        {
            long rank = t.dim();
            if (rank == batchRank) return t;
            if (rank < batchRank)
            {
                var shape = new long[batchRank];
                for (int i = 0; i < batchRank - rank; i++) shape[i] = 1;
                var tShape = t.shape;
                for (int i = 0; i < rank; i++) shape[batchRank - rank + i] = tShape[i];
                return t.reshape(shape);
            }
            var dims = new long[rank - batchRank];
            for (int i = 0; i < dims.Length; i++) dims[i] = batchRank + i;
            return t.sum(dims);
        }

        private static bool IsInteger(ScalarType s) =>
            s == ScalarType.Int8 || s == ScalarType.Int16 || s == ScalarType.Int32 || s == ScalarType.Int64 || s == ScalarType.Byte;
    }
}
