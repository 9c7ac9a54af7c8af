using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// The improper flat density on the reals: log p(x) = 0 for every x. It is not a probability distribution (it does
    /// not integrate to 1), so it cannot be sampled: it may only be the prior of a latent of the model P, whose value
    /// Q proposes (Stan's parameter declared without a prior). <see cref="EventShape"/> gives the latent's event dims
    /// (<c>new Flat(3)</c>: a vector of 3; no arguments: a scalar per batch element).
    /// </summary>
    [Distribution(Support.Real, Reparameterised = false, EventRank = 0, Improper = true)]
    public sealed class Flat : Distribution
    {
        /// <summary>Creates the flat density over values whose last dims are <paramref name="eventShape"/> (none: scalars).</summary>
        public Flat(params long[] eventShape)
        {
            _eventShape = ImproperEvent.Checked(nameof(Flat), eventShape);
        }

        private readonly long[] _eventShape;

        /// <summary>The shape of one event (empty for a scalar).</summary>
        public IReadOnlyList<long> EventShape => _eventShape;

        public override int EventRank => _eventShape.Length;
        public override bool IsReparameterised => false;
        protected override ScalarType DefaultFloat() => ScalarType.Float32;

        /// <summary>0 per event, whatever the (finite or not) value.</summary>
        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            ImproperEvent.RequireEventShape(nameof(Flat), _eventShape, value);
            var shape = value.shape;
            return torch.zeros(shape[..(shape.Length - _eventShape.Length)], dtype, value.device);
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam) =>
            throw ImproperEvent.CannotSample(nameof(Flat), "the reals");
    }
}
