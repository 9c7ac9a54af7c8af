using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// Writes posterior draws as a CmdStan CSV file, the format R's <c>rstan::read_stan_csv</c> and <c>posterior</c>,
    /// ArviZ's <c>from_cmdstan</c> and ShinyStan read.
    /// </summary>
    /// <remarks>
    /// <para>Comment lines (<c>#</c>) describe the run as CmdStan's fixed-parameter sampler would (draws that need no
    /// warm-up: num_warmup = 0, thin = 1), then one header line and one row per draw. The first two columns are CmdStan's
    /// <c>lp__</c> and <c>accept_stat__</c>, written as 0, as CmdStan writes them for draws that do not come from a Markov
    /// chain. Then one column per element of each latent in the order given: a scalar latent is named as it is
    /// (<c>Mu</c>); an element of a latent with plate or event dimensions is named <c>Latent.i.j</c> with 1-based indices
    /// (plate dimensions first, then event dimensions), in CmdStan's column-major order (the first index varies
    /// fastest). Values are written in invariant culture with round-trip precision; NaN and infinities as
    /// <c>nan</c>, <c>inf</c> and <c>-inf</c>.</para>
    /// <para>Checked with rstan 2.21 (<c>read_stan_csv</c>: one chain, <c>Z.1.2</c> read as <c>Z[1,2]</c>); it warns that
    /// the file has no "Elapsed Time" line, which CmdStan writes for its sampler's timing and these draws do not have.</para>
    /// </remarks>
    public static class CmdStanCsv
    {
        /// <summary>
        /// Writes the draws of <paramref name="latents"/> (each [N, plates..., event...], the same N for all) to
        /// <paramref name="path"/>, replacing the file.
        /// </summary>
        /// <param name="path">The file to write.</param>
        /// <param name="latents">Each latent's name and draws.</param>
        /// <param name="model">The model's name for the <c># model =</c> line (for example the problem's class name).</param>
        /// <exception cref="ArgumentException">No latents, a latent without a draw dimension, or latents with different N.</exception>
        public static void Write(string path, IEnumerable<(string Latent, Tensor Draws)> latents, string model = "model")
        {
            if (path is null) throw new ArgumentNullException(nameof(path));
            if (latents is null) throw new ArgumentNullException(nameof(latents));
            var list = latents.ToList();
            if (list.Count == 0) throw new ArgumentException("There are no latents to write.", nameof(latents));
            long n = -1;
            var columns = new List<string> { "lp__", "accept_stat__" };
            var values = new List<double[]>();   // per latent: [N * elements], row-major over [N, elements in column-major order]
            var widths = new List<long>();
            foreach (var (latent, draws) in list)
            {
                if (draws is null) throw new ArgumentNullException(nameof(latents), $"The draws of '{latent}' are null.");
                if (draws.dim() < 1)
                    throw new ArgumentException($"The draws of '{latent}' must be shaped [N, plates..., event...], but are a scalar.", nameof(latents));
                long count = draws.shape[0];
                if (n >= 0 && count != n)
                    throw new ArgumentException(
                        $"Every latent needs the same number of draws, but '{latent}' has {count} and '{list[0].Latent}' has {n}.", nameof(latents));
                n = count;
                var elementShape = draws.shape.Skip(1).ToArray();
                long elements = elementShape.Aggregate(1L, (a, b) => a * b);
                // column-major element order: reverse the element dims, flatten, so the first index varies fastest
                using var scope = NewDisposeScope();
                var x = draws.detach().to(CPU).to_type(ScalarType.Float64);
                if (elementShape.Length > 1)
                {
                    var order = new long[elementShape.Length + 1];
                    order[0] = 0;
                    for (int d = 0; d < elementShape.Length; d++) order[d + 1] = elementShape.Length - d;
                    x = x.permute(order);
                }
                values.Add(x.contiguous().reshape(count * elements).data<double>().ToArray());
                widths.Add(elements);
                if (elementShape.Length == 0) columns.Add(latent);
                else
                    for (long e = 0; e < elements; e++)
                        columns.Add(latent + "." + string.Join(".", ColumnMajorIndex(e, elementShape).Select(i => (i + 1).ToString(CultureInfo.InvariantCulture))));
            }

            using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
            writer.NewLine = "\n";
            writer.WriteLine("# model = " + model);
            writer.WriteLine("# method = sample (Default)");
            writer.WriteLine("#   sample");
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"#     num_samples = {n}"));
            writer.WriteLine("#     num_warmup = 0");
            writer.WriteLine("#     save_warmup = 0 (Default)");
            writer.WriteLine("#     thin = 1 (Default)");
            writer.WriteLine("#     adapt");
            writer.WriteLine("#       engaged = 0");
            writer.WriteLine("#     algorithm = fixed_param");
            writer.WriteLine("# id = 1");
            writer.WriteLine("# Written by Alan.Compiled: equally weighted posterior draws (importance draws of the MP posterior).");
            writer.WriteLine(string.Join(",", columns));
            var line = new StringBuilder();
            for (long row = 0; row < n; row++)
            {
                line.Clear().Append("0,0");
                for (int l = 0; l < values.Count; l++)
                {
                    long width = widths[l], start = row * width;
                    for (long e = 0; e < width; e++) line.Append(',').Append(Format(values[l][start + e]));
                }
                writer.WriteLine(line.ToString());
            }
        }

        private static string Format(double v) =>
            double.IsNaN(v) ? "nan"
            : double.IsPositiveInfinity(v) ? "inf"
            : double.IsNegativeInfinity(v) ? "-inf"
            : v.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>The 0-based multi-index of the <paramref name="e"/>-th element in column-major order (first index fastest).</summary>
        private static long[] ColumnMajorIndex(long e, long[] shape)
        {
            var index = new long[shape.Length];
            for (int d = 0; d < shape.Length; d++)
            {
                index[d] = e % shape[d];
                e /= shape[d];
            }
            return index;
        }
    }
}
