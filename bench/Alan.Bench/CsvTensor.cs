using System;
using System.Globalization;
using System.IO;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Bench
{
    /// <summary>
    /// Reads the benchmark CSV format: a header line <c># shape=AxBxC dtype=...</c>, then one
    /// comma-separated row per slice of the last axis (C order).
    /// </summary>
    public static class CsvTensor
    {
        public static Tensor Load(string path, ScalarType dtype = ScalarType.Float32)
        {
            string[] lines = File.ReadAllLines(path);
            if (lines.Length == 0 || !lines[0].StartsWith('#'))
                throw new FormatException($"{path}: expected a '# shape=...' header line.");
            long[] shape = ParseShape(path, lines[0]);

            long count = 1;
            foreach (long d in shape) count *= d;
            long cols = shape[^1];
            var values = new double[count];
            long next = 0;
            for (int i = 1; i < lines.Length; i++)
            {
                string line = lines[i].Trim();
                if (line.Length == 0) continue;
                string[] cells = line.Split(',');
                if (cells.Length != cols)
                    throw new FormatException($"{path}, line {i + 1}: {cells.Length} values, expected {cols}.");
                if (next + cols > count)
                    throw new FormatException($"{path}: more rows than the shape {string.Join("x", shape)} allows.");
                foreach (string cell in cells) values[next++] = double.Parse(cell, NumberStyles.Float, CultureInfo.InvariantCulture);
            }
            if (next != count)
                throw new FormatException($"{path}: {next} values, expected {count} for shape {string.Join("x", shape)}.");
            return torch.tensor(values, shape, dtype: dtype);
        }

        private static long[] ParseShape(string path, string header)
        {
            foreach (string token in header.TrimStart('#').Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (!token.StartsWith("shape=", StringComparison.Ordinal)) continue;
                string[] dims = token.Substring("shape=".Length).Split('x');
                var shape = new long[dims.Length];
                for (int i = 0; i < dims.Length; i++) shape[i] = long.Parse(dims[i], CultureInfo.InvariantCulture);
                return shape;
            }
            throw new FormatException($"{path}: no 'shape=' in the header '{header}'.");
        }
    }
}
