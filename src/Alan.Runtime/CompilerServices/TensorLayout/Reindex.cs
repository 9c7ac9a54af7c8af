using System.ComponentModel;
using static TorchSharp.torch;

namespace Alan.CompilerServices.TensorLayout
{
    /// <summary>Parent re-indexing for sampling Q (DESIGN 4.1).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Reindex
    {
        /// <summary>
        /// Draws an index map sigma: [K] -> [K] independently for every element of the parent's plates.
        /// <paramref name="shape"/> is the parent's layout shape (K at <paramref name="kDim"/>, its plate sizes, ones elsewhere).
        /// The maps are drawn from <paramref name="generator"/> (null: torch's default generator).
        /// </summary>
        public static Tensor Draw(Sampler sampler, long[] shape, long kDim, Device device, Generator? generator)
        {
            long k = shape[kDim];
            generator = Problems.ShardedDraws.Route(generator, shape);   // a local parent's maps are drawn by its rank
            if (sampler == Sampler.Categorical)
                return randint(0, k, shape, dtype: ScalarType.Int64, device: device, generator: generator);
            return rand(shape, device: device, generator: generator).argsort(kDim);
        }

        /// <summary>
        /// The parent's particles as seen by the child: particle <c>sigma(k)</c> of the parent at child particle k.
        /// Gathers along the parent's particle dim and moves it to the child's particle dim.
        /// </summary>
        public static Tensor Apply(Tensor value, Tensor index, long parentDim, long childDim)
        {
            var idx = index;
            long extra = value.dim() - idx.dim();
            if (extra > 0)
            {
                var shape = new long[value.dim()];
                var idxShape = idx.shape;
                for (int i = 0; i < shape.Length; i++) shape[i] = i < idxShape.Length ? idxShape[i] : 1;
                idx = idx.view(shape);
            }
            var target = (long[])value.shape.Clone();
            target[parentDim] = idx.shape[parentDim];
            idx = idx.expand(target);
            return value.gather(parentDim, idx).transpose(parentDim, childDim);
        }
    }
}
