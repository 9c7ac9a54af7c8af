using System;
using System.Globalization;
using System.IO;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Samples.Covid
{
    /// <summary>
    /// Reads the data format of data/README.md: "# shape=AxBxC dtype=..." then one comma-separated row per slice
    /// of the last axis. (The shared sample library will replace this loader.)
    /// </summary>
    internal static class CsvTensor
    {
        public static Tensor Load(string path)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"Data file '{path}' not found (the sample copies data/*.csv next to the program).", path);
            var lines = File.ReadAllLines(path);
            var header = lines[0];
            var shapeText = header.Split(' ').FirstOrDefault(p => p.StartsWith("shape=", StringComparison.Ordinal))
                ?? throw new InvalidDataException($"'{path}': the first line must be '# shape=AxB... dtype=...', got '{header}'.");
            var shape = shapeText.Substring("shape=".Length).Split('x').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            long count = shape.Aggregate(1L, (p, s) => p * s);
            var values = new double[count];
            long i = 0;
            foreach (var line in lines.Skip(1))
            {
                if (line.Length == 0) continue;
                foreach (var cell in line.Split(','))
                {
                    if (i >= count) throw new InvalidDataException($"'{path}' holds more values than its shape {shapeText} allows.");
                    values[i++] = double.Parse(cell, CultureInfo.InvariantCulture);
                }
            }
            if (i != count) throw new InvalidDataException($"'{path}' holds {i} values, its shape {shapeText} needs {count}.");
            return torch.tensor(values, dtype: ScalarType.Float64).reshape(shape);
        }
    }
}
