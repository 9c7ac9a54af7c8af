using System.ComponentModel;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Semiring
{
    /// <summary>
    /// The log-space ring with zero-valued source terms J_g[K_g, plates of g] added to the group factors (DESIGN 4.6).
    /// The gradient of log P-hat with respect to J_g at J_g = 0 is the posterior marginal weight of each of
    /// g's particles, per plate element; <see cref="PosteriorWeights"/> turns it into marginals, moments and
    /// the expected sufficient statistics of QEM. The pass runs in float64 (<see cref="PosteriorWeights.WorkType"/>).
    /// Used by generated Marginals(), Moments() and UpdateQemParams(); not part of the training path.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class SourceTermContraction : Contraction
    {
        private readonly Dictionary<string, Tensor> _groups = new Dictionary<string, Tensor>();
        private readonly List<Tensor> _terms = new List<Tensor>();

        /// <summary>Adds J_g for group <paramref name="group"/>: zeros shaped like the layout dims of one of its particle tensors.</summary>
        public Tensor AddGroup(string group, Tensor value, int layoutRank)
        {
            var shape = new long[layoutRank];
            var valueShape = value.shape;
            for (int i = 0; i < layoutRank; i++) shape[i] = valueShape[i];
            var j = zeros(shape, dtype: PosteriorWeights.WorkType, device: value.device).requires_grad_(true);
            _groups.Add(group, j);
            _terms.Add(j);
            return j;
        }

        /// <inheritdoc/>
        public override ScalarType WorkType(ScalarType dtype) => PosteriorWeights.WorkType;

        /// <summary>The group factor plus J_g (cut to the current chunk of a split evaluation, if any).</summary>
        public override Tensor Factor(string group, Tensor factor, Chunk? chunk)
        {
            Chunk.RequireWholePlate(chunk, "Marginals, Moments and UpdateQemParams");
            if (!_groups.TryGetValue(group, out var j)) return factor;
            var cut = Chunk.Cut(chunk, j);
            return factor.add((cut.dtype == factor.dtype ? cut : cut.to_type(factor.dtype)), Scalars.Of(1));
        }

        /// <summary><paramref name="tensors"/> followed by every J tensor.</summary>
        public override Tensor[] GradientInputs(Tensor[] tensors)
        {
            var all = new Tensor[tensors.Length + _terms.Count];
            tensors.CopyTo(all, 0);
            _terms.CopyTo(all, tensors.Length);
            return all;
        }
    }
}
