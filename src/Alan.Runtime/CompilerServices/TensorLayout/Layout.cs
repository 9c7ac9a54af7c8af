using System.ComponentModel;
using System;
using System.Text;
using static TorchSharp.torch;

namespace Alan.CompilerServices.TensorLayout
{
    /// <summary>Moves user tensors into and out of the compile-time layout, with shape validation.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Layout
    {
        /// <summary>
        /// Validates <paramref name="t"/> and copies it into the layout. Checks, in order: its device (when
        /// <paramref name="device"/> is given), that its leading dimensions equal the sizes of
        /// <paramref name="path"/> (the plate path of the variable) and, when the placement has an event shape,
        /// that the rest is exactly that event shape; then converts floating/integral data to
        /// <paramref name="dtype"/> in a copy (the caller's tensor is never aliased, so mutating it later has no
        /// effect), checks the copy for NaN and infinities and, when the placement has a support, for
        /// values outside that support (<see cref="CheckValues"/>). The result has rank
        /// <see cref="PlateLayout.Rank"/> with the plate sizes at the path's dims and ones elsewhere,
        /// followed by t's remaining (event) dimensions.
        /// </summary>
        public static Tensor Place(Tensor? t, Placement what, PlateLayout path, ScalarType? dtype, Device? device = null)
        {
            string kind = what.Kind, variable = what.Variable;
            string[] plateNames = path.Names;
            long[] plateSizes = path.Sizes, plateDims = path.Dims;
            int layoutRank = path.Rank;
            long[]? eventShape = what.EventShape;
            if (t is null)
                throw new ArgumentNullException(variable, $"{kind} '{variable}' is null; expected a tensor of shape {Describe(plateNames, plateSizes, eventShape)}.");
            var tDevice = t.device;
            if (device is not null && (tDevice.type != device.type || tDevice.index != device.index))
                throw new ArgumentException(
                    $"{kind} '{variable}' is on device {tDevice}, but the problem is on {device}: pass every observation and input on {device} (move the problem afterwards with to(device)).",
                    variable);
            var tShape = t.shape;
            bool ok = tShape.Length >= plateSizes.Length;
            for (int i = 0; ok && i < plateSizes.Length; i++) ok = tShape[i] == plateSizes[i];
            if (ok && eventShape != null)
            {
                ok = tShape.Length == plateSizes.Length + eventShape.Length;
                for (int i = 0; ok && i < eventShape.Length; i++) ok = tShape[plateSizes.Length + i] == eventShape[i];
            }
            if (!ok)
            {
                string hint = kind == "Input" && eventShape != null
                    ? $" (an input's event dimensions are declared with [Input(\"{variable}\", Shape = new long[] {{ ... }})])"
                    : "";
                throw new ArgumentException(
                    $"{kind} '{variable}' {Where(plateNames)} must have shape {Describe(plateNames, plateSizes, eventShape)}, but has shape [{string.Join(", ", tShape)}]{hint}.",
                    variable);
            }
            var shape = new long[layoutRank + tShape.Length - plateSizes.Length];
            for (int i = 0; i < layoutRank; i++) shape[i] = 1;
            for (int i = 0; i < plateSizes.Length; i++) shape[plateDims[i]] = plateSizes[i];
            for (int i = plateSizes.Length; i < tShape.Length; i++) shape[layoutRank + i - plateSizes.Length] = tShape[i];
            // A conversion copies; otherwise clone, so the problem never aliases the caller's tensor.
            var result = dtype is ScalarType d && t.dtype != d && t.dtype != ScalarType.Bool ? t.to_type(d) : t.clone();
            CheckValues(result, t, what, path);
            return result.reshape(shape);
        }

        /// <summary>
        /// Checks <paramref name="values"/> (shaped like the user's tensor) once: floating values must be finite;
        /// with a support (in <paramref name="what"/>), values must lie in it: Real and Interval: finite; Positive: &gt; 0;
        /// UnitInterval: strictly between 0 and 1; Simplex: entries strictly greater than 0, with sums along the
        /// last dimension within sqrt(machine epsilon of the dtype) of 1 (both open: at the boundary the Beta and
        /// Dirichlet log-densities are -inf or +inf depending on the concentrations); Binary: 0 or 1; Count,
        /// BoundedCount and Category: non-negative integers. Throws an
        /// <see cref="ArgumentException"/> naming the variable, the first offending index (into the user's
        /// tensor) and the value. <paramref name="original"/> (the caller's tensor, same shape) explains
        /// values that overflowed in a conversion.
        /// </summary>
        public static void CheckValues(Tensor values, Tensor? original, Placement what, PlateLayout path)
        {
            string kind = what.Kind, variable = what.Variable;
            string? distribution = what.Distribution;
            string[] plateNames = path.Names;
            Support? support = what.Support;
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var v = values.dtype == ScalarType.Bool ? values.to_type(ScalarType.Float32) : values.detach();
            bool floating = is_floating_point(v);
            var shape = v.shape;
            string who = $"{kind} '{variable}'{(plateNames.Length == 0 ? "" : " " + Where(plateNames))}";
            if (floating)
            {
                var bad = v.isfinite().logical_not();
                if (bad.any().item<bool>())
                {
                    long flat = FirstTrue(bad);
                    double value = v.reshape(-1)[flat].to_type(ScalarType.Float64).item<double>();
                    string overflow = "";
                    if (original is not null && is_floating_point(original) && original.dtype != v.dtype)
                    {
                        double was = original.detach().reshape(-1)[flat].to_type(ScalarType.Float64).item<double>();
                        if (!double.IsNaN(was) && !double.IsInfinity(was))
                            overflow = $" (the value {Format(was, ScalarType.Float64)} overflows {v.dtype})";
                    }
                    throw new ArgumentException(
                        $"{who} has the non-finite value {Format(value, v.dtype)} at index {Index(flat, shape)}{overflow}; {Plural(kind)} must be finite.",
                        variable);
                }
            }
            if (support is not Support s) return;
            string of = distribution is null ? "" : $" ({distribution}, support {SupportText(s)})";
            Tensor? outside = s switch
            {
                Support.Positive => v <= Scalars.Of(0),
                Support.UnitInterval => (v <= Scalars.Of(0)).logical_or(v >= Scalars.Of(1)),
                Support.Binary => v.ne(Scalars.Of(0)).logical_and(v.ne(Scalars.Of(1))),
                Support.Count or Support.BoundedCount or Support.Category =>
                    floating ? (v < Scalars.Of(0)).logical_or(v.ne(v.floor())) : v < Scalars.Of(0),
                Support.Simplex or Support.PositiveOrdered => v <= Scalars.Of(0),
                _ => null,
            };
            if (outside is not null && outside.any().item<bool>())
            {
                long flat = FirstTrue(outside);
                double value = v.reshape(-1)[flat].to_type(ScalarType.Float64).item<double>();
                throw new ArgumentException(
                    $"{who}{of} has the value {Format(value, v.dtype)} at index {Index(flat, shape)}, outside the support: {Plural(kind)} must be {Requirement(s)}.",
                    variable);
            }
            if (s is Support.Ordered or Support.PositiveOrdered)
            {
                if (shape.Length <= plateNames.Length)
                    throw new ArgumentException(
                        $"{who}{of} has shape [{string.Join(", ", shape)}] without an event dimension; ordered values need one (they increase along the last dimension).",
                        variable);
                long n = shape[^1];
                if (n > 1)
                {
                    // consecutive differences along the last dimension must be positive
                    var steps = v.narrow(-1, 1, n - 1) - v.narrow(-1, 0, n - 1);
                    var notIncreasing = steps <= Scalars.Of(0);
                    if (notIncreasing.any().item<bool>())
                    {
                        long flat = FirstTrue(notIncreasing);
                        var stepShape = steps.shape;
                        string index = Index(flat, stepShape);
                        double before = steps.reshape(-1)[flat].to_type(ScalarType.Float64).item<double>();
                        throw new ArgumentException(
                            $"{who}{of} does not increase strictly at index {index} (next element minus this one is {Format(before, v.dtype)}), outside the support: {Plural(kind)} must increase strictly along the last dimension.",
                            variable);
                    }
                }
            }
            if (s == Support.Simplex)
            {
                if (shape.Length <= plateNames.Length)
                    throw new ArgumentException(
                        $"{who}{of} has shape [{string.Join(", ", shape)}] without an event dimension; simplex values need one (the last dimension sums to 1).",
                        variable);
                double tol = Math.Sqrt(Epsilon(v.dtype));
                var sums = v.to_type(ScalarType.Float64).sum(-1);
                var off = (sums - Scalars.Of(1.0)).abs() > Scalars.Temporary(tol);
                if (off.any().item<bool>())
                {
                    long flat = FirstTrue(off);
                    double sum = sums.reshape(-1)[flat].item<double>();
                    var rows = sums.shape;
                    string row = Index(flat, rows);
                    row = row.Length > 2 ? row.Substring(0, row.Length - 1) + ", :]" : "[:]";
                    throw new ArgumentException(
                        $"{who}{of} has entries at index {row} summing to {Format(sum, ScalarType.Float64)}, outside the support: simplex values must sum to 1 along the last dimension (within {tol:G2} for {v.dtype}).",
                        variable);
                }
            }
        }

        private static string Where(string[] plateNames) =>
            plateNames.Length == 0 ? "at the root (no plates)" : "on plate" + (plateNames.Length > 1 ? "s " : " ") + string.Join(", ", plateNames);

        private static string Plural(string kind) => kind.ToLowerInvariant() + "s";

        private static long FirstTrue(Tensor mask) => mask.reshape(-1).to_type(ScalarType.Int8).argmax().item<long>();

        /// <summary>The multi-index of flat (row-major) position <paramref name="flat"/> in <paramref name="shape"/>, as "[i, j]".</summary>
        internal static string Index(long flat, long[] shape)
        {
            var idx = new long[shape.Length];
            for (int i = shape.Length - 1; i >= 0; i--)
            {
                idx[i] = shape[i] == 0 ? 0 : flat % shape[i];
                flat = shape[i] == 0 ? 0 : flat / shape[i];
            }
            return "[" + string.Join(", ", idx) + "]";
        }

        private static string Format(double value, ScalarType dtype) =>
            dtype == ScalarType.Float64
                ? value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)
                : value.ToString("G7", System.Globalization.CultureInfo.InvariantCulture);

