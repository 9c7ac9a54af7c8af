using System;
using System.Text;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Moves user tensors into and out of the compile-time layout, with shape validation.</summary>
    public static class Layout
    {
        /// <summary>
        /// Validates that <paramref name="t"/> has leading dimensions equal to <paramref name="plateSizes"/>
        /// (the plate path of <paramref name="variable"/>), then views it in the layout: rank
        /// <paramref name="layoutRank"/> with the plate sizes at <paramref name="plateDims"/> and ones elsewhere,
        /// followed by t's remaining (event) dimensions. Converts floating/integral data to <paramref name="dtype"/>.
        /// </summary>
        public static Tensor Place(Tensor? t, string kind, string variable, string[] plateNames, long[] plateSizes,
            long[] plateDims, int layoutRank, ScalarType? dtype, long[]? eventShape = null)
        {
            if (t is null)
                throw new ArgumentNullException(variable, $"{kind} '{variable}' is null; expected a tensor of shape {Describe(plateNames, plateSizes, eventShape)}.");
            bool ok = t.dim() >= plateSizes.Length;
            for (int i = 0; ok && i < plateSizes.Length; i++) ok = t.shape[i] == plateSizes[i];
            if (ok && eventShape != null)
            {
                ok = t.dim() == plateSizes.Length + eventShape.Length;
                for (int i = 0; ok && i < eventShape.Length; i++) ok = t.shape[plateSizes.Length + i] == eventShape[i];
            }
            if (!ok)
            {
                string where = plateNames.Length == 0 ? "at the root (no plates)" : "on plate" + (plateNames.Length > 1 ? "s " : " ") + string.Join(", ", plateNames);
                throw new ArgumentException(
                    $"{kind} '{variable}' {where} must have shape {Describe(plateNames, plateSizes, eventShape)}, but has shape [{string.Join(", ", t.shape)}].",
                    variable);
            }
            var shape = new long[layoutRank + t.dim() - plateSizes.Length];
            for (int i = 0; i < layoutRank; i++) shape[i] = 1;
            for (int i = 0; i < plateSizes.Length; i++) shape[plateDims[i]] = plateSizes[i];
            var tShape = t.shape;
            for (int i = plateSizes.Length; i < tShape.Length; i++) shape[layoutRank + i - plateSizes.Length] = tShape[i];
            var result = t;
            if (dtype is ScalarType d && result.dtype != d && result.dtype != ScalarType.Bool) result = result.to_type(d);
            return result.reshape(shape);
        }

        /// <summary>Moves a data or input tensor with its module: floating tensors take a floating <paramref name="dtype"/>.</summary>
        public static Tensor Move(Tensor t, ScalarType? dtype, Device? device)
        {
            var result = t;
            if (dtype is ScalarType d && is_floating_point(result) && is_floating_point(empty(0, dtype: d)) && result.dtype != d)
                result = result.to_type(d);
            if (device is not null && result.device.type != device.type || device is not null && result.device.index != device.index)
                result = result.to(device!);
            return result;
        }

        /// <summary>Layout shape with the given sizes at the given dims and ones elsewhere.</summary>
        public static long[] Shape(int layoutRank, long[] dims, long[] sizes)
        {
            var shape = new long[layoutRank];
            for (int i = 0; i < layoutRank; i++) shape[i] = 1;
            for (int i = 0; i < dims.Length; i++) shape[dims[i]] = sizes[i];
            return shape;
        }

        /// <summary>Views a layout tensor as <c>[leading..., event...]</c> (drops the layout's size-1 dims).</summary>
        public static Tensor Extract(Tensor t, int layoutRank, long[] leading)
        {
            var shape = new long[leading.Length + t.dim() - layoutRank];
            for (int i = 0; i < leading.Length; i++) shape[i] = leading[i];
            var tShape = t.shape;
            for (int i = layoutRank; i < tShape.Length; i++) shape[leading.Length + i - layoutRank] = tShape[i];
            return t.reshape(shape);
        }

        private static string Describe(string[] names, long[] sizes, long[]? eventShape)
        {
            var sb = new StringBuilder("[");
            for (int i = 0; i < sizes.Length; i++)
            {
                if (i > 0) sb.Append(", ");
                sb.Append(names[i]).Append('=').Append(sizes[i]);
            }
            if (eventShape == null) sb.Append(sizes.Length > 0 ? ", event..." : "event...");
            else foreach (var e in eventShape) sb.Append(sb.Length > 1 ? ", " : "").Append(e);
            return sb.Append(']').ToString();
        }
    }
}
