using System;
using System.Globalization;
using System.IO;
using static TorchSharp.torch;

namespace Alan.Samples.Common
{
    /// <summary>
    /// Reads the benchmark data format: a header line <c># shape=AxBxC dtype=...</c>, then one comma-separated
    /// row per slice of the last axis (rows = product of all but the last dimension, C order).
    /// </summary>
    public static class CsvTensor
    {
        /// <summary>Loads <paramref name="path"/> as a tensor of the header's shape, converted to <paramref name="dtype"/>.</summary>
        public static Tensor Load(string path, ScalarType dtype = ScalarType.Float32)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"Data file '{path}' does not exist.", path);
            using var reader = new StreamReader(path);
            string header = reader.ReadLine() ?? "";
            if (!header.StartsWith('#'))
                throw new FormatException($"{path}: expected a '# shape=AxB... dtype=...' header line, found '{header}'.");
            long[] shape = ParseShape(path, header);
            long count = 1;
            foreach (long d in shape) count *= d;
            long cols = shape.Length == 0 ? 1 : shape[^1];

            var values = new double[count];
            long next = 0;
            int lineNumber = 1;
            for (string? line = reader.ReadLine(); line is not null; line = reader.ReadLine())
            {
                lineNumber++;
                if (line.Length == 0) continue;
                string[] cells = line.Split(',');
                if (cells.Length != cols)
                    throw new FormatException($"{path}, line {lineNumber}: {cells.Length} values, expected {cols} (shape {Describe(shape)}).");
                if (next + cols > count)
                    throw new FormatException($"{path}, line {lineNumber}: more rows than the shape {Describe(shape)} holds.");
                foreach (string cell in cells)
                {
                    if (!double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
                        throw new FormatException($"{path}, line {lineNumber}: '{cell}' is not a number.");
                    values[next++] = value;
                }
            }
            if (next != count)
                throw new FormatException($"{path}: {next} values, expected {count} for shape {Describe(shape)}.");
            return tensor(values, shape, dtype: dtype);
        }

        private static long[] ParseShape(string path, string header)
        {
            foreach (string token in header.TrimStart('#').Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!token.StartsWith("shape=", StringComparison.Ordinal)) continue;
                string[] dims = token.Substring("shape=".Length).Split('x');
                var shape = new long[dims.Length];
                for (int i = 0; i < dims.Length; i++)
                    if (!long.TryParse(dims[i], NumberStyles.None, CultureInfo.InvariantCulture, out shape[i]))
                        throw new FormatException($"{path}: bad dimension '{dims[i]}' in the header '{header}'.");
                return shape;
            }
            throw new FormatException($"{path}: no 'shape=' in the header '{header}'.");
        }

        private static string Describe(long[] shape) => string.Join("x", shape);
    }
}
