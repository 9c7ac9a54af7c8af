using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Shape helpers shared by the distributions (broadcasting, draw shapes, event-aware alignment).</summary>
    internal static class ShapeUtil
    {
        /// <summary>NumPy/PyTorch broadcast of shapes (right-aligned).</summary>
        public static long[] Broadcast(params long[][] shapes)
        {
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
        /// The batch shape of a draw: <paramref name="batchShape"/> padded with trailing ones to the largest
        /// parameter batch rank, broadcast with the (aligned) parameters' batch shapes.
        /// </summary>
        public static long[] DrawShape(long[] batchShape, params long[][] paramBatchShapes)
        {
            int rank = batchShape.Length;
            foreach (var s in paramBatchShapes) rank = Math.Max(rank, s.Length);
            var padded = new long[rank];
            for (int i = 0; i < rank; i++) padded[i] = i < batchShape.Length ? batchShape[i] : 1;
            var all = new long[paramBatchShapes.Length + 1][];
            all[0] = padded;
            Array.Copy(paramBatchShapes, 0, all, 1, paramBatchShapes.Length);
            return Broadcast(all);
        }

        /// <summary>The shape without its last <paramref name="count"/> dimensions.</summary>
        public static long[] DropLast(long[] shape, int count) => shape[..(shape.Length - count)];

        /// <summary>The shape followed by <paramref name="tail"/>.</summary>
        public static long[] Append(long[] shape, params long[] tail)
        {
            var r = new long[shape.Length + tail.Length];
            shape.CopyTo(r, 0);
            tail.CopyTo(r, shape.Length);
            return r;
        }

        /// <summary>
        /// Event-aware alignment for a parameter with <paramref name="eventDims"/> inherent trailing dimensions
        /// (1 for a vector, 2 for a matrix, 1 for Categorical's category dimension): a tensor of rank below
        /// <c>batchRank + eventDims</c> carries no hidden batch dimensions and is viewed with
        /// <paramref name="batchRank"/> leading ones. The dtype must already be converted.
        /// </summary>
        public static Tensor PrefixBatch(Tensor t, int batchRank, int eventDims)
        {
            long rank = t.dim();
            if (batchRank == 0 || rank >= batchRank + eventDims) return t;
            var shape = new long[batchRank + rank];
            for (int i = 0; i < batchRank; i++) shape[i] = 1;
            var tShape = t.shape;
            for (int i = 0; i < rank; i++) shape[batchRank + i] = tShape[i];
            return t.view(shape);
        }

        /// <summary>The value converted to <paramref name="dtype"/> (never reshaped).</summary>
        public static Tensor Value(Tensor value, ScalarType dtype) =>
            value.dtype == dtype ? value : value.to_type(dtype);

        /// <summary>The dtype of the first floating tensor, or float32.</summary>
        public static ScalarType FirstFloat(params Tensor?[] tensors)
        {
            foreach (var t in tensors)
                if (t is not null && torch.is_floating_point(t)) return t.dtype;
            return ScalarType.Float32;
        }

        /// <summary>Throws when <paramref name="t"/> has fewer than <paramref name="rank"/> dimensions.</summary>
        public static Tensor RequireRank(Tensor t, int rank, string family, string name)
        {
            if (t.dim() < rank)
                throw new ArgumentException(
                    $"{family}: {name} must have at least {rank} dimension(s); got shape [{string.Join(", ", t.shape)}].", name);
            return t;
        }

        /// <summary>True when <paramref name="b"/> broadcasts into <paramref name="a"/>'s shape (an in-place op on a is safe).</summary>
        public static bool Covers(Tensor a, Tensor b)
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
