using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Distributions.Authoring
{
    /// <summary>
    /// Shape helpers for writing a distribution: broadcasting, the shape of a draw, event-aware alignment of
    /// parameters, dtype conversion and argument checks. Alan's own distributions use them; so can a distribution
    /// defined outside the runtime (see docs/custom-distributions.md).
    /// </summary>
    /// <remarks>
    /// Shapes follow Alan's batch layout (<see cref="Distribution"/>): <c>batchRank</c> leading batch dimensions
    /// (padding, particles, plates), then the event dimensions. A parameter aligned with
    /// <c>Distribution.Align</c> has at least <c>batchRank</c> dimensions (or none: a 0-dimensional tensor
    /// broadcasts as it is).
    /// </remarks>
    public static class ShapeUtil
    {
        /// <summary>The NumPy/PyTorch broadcast of <paramref name="shapes"/> (aligned on the right).</summary>
        /// <exception cref="ArgumentException">Two shapes differ at a position where neither is 1.</exception>
        public static long[] Broadcast(params long[][] shapes)
        {
            if (shapes is null) throw new ArgumentNullException(nameof(shapes));
            int rank = 0;
            foreach (var s in shapes) rank = Math.Max(rank, s.Length);
            var result = new long[rank];
            for (int i = 0; i < rank; i++) result[i] = 1;
            foreach (var s in shapes)
            {
                for (int i = 0; i < s.Length; i++)
                {
                    int j = rank - s.Length + i;
                    if (s[i] == 1 || s[i] == result[j]) continue;
                    if (result[j] != 1)
                        throw new ArgumentException(
                            $"Shapes [{string.Join(", ", s)}] and [{string.Join(", ", result)}] do not broadcast.");
                    result[j] = s[i];
                }
            }
            return result;
        }

        /// <summary>
        /// The batch shape of a draw in <c>SampleCore(batchShape, ...)</c>: <paramref name="batchShape"/> padded with
        /// trailing ones to the largest parameter batch rank, broadcast with the aligned parameters' batch shapes
        /// (<paramref name="paramBatchShapes"/>: each parameter's shape without its event dimensions). Append the
        /// event shape to get the shape of the draw.
        /// </summary>
        /// <exception cref="ArgumentException">The shapes do not broadcast.</exception>
        public static long[] DrawShape(long[] batchShape, params long[][] paramBatchShapes)
        {
            if (batchShape is null) throw new ArgumentNullException(nameof(batchShape));
            if (paramBatchShapes is null) throw new ArgumentNullException(nameof(paramBatchShapes));
            int rank = batchShape.Length;
            foreach (var s in paramBatchShapes) rank = Math.Max(rank, s.Length);
            var padded = new long[rank];
            for (int i = 0; i < rank; i++) padded[i] = i < batchShape.Length ? batchShape[i] : 1;
            var all = new long[paramBatchShapes.Length + 1][];
            all[0] = padded;
            Array.Copy(paramBatchShapes, 0, all, 1, paramBatchShapes.Length);
            return Broadcast(all);
        }

        /// <summary>The shape without its last <paramref name="count"/> dimensions (a parameter's batch shape from its full shape).</summary>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative or larger than the rank.</exception>
        public static long[] DropLast(long[] shape, int count)
        {
            if (shape is null) throw new ArgumentNullException(nameof(shape));
            if (count < 0 || count > shape.Length)
                throw new ArgumentOutOfRangeException(nameof(count), count,
                    $"Cannot drop {count} trailing dimension(s) from shape [{string.Join(", ", shape)}].");
            return shape[..(shape.Length - count)];
        }

        /// <summary>The shape followed by <paramref name="tail"/> (a batch shape followed by an event shape).</summary>
        public static long[] Append(long[] shape, params long[] tail)
        {
            if (shape is null) throw new ArgumentNullException(nameof(shape));
            if (tail is null) throw new ArgumentNullException(nameof(tail));
            var r = new long[shape.Length + tail.Length];
            shape.CopyTo(r, 0);
            tail.CopyTo(r, shape.Length);
            return r;
        }

        /// <summary>
        /// Event-aware alignment for a parameter with <paramref name="eventDims"/> inherent trailing dimensions
        /// (1 for a vector, 2 for a matrix, 1 for Categorical's category dimension): a tensor of rank below
        /// <c>batchRank + eventDims</c> carries no hidden batch dimensions and is viewed with
        /// <paramref name="batchRank"/> leading ones; a tensor of higher rank already has the layout and is returned
        /// as it is. Convert the dtype first (<see cref="Value"/>); <c>Distribution.Align</c> is the
        /// <paramref name="eventDims"/> = 0 case with the conversion.
        /// </summary>
        public static Tensor PrefixBatch(Tensor t, int batchRank, int eventDims)
        {
            if (t is null) throw new ArgumentNullException(nameof(t));
            long rank = t.dim();
            if (batchRank == 0 || rank >= batchRank + eventDims) return t;
            var shape = new long[batchRank + rank];
            for (int i = 0; i < batchRank; i++) shape[i] = 1;
            var tShape = t.shape;
            for (int i = 0; i < rank; i++) shape[batchRank + i] = tShape[i];
            return t.view(shape);
        }

        /// <summary>
        /// The value converted to <paramref name="dtype"/> (never reshaped): in <c>LogProbCore</c>, the value
        /// already has the layout, only its dtype may differ (an integer observation scored in float32, for example).
        /// </summary>
        public static Tensor Value(Tensor value, ScalarType dtype)
        {
            if (value is null) throw new ArgumentNullException(nameof(value));
            return value.dtype == dtype ? value : value.to_type(dtype);
        }

        /// <summary>The dtype of the first floating tensor among <paramref name="tensors"/>, or float32: the usual <c>DefaultFloat</c>.</summary>
        public static ScalarType FirstFloat(params Tensor?[] tensors)
        {
            if (tensors is null) throw new ArgumentNullException(nameof(tensors));
            foreach (var t in tensors)
                if (t is not null && torch.is_floating_point(t)) return t.dtype;
            return ScalarType.Float32;
        }

        /// <summary>
        /// Returns <paramref name="t"/>, or throws when it has fewer than <paramref name="rank"/> dimensions (a
        /// vector parameter given as a scalar): the message names the family, the parameter and the shape.
        /// </summary>
        /// <param name="t">The parameter.</param>
        /// <param name="rank">Its smallest allowed rank (its number of event dimensions).</param>
        /// <param name="family">The distribution's name, for the message ("Dirichlet").</param>
        /// <param name="name">The parameter's name, for the message ("concentration").</param>
        /// <exception cref="ArgumentException">The rank is below <paramref name="rank"/>.</exception>
        public static Tensor RequireRank(Tensor t, int rank, string family, string name)
        {
            if (t is null) throw new ArgumentNullException(name);
            if (t.dim() < rank)
                throw new ArgumentException(
                    $"{family}: {name} must have at least {rank} dimension(s); got shape [{string.Join(", ", t.shape)}].", name);
            return t;
        }

        /// <summary>True when <paramref name="b"/> broadcasts into <paramref name="a"/>'s shape (an in-place op on a is safe).</summary>
        internal static bool Covers(Tensor a, Tensor b)
        {
            var aShape = a.shape;
            var bShape = b.shape;
            if (bShape.Length > aShape.Length) return false;
            for (int i = 1; i <= bShape.Length; i++)
            {
                long sb = bShape[bShape.Length - i], sa = aShape[aShape.Length - i];
                if (sb != 1 && sb != sa) return false;
            }
            return true;
        }
    }
}
