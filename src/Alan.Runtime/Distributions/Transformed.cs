using System;
using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// A real-valued base distribution pushed through a <see cref="Alan.Bijector"/>: y = f(x) with x ~ base. Its density
    /// is the change of variables log q(y) = log p_base(x) - log |det ∂f(x)/∂x| at x = f⁻¹(y), and its support is the
    /// bijector's (the source generator reads it from the static type of the bijector argument).
    /// </summary>
    /// <remarks>
    /// <para>It is reparameterised exactly when the base is: the draw is f applied to the base's pathwise draw.
    /// Its event rank is the larger of the base's and the bijector's; <see cref="StickBreakingBijector"/> turns a base
    /// event of K - 1 values into a point of the K-simplex.</para>
    /// <para>The density is always computed from the value through f⁻¹, never from a remembered unconstrained draw, so
    /// that it is the same function of the value wherever the value comes from (a particle, a chunk of one, an
    /// observation). Forward maps keep their values strictly inside the support in every dtype (see
    /// <see cref="Alan.Bijector"/>), so f⁻¹ of a draw is finite; a value outside the support has log-density -inf.</para>
    /// </remarks>
    public sealed class Transformed : Distribution
    {
        /// <summary>Creates the distribution of f(x), x ~ <paramref name="baseDistribution"/>, f = <paramref name="bijector"/>.</summary>
        /// <exception cref="ArgumentException">The base distribution is not real-valued.</exception>
        public Transformed(Distribution baseDistribution, Bijector bijector)
        {
            BaseDistribution = baseDistribution ?? throw new ArgumentNullException(nameof(baseDistribution));
            Bijector = bijector ?? throw new ArgumentNullException(nameof(bijector));
            var metadata = baseDistribution.GetType().GetCustomAttribute<DistributionAttribute>();
            if (metadata is null || metadata.Support != Support.Real)
                throw new ArgumentException(
                    $"Transformed(..., {bijector.Name}): the base distribution must be real-valued (support Real), because a bijector maps "
                    + $"unconstrained reals, but {baseDistribution.Name} has "
                    + (metadata is null ? "no [Distribution] support" : $"support {metadata.Support}")
                    + "; use a real-valued base such as Normal.",
                    nameof(baseDistribution));
        }

        /// <summary>The distribution of the unconstrained value x.</summary>
        public Distribution BaseDistribution { get; }

        /// <summary>The map f from x to the value y.</summary>
        public Bijector Bijector { get; }

        public override int EventRank => Math.Max(BaseDistribution.EventRank, Bijector.EventRank);
        public override bool IsReparameterised => BaseDistribution.IsReparameterised;
        public override string Name => $"Transformed({BaseDistribution.Name}, {Bijector.Name})";
        protected override ScalarType DefaultFloat() => BaseDistribution.FloatType;

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var x = BaseDistribution.Sample(batchShape, dtype, reparam);
            RequireEventDims(x, batchShape.Length);
            return Bijector.ForwardInLayout(x, batchShape.Length);
        }

        /// <summary>log p_base(f⁻¹(y)) - log |det J_f(f⁻¹(y))|, per event of the larger event rank; -inf outside the support.</summary>
        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var y = ShapeUtil.Value(value, dtype);
            if (Bijector.EventRank > 0 && y.dim() <= batchRank)
                throw new ArgumentException(
                    $"{Name}: the value has shape [{string.Join(", ", y.shape)}] with no event dimension beyond its {batchRank} batch dims, "
                    + $"but {Bijector.Name} values are vectors along the last dimension.", nameof(value));
            var inSupport = Bijector.InSupport(y, batchRank);
            var x = Bijector.InverseInLayout(y, batchRank);
            // Outside the support f⁻¹ is NaN or infinite: score x = 0 there instead and mask the result.
            var eventMask = Bijector.EventRank == 0 ? inSupport : inSupport.unsqueeze(-1);
            x = torch.where(eventMask, x, x.zeros_like());
            var logBase = SumLast(BaseDistribution.LogProbOfEvents(x, batchRank, dtype), EventRank - BaseDistribution.EventRank);
            var logDet = SumLast(Bijector.LogAbsDetJacobianInLayout(x, batchRank), EventRank - Bijector.EventRank);
            return MathUtil.Mask(logBase - logDet, SumLastMask(inSupport, EventRank - Bijector.EventRank));
        }

        private void RequireEventDims(Tensor x, int batchRank)
        {
            if (Bijector.EventRank > 0 && x.dim() <= batchRank)
                throw new ArgumentException(
                    $"{Name}: the base distribution's draws have shape [{string.Join(", ", x.shape)}], with no event dimension beyond the "
                    + $"{batchRank} batch dims, but {Bijector.Name} transforms vectors along the last dimension; give the base distribution "
                    + "parameters with a last dimension (new Normal(torch.zeros(3), 1.0) draws vectors of 3).");
        }

        private static Tensor SumLast(Tensor t, int dims)
        {
            if (dims == 0) return t;
            var which = new long[dims];
            for (int i = 0; i < dims; i++) which[i] = -1 - i;
            return t.sum(which);
        }

        private static Tensor SumLastMask(Tensor inSupport, int dims)
        {
            var m = inSupport;
            for (int i = 0; i < dims; i++) m = m.all(-1);
            return m;
        }
    }
}