        private static double Epsilon(ScalarType dtype) => dtype switch
        {
            ScalarType.Float64 => 2.220446049250313e-16,
            ScalarType.Float16 => 9.765625e-4,
            ScalarType.BFloat16 => 7.8125e-3,
            _ => 1.1920929e-7,
        };

        private static string SupportText(Support s) => s switch
        {
            Support.Real => "real",
            Support.Positive => "positive reals",
            Support.Interval => "an interval",
            Support.UnitInterval => "(0, 1)",
            Support.Simplex => "the simplex",
            Support.Binary => "{0, 1}",
            Support.BoundedCount => "0..n",
            Support.Category => "0..K-1",
            Support.Count => "0, 1, 2, ...",
            Support.Ordered => "increasing vectors",
            Support.PositiveOrdered => "increasing positive vectors",
            _ => s.ToString(),
        };

        private static string Requirement(Support s) => s switch
        {
            Support.Positive => "greater than 0",
            Support.UnitInterval => "strictly between 0 and 1",
            Support.Binary => "0 or 1",
            Support.Simplex => "greater than 0 and sum to 1 along the last dimension",
            Support.PositiveOrdered => "greater than 0",
            _ => "non-negative integers",
        };

        /// <summary>
        /// Checks observed values against an upper bound knowable at construction (Binomial's totalCount,
        /// Categorical's number of categories), when the data variable's distribution does not depend on a
        /// latent: <paramref name="value"/> is the placed (layout) observation, <paramref name="path"/> its
        /// plate path. Does nothing for other distributions.
        /// </summary>
        public static void CheckUpperBound(Distribution distribution, Tensor value, Placement what, PlateLayout path, ScalarType dtype)
        {
            string kind = what.Kind, variable = what.Variable;
            string[] plateNames = path.Names;
            long[] plateDims = path.Dims;
            int layoutRank = path.Rank;
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var max = distribution.MaxValue(layoutRank, dtype);
            if (max is null) return;
            var v = value.to_type(dtype);
            var both = broadcast_tensors(v, max);
            var above = both[0] > both[1];
            if (!above.any().item<bool>()) return;
            long flat = FirstTrue(above);
            var layoutShape = above.shape;
            // Layout index -> index into the user's tensor: the plate dims, then the event dims.
            var idx = new long[layoutShape.Length];
            long rest = flat;
            for (int i = layoutShape.Length - 1; i >= 0; i--) { idx[i] = rest % layoutShape[i]; rest /= layoutShape[i]; }
            var user = new System.Collections.Generic.List<long>();
            foreach (var d in plateDims) user.Add(idx[d]);
            for (int i = layoutRank; i < idx.Length; i++) user.Add(idx[i]);
            double got = both[0].reshape(-1)[flat].to_type(ScalarType.Float64).item<double>();
            double bound = both[1].reshape(-1)[flat].to_type(ScalarType.Float64).item<double>();
            string who = $"{kind} '{variable}'{(plateNames.Length == 0 ? "" : " " + Where(plateNames))}";
            string rule = distribution is Categorical
                ? $"category indices must be below the number of categories {bound + 1:R} (the last dimension of probs/logits)"
                : $"{distribution.Name} values must be at most totalCount = {bound:R} at that position";
            throw new ArgumentException(
                $"{who} ({distribution.Name}) has the value {got:R} at index [{string.Join(", ", user)}], outside the support: {rule}.",
                variable);
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

        /// <summary>An all-ones layout shape of rank <paramref name="layoutRank"/> (a root tensor without particle dims).</summary>
        public static long[] Ones(int layoutRank)
        {
            var shape = new long[layoutRank];
            for (int i = 0; i < layoutRank; i++) shape[i] = 1;
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
