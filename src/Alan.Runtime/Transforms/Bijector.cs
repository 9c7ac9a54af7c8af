using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// A smooth invertible map from unconstrained reals onto a constrained support, used by <see cref="Transformed"/> to
    /// push an unconstrained distribution (a Normal, say) onto the support of P's distribution for the same latent.
    /// </summary>
    /// <remarks>
    /// <para><b>Shapes.</b> <see cref="Forward"/>, <see cref="Inverse"/> and <see cref="LogAbsDetJacobian"/> use PyTorch
    /// semantics: no hidden batch dimensions, the bijector's <see cref="EventRank"/> trailing dimensions form one event,
    /// and bound parameters (<see cref="Bijector.Interval"/>'s low and high, say) broadcast against the value.
    /// <see cref="ForwardShape"/> and <see cref="InverseShape"/> say how an event's shape changes (only
    /// <see cref="StickBreakingBijector"/> changes it: K - 1 unconstrained values make a point of the K-simplex).</para>
    /// <para><b>Floating point.</b> Forward maps are computed in stable forms (softplus, log-sigmoid, cumulative sums of
    /// logs) and clamp their value into the open support where the dtype would otherwise round it onto the boundary
    /// (sigmoid(20) is 1 in float32), so that <see cref="Inverse"/> of a forward value is always finite; the inverse of a
    /// clamped value is the unconstrained point of the clamped value, not the original draw.</para>
    /// <para>Each concrete bijector carries <see cref="BijectorAttribute"/>, which the source generator reads from the
    /// static type of the bijector passed to <see cref="Transformed"/> to know the variable's support.</para>
    /// </remarks>
    public abstract class Bijector
    {
        /// <summary>Only this library's bijectors derive from Bijector: each carries the [Bijector] attribute the generator reads.</summary>
        private protected Bijector() { }

        /// <summary>Number of trailing dimensions transformed jointly: 0 (elementwise) or 1 (along the last dimension).</summary>
        public abstract int EventRank { get; }

        /// <summary>The support of the forward map's values.</summary>
        public abstract Support Support { get; }

        /// <summary>A short display name ("Exp", "StickBreaking").</summary>
        public abstract string Name { get; }

        /// <summary>The shape of Forward(x) for x of shape <paramref name="xShape"/> (before broadcasting with bound parameters).</summary>
        public virtual long[] ForwardShape(long[] xShape) => (long[])(xShape ?? throw new ArgumentNullException(nameof(xShape))).Clone();

        /// <summary>The shape of Inverse(y) for y of shape <paramref name="yShape"/> (before broadcasting with bound parameters).</summary>
        public virtual long[] InverseShape(long[] yShape) => (long[])(yShape ?? throw new ArgumentNullException(nameof(yShape))).Clone();

        /// <summary>y = f(x): an unconstrained value mapped onto <see cref="Support"/>.</summary>
        public Tensor Forward(Tensor x) => ForwardInLayout(x, 0);

        /// <summary>x = f⁻¹(y): a value of <see cref="Support"/> mapped back to the unconstrained reals.</summary>
        public Tensor Inverse(Tensor y) => InverseInLayout(y, 0);

        /// <summary>
        /// log |det ∂f(x)/∂x|, summed over the bijector's own <see cref="EventRank"/> trailing dimensions (for
        /// <see cref="StickBreakingBijector"/> the Jacobian of the first K - 1 coordinates of y, the coordinates a
        /// density on the simplex is written in).
        /// </summary>
        public Tensor LogAbsDetJacobian(Tensor x) => LogAbsDetJacobianInLayout(x, 0);

        /// <summary>Forward with bound parameters aligned to <paramref name="batchRank"/> hidden leading dims (see <see cref="Distribution"/>).</summary>
        internal Tensor ForwardInLayout(Tensor x, int batchRank) => ForwardCore(Checked(x, nameof(x), batchRank, false), batchRank);

        /// <summary>Inverse with bound parameters aligned to <paramref name="batchRank"/> hidden leading dims.</summary>
        internal Tensor InverseInLayout(Tensor y, int batchRank) => InverseCore(Checked(y, nameof(y), batchRank, true), batchRank);

        /// <summary>LogAbsDetJacobian with bound parameters aligned to <paramref name="batchRank"/> hidden leading dims.</summary>
        internal Tensor LogAbsDetJacobianInLayout(Tensor x, int batchRank) => LogAbsDetJacobianCore(Checked(x, nameof(x), batchRank, false), batchRank);

        /// <summary>Whether each event of y lies in the open support (shape: y's without the event dims); y is finite.</summary>
        internal abstract Tensor InSupport(Tensor y, int batchRank);

        /// <summary>Forward map; x is floating and has the event dims the bijector needs.</summary>
        private protected abstract Tensor ForwardCore(Tensor x, int batchRank);

        /// <summary>Inverse map; y is floating and has the event dims the bijector needs.</summary>
        private protected abstract Tensor InverseCore(Tensor y, int batchRank);

        /// <summary>log |det J| of the forward map at x, summed over the event dims.</summary>
        private protected abstract Tensor LogAbsDetJacobianCore(Tensor x, int batchRank);

        /// <summary>The smallest size of the last dimension of an unconstrained (x) or constrained (y) value (event rank 1 only).</summary>
        private protected virtual long MinimumEventSize(bool constrained) => 1;

        private Tensor Checked(Tensor t, string name, int batchRank, bool constrained)
        {
            if (t is null) throw new ArgumentNullException(name);
            if (!torch.is_floating_point(t))
                throw new ArgumentException($"{Name}: {name} must be a floating tensor, but has dtype {t.dtype}.", name);
            if (EventRank == 0) return t;
            long min = MinimumEventSize(constrained);
            var shape = t.shape;
            if (shape.Length <= batchRank || shape[^1] < min)
                throw new ArgumentException(
                    $"{Name} transforms vectors along the last dimension and needs {name} to have a last dimension of size at least {min} "
                    + $"beyond its {batchRank} batch dims, but {name} has shape [{string.Join(", ", shape)}].", name);
            return t;
        }

        /// <summary>A bound parameter in x's dtype, viewed with <paramref name="batchRank"/> leading ones when it is event-only (see <see cref="Distribution"/>).</summary>
        internal static Tensor Align(Tensor p, int batchRank, ScalarType dtype)
        {
            var t = p.dtype == dtype ? p : p.to_type(dtype);
            long rank = t.dim();
            if (rank == 0 || rank >= batchRank) return t;
            var shape = new long[batchRank + rank];
            for (int i = 0; i < batchRank; i++) shape[i] = 1;
            var tShape = t.shape;
            for (int i = 0; i < rank; i++) shape[batchRank + i] = tShape[i];
            return t.view(shape);
        }

        /// <summary>σ(x) clamped into [tiny, 1 - eps/2] of its dtype, so that it never rounds onto 0 or 1.</summary>
        internal static Tensor OpenSigmoid(Tensor x)
        {
            var fi = torch.finfo(x.dtype);
            return MathUtil.LogSigmoid(x).exp().clamp(Scalars.Temporary(fi.tiny), Scalars.Temporary(1 - fi.eps / 2));
        }

        /// <summary>y kept strictly above <paramref name="low"/> (the next representable number up where y rounded onto it).</summary>
        internal static Tensor Above(Tensor y, Tensor low) => torch.maximum(y, torch.nextafter(low, low.add(Scalars.Of(1), Scalars.Of(1))));

        /// <summary>y kept strictly below <paramref name="high"/> (the next representable number down where y rounded onto it).</summary>
        internal static Tensor Below(Tensor y, Tensor high) => torch.minimum(y, torch.nextafter(high, high - Scalars.Of(1)));

        /// <summary>y = exp(x) ∈ (0, ∞).</summary>
        public static ExpBijector Exp { get; } = new ExpBijector();

        /// <summary>y = log(1 + exp(x)) ∈ (0, ∞): closer to the identity than exp for large x.</summary>
        public static SoftplusBijector Softplus { get; } = new SoftplusBijector();

        /// <summary>y = σ(x) ∈ (0, 1) (for Beta priors).</summary>
        public static UnitIntervalBijector UnitInterval { get; } = new UnitIntervalBijector();

        /// <summary>K - 1 reals onto the open simplex in R^K (for Dirichlet priors).</summary>
        public static StickBreakingBijector StickBreaking { get; } = new StickBreakingBijector();

        /// <summary>y₀ = x₀, yᵢ = yᵢ₋₁ + exp(xᵢ): strictly increasing vectors.</summary>
        public static OrderedBijector Ordered { get; } = new OrderedBijector();

        /// <summary>yᵢ = yᵢ₋₁ + exp(xᵢ) with y₋₁ = 0: strictly increasing positive vectors.</summary>
        public static PositiveOrderedBijector PositiveOrdered { get; } = new PositiveOrderedBijector();

        /// <summary>y = low + exp(x) ∈ (low, ∞).</summary>
        public static LowerBoundBijector LowerBound(Tensor low) => new LowerBoundBijector(low);

        /// <summary>y = high - exp(x) ∈ (-∞, high).</summary>
        public static UpperBoundBijector UpperBound(Tensor high) => new UpperBoundBijector(high);

        /// <summary>y = low + (high - low) σ(x) ∈ (low, high) (for Uniform priors).</summary>
        public static IntervalBijector Interval(Tensor low, Tensor high) => new IntervalBijector(low, high);

        /// <inheritdoc/>
        public override string ToString() => Name;
    }
}
