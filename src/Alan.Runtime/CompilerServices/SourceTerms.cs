using System.ComponentModel;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Alan.CompilerServices
{
    /// <summary>
    /// Zero-valued source terms J_g[K_g, plates of g] added to the group factors of the estimator (DESIGN 4.6).
    /// The gradient of log P-hat with respect to J_g at J_g = 0 is the posterior marginal weight of each of
    /// g's particles, per plate element; <see cref="PosteriorWeights"/> turns it into marginals, moments and
    /// the expected sufficient statistics of QEM. The terms live in float64 (the source-term pass runs in
    /// <see cref="PosteriorWeights.WorkType"/>). Used by generated Marginals(), Moments() and
    /// UpdateQemParams(); not part of the training path.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class SourceTerms
    {
        private readonly Tensor?[] _groups;

        /// <summary>Creates an empty set for a problem with the given number of groups.</summary>
        public SourceTerms(int groups)
        {
            _groups = new Tensor?[groups];
        }

        /// <summary>Adds J_g: zeros shaped like the layout dims of one of the group's particle tensors.</summary>
        public Tensor AddGroup(int group, Tensor value, int layoutRank)
        {
            var shape = new long[layoutRank];
            var valueShape = value.shape;
            for (int i = 0; i < layoutRank; i++) shape[i] = valueShape[i];
            var j = zeros(shape, dtype: PosteriorWeights.WorkType, device: value.device).requires_grad_(true);
            _groups[group] = j;
            return j;
        }

        /// <summary>The group factor plus J_g (cut to the current chunk of a split evaluation, if any).</summary>
        public Tensor Apply(Tensor factor, int group, Chunk? chunk = null)
        {
            if (_groups[group] is not Tensor j) return factor;
            var cut = Chunk.Cut(chunk, j);
            return factor + (cut.dtype == factor.dtype ? cut : cut.to_type(factor.dtype));
        }

        /// <summary><paramref name="tensors"/> followed by every J tensor of <paramref name="terms"/> (if any).</summary>
        public static Tensor[] WithTensors(SourceTerms? terms, Tensor[] tensors)
        {
            if (terms is null) return tensors;
            var js = terms.Tensors();
            var all = new Tensor[tensors.Length + js.Length];
            tensors.CopyTo(all, 0);
            js.CopyTo(all, tensors.Length);
            return all;
        }

        /// <summary>Every J tensor (the tensors gradients are taken with respect to).</summary>
        public Tensor[] Tensors()
        {
            var list = new List<Tensor>();
            foreach (var g in _groups) if (g is not null) list.Add(g);
            return list.ToArray();
        }
    }
}
