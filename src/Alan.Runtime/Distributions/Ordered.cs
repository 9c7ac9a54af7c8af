using System;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// The order statistics of <see cref="Count"/> i.i.d. draws of a univariate <see cref="Component"/>: a strictly
    /// increasing vector (event rank 1, its last dim of size <see cref="Count"/>) with
    /// log p(x) = log(count!) + sum_i log p_component(x_i) for x_1 &lt; ... &lt; x_count, and -inf otherwise.
    /// Stan's <c>ordered[2] mu; mu ~ normal(0, 10);</c> is <c>new Ordered(new Normal(0.0, 10.0), 2)</c> (Stan leaves out
    /// the constant log 2!, which changes no posterior). Its support is <see cref="Support.Ordered"/> for a component on
    /// the reals and <see cref="Support.PositiveOrdered"/> for one on the positive reals. The component's parameters
    /// give one distribution per batch element: they must not vary along the ordered (event) dim. Sampling sorts
    /// i.i.d. draws, so it is reparameterised when the component is.
    /// </summary>
    [Distribution(Support.Ordered, Reparameterised = true, EventRank = 1, FromComponents = true)]
    public sealed class Ordered : Distribution
    {
        private readonly double _logCountFactorial;

        /// <summary>Creates the distribution of <paramref name="count"/> sorted i.i.d. draws of <paramref name="component"/>.</summary>
        public Ordered(Distribution component, int count)
        {
            Component = component ?? throw new ArgumentNullException(nameof(component));
            if (count < 1) throw new ArgumentOutOfRangeException(nameof(count), $"Ordered: count must be at least 1; got {count}.");
            if (component.EventRank != 0)
                throw new ArgumentException(
                    $"Ordered: the component must be univariate (event rank 0); {component.Name} has event rank {component.EventRank}.", nameof(component));
            if (component.Support != Support.Real && component.Support != Support.Positive)
                throw new ArgumentException(
                    $"Ordered: the component's support must be Real or Positive; {component.Name} has support {component.Support}.", nameof(component));
            Count = count;
            _logCountFactorial = Enumerable.Range(2, Math.Max(0, count - 1)).Sum(i => Math.Log(i));
        }

        /// <summary>The distribution each of the <see cref="Count"/> values is drawn from.</summary>
        public Distribution Component { get; }

        /// <summary>The length of the ordered vector.</summary>
        public int Count { get; }

        public override int EventRank => 1;
        public override bool IsReparameterised => Component.IsReparameterised;
        internal override Support Support => Component.Support == Support.Positive ? Support.PositiveOrdered : Support.Ordered;
        internal override bool IsImproper => Component.IsImproper;

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var shape = x.shape;
            // The batch dims the component's parameters align with: the layout's, or with none (PyTorch semantics) all of
            // the value's but the ordered one.
            int lead = batchRank > 0 ? batchRank : shape.Length - 1;
            if (shape.Length < lead + 1 || shape[^1] != Count)
                throw new ArgumentException(
                    $"Ordered: the value's last dimension must be the count, {Count}, after {lead} batch dimension(s); got a value of shape [{string.Join(", ", shape)}].",
                    nameof(value));
            RequirePerBatchElement(Component.ElementLogProb(torch.zeros(Array.Empty<long>(), dtype, x.device), batchRank, dtype).shape, lead);
            // One value of the vector at a time, so the component sees a value laid out like its parameters (the layout's
            // dims first, as every family expects), whatever it is built from.
            var logDensity = Component.ElementLogProb(x.select(-1, 0), batchRank, dtype);
            for (int i = 1; i < Count; i++) logDensity = logDensity.add(Component.ElementLogProb(x.select(-1, i), batchRank, dtype), Scalars.Of(1));
            logDensity = logDensity.add(torch.tensor(_logCountFactorial, dtype, x.device), Scalars.Of(1));
            var increasing = Count == 1 ? torch.ones(ShapeUtil.DropLast(shape, 1), ScalarType.Bool, x.device)
                : (x.narrow(-1, 1, Count - 1) > x.narrow(-1, 0, Count - 1)).all(-1);
            return MathUtil.Mask(logDensity, increasing);
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var draws = Enumerable.Range(0, Count).Select(_ => Component.Draw(batchShape, dtype, reparam)).ToArray();
            if (batchShape.Length > 0) RequirePerBatchElement(draws[0].shape, batchShape.Length);
            return torch.stack(draws, -1).sort(-1).Values;
        }

        /// <summary>
        /// The component's parameters (their broadcast shape <paramref name="parameterShape"/>) must have no dims beyond the
        /// batch's <paramref name="lead"/>: a dim more would lie along the ordered dim (the values would not be i.i.d.).
        /// </summary>
        private void RequirePerBatchElement(long[] parameterShape, int lead)
        {
            if (parameterShape.Length > lead)
                throw new ArgumentException(
                    $"Ordered: the component's parameters must not vary along the ordered dimension (one {Component.Name} per batch element, " +
                    $"{lead} batch dimension(s)); they have shape [{string.Join(", ", parameterShape)}]. Give the component scalar or per-batch-element parameters.",
                    "component");
        }
    }
}
