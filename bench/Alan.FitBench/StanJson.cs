using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using static TorchSharp.torch;

namespace Alan.FitBench
{
    /// <summary>
    /// Writes a Stan data file in JSON: one member per data variable, a scalar or a tensor as nested arrays in row-major
    /// order (so Stan's <c>x[i, j]</c> is the tensor's element [i - 1, j - 1]). Reals use the round-trip ("R") format.
    /// </summary>
    public static class StanJson
    {
        /// <summary>A Stan <c>int</c> (or array of ints): every element must be a whole number.</summary>
        public sealed record Ints(Tensor Values);

        /// <summary>A Stan <c>real</c>, <c>vector</c> or array of reals.</summary>
        public sealed record Reals(Tensor Values);

        public static void Write(string path, IReadOnlyList<(string Name, object Value)> members)
        {
            var text = new StringBuilder("{\n");
            for (int m = 0; m < members.Count; m++)
            {
                var (name, value) = members[m];
                text.Append("  \"").Append(name).Append("\": ");
                switch (value)
                {
                    case int n: text.Append(n.ToString(CultureInfo.InvariantCulture)); break;
                    case Ints ints: AppendTensor(text, name, ints.Values, integers: true); break;
                    case Reals reals: AppendTensor(text, name, reals.Values, integers: false); break;
                    default: throw new ArgumentException($"Stan data '{name}': expected an int, Ints or Reals, got {value?.GetType().Name ?? "null"}.", nameof(members));
                }
                text.Append(m + 1 < members.Count ? ",\n" : "\n");
            }
            text.Append("}\n");
            File.WriteAllText(path, text.ToString());
        }

        private static void AppendTensor(StringBuilder text, string name, Tensor tensor, bool integers)
        {
            double[] values = tensor.detach().cpu().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
            long[] shape = tensor.shape;
            foreach (double v in values)
            {
                if (!double.IsFinite(v))
                    throw new ArgumentException($"Stan data '{name}': every value must be finite, found {v}.");
                if (integers && v != Math.Floor(v))
                    throw new ArgumentException($"Stan data '{name}' is declared int, but holds {v.ToString("R", CultureInfo.InvariantCulture)}.");
            }
            long next = 0;
            AppendLevel(text, values, shape, 0, ref next, integers);
        }

        private static void AppendLevel(StringBuilder text, double[] values, long[] shape, int dim, ref long next, bool integers)
        {
            if (dim == shape.Length)
            {
                double v = values[next++];
                text.Append(integers ? ((long)v).ToString(CultureInfo.InvariantCulture) : v.ToString("R", CultureInfo.InvariantCulture));
                return;
            }
            text.Append('[');
            for (long i = 0; i < shape[dim]; i++)
            {
                if (i > 0) text.Append(',');
                AppendLevel(text, values, shape, dim + 1, ref next, integers);
            }
            text.Append(']');
        }
    }
}
