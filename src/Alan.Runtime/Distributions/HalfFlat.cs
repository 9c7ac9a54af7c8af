using System;
using System.Collections.Generic;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// The improper flat density on the positive reals: log p(x) = 0 for x &gt; 0 and -inf otherwise (per event: -inf
    /// when any element is not positive). Like <see cref="Flat"/> it cannot be sampled and may only be the prior of a
    /// latent of the model P. <see cref="EventShape"/> gives the latent's event dims.
    /// </summary>
    [Distribution(Support.Positive, Reparameterised = false, EventRank = 0, Improper = true)]
    public sealed class HalfFlat : Distribution
    {
        /// <summary>Creates the flat density over positive values whose last dims are <paramref name="eventShape"/> (none: scalars).</summary>
        public HalfFlat(params long[] eventShape)
        {
            _eventShape = ImproperEvent.Checked(nameof(HalfFlat), eventShape);
        }

        private readonly long[] _eventShape;

        /// <summary>The shape of one event (empty for a scalar).</summary>
        public IReadOnlyList<long> EventShape => _eventShape;

        public override int EventRank => _eventShape.Length;
        public override bool IsReparameterised => false;
        protected override ScalarType DefaultFloat() => ScalarType.Float32;

        /// <summary>0 per event whose elements are all positive, else -inf.</summary>
        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            ImproperEvent.RequireEventShape(nameof(HalfFlat), _eventShape, value);
            var positive = value.detach() > Scalars.Of(0);
            for (int i = 0; i < _eventShape.Length; i++) positive = positive.all(-1);
            return MathUtil.Mask(torch.zeros(positive.shape, dtype, value.device), positive);
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam) =>
            throw ImproperEvent.CannotSample(nameof(HalfFlat), "the positive reals");
    }
}
