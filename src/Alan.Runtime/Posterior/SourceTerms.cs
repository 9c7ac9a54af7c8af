using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// Zero-valued source terms J added to the estimator's factors (DESIGN 4.6). Differentiating
    /// log P-hat w.r.t. J at J = 0 gives posterior marginal weights (J_g[K_g, plates]) and posterior
    /// expectations (J * f(z)). Used by generated Marginals()/Moments(); not part of the training path.
    /// </summary>
    public sealed class SourceTerms
    {
        private readonly Tensor?[] _groups;
        private readonly Tensor?[] _first;
        private readonly Tensor?[] _second;

        /// <summary>Creates an empty set for a problem with the given numbers of groups and latents.</summary>
        public SourceTerms(int groups, int latents)
        {
            _groups = new Tensor?[groups];
            _first = new Tensor?[latents];
            _second = new Tensor?[latents];
        }

        /// <summary>Adds J_g (zeros shaped like the group factor's own dims) for marginal weights.</summary>
        public Tensor AddGroup(int group, Tensor value, int layoutRank)
        {
            var shape = new long[layoutRank];
            for (int i = 0; i < layoutRank; i++) shape[i] = value.shape[i];
            var j = zeros(shape, dtype: FloatOf(value), device: value.device).requires_grad_(true);
            _groups[group] = j;
            return j;
        }

        /// <summary>Adds J1, J2 (shaped like one particle of the latent) for E[z] and E[z^2].</summary>
        public void AddMoments(int latent, Tensor value, int particleDim)
        {
            var shape = (long[])value.shape.Clone();
            shape[particleDim] = 1;
            _first[latent] = zeros(shape, dtype: FloatOf(value), device: value.device).requires_grad_(true);
            _second[latent] = zeros(shape, dtype: FloatOf(value), device: value.device).requires_grad_(true);
        }

        /// <summary>The J tensor of a group, or null.</summary>
        public Tensor? Group(int group) => _groups[group];

        /// <summary>J1 (first moment) of a latent, or null.</summary>
        public Tensor? First(int latent) => _first[latent];

        /// <summary>J2 (second moment) of a latent, or null.</summary>
        public Tensor? Second(int latent) => _second[latent];

        /// <summary>Adds this set's terms for one group and its members to the group factor.</summary>
        public Tensor Apply(Tensor factor, int group, int layoutRank, int[] latents, Tensor[] values)
        {
            var f = factor;
            if (_groups[group] is Tensor j) f = f + j;
            for (int i = 0; i < latents.Length; i++)
            {
                var v = latents[i];
                if (_first[v] is not Tensor j1) continue;
                var z = values[i].dtype == j1.dtype ? values[i] : values[i].to_type(j1.dtype);
                var term = j1 * z + _second[v]! * z * z;
                f = f + SumEvent(term, layoutRank);
            }
            return f;
        }

        private static Tensor SumEvent(Tensor t, int layoutRank)
        {
            if (t.dim() == layoutRank) return t;
            var dims = new long[t.dim() - layoutRank];
            for (int i = 0; i < dims.Length; i++) dims[i] = layoutRank + i;
            return t.sum(dims);
        }

        private static ScalarType FloatOf(Tensor t) =>
            is_floating_point(t) ? t.dtype : ScalarType.Float32;
    }
}
