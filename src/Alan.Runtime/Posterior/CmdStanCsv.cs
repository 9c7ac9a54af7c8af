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
    /// Writes posterior draws as a CmdStan CSV file, the format R's <c>rstan::read_stan_csv</c> (and through it
    /// <c>posterior</c>, <c>bayesplot</c> and ShinyStan) and ArviZ's <c>from_cmdstan</c> read, and reads such a file back.
    /// </summary>
    /// <remarks>
    /// <para>Comment lines (<c>#</c>) describe the run as CmdStan's fixed-parameter sampler would (draws that need no
    /// warm-up: num_warmup = 0, thin = 1), then say where the draws came from (<see cref="DrawsOrigin"/>: with the Pareto
    /// k-hat and the log evidence as <c>pareto_k = ...</c> and <c>log_evidence = ...</c> lines when known). Then one
    /// header line and one row per draw. The draws are equally weighted: <c>ImportanceSample(N)</c> draws them from the
    /// MP posterior, and <c>Fit</c> resamples its pooled samples, so a reader treats every row as one posterior draw.</para>
    /// <para>The first two columns are CmdStan's <c>lp__</c> and <c>accept_stat__</c>, written as 0, as CmdStan's
    /// fixed-parameter sampler writes them: the draws carry no log density. Then one column per element of each latent in
    /// the order given: a scalar latent is named as it is (<c>Mu</c>); an element of a latent with plate or event
    /// dimensions is named <c>Latent.i.j</c> with 1-based indices (plate dimensions first, then event dimensions), in
    /// CmdStan's column-major order (the first index varies fastest). Values are written in invariant culture with
    /// round-trip precision (float32 draws are widened to float64 exactly); NaN and infinities as <c>nan</c>,
    /// <c>inf</c> and <c>-inf</c>.</para>
    /// <para>Checked with rstan 2.21 (<c>read_stan_csv</c>: one chain, <c>Z.1.2</c> read as <c>Z[1,2]</c>); it warns that
    /// the file has no "Elapsed Time" line, which CmdStan writes for its sampler's timing and these draws do not have.</para>
    /// </remarks>
    public static class CmdStanCsv
    {
        /// <summary>The sampler columns CmdStan's fixed-parameter sampler writes before the parameters.</summary>
        private static readonly string[] SamplerColumns = { "lp__", "accept_stat__" };

        /// <summary>
        /// Writes the draws of <paramref name="latents"/> (each [N, plates..., event...], the same N for all) to
        /// <paramref name="path"/>, replacing the file. Nothing is written when an argument is refused.
        /// </summary>
        /// <param name="path">The file to write; its folder must exist.</param>
        /// <param name="latents">Each latent's name and draws.</param>
        /// <param name="model">The model's name for the <c># model =</c> line (for example the problem's class name).</param>
        /// <param name="origin">Where the draws came from, for the comment lines; null says only that Alan.Compiled wrote them.</param>
        /// <exception cref="ArgumentNullException"><paramref name="path"/>, <paramref name="latents"/> or a latent's draws are null.</exception>
        /// <exception cref="ArgumentException">An empty path or a folder's path; no latents, a latent without a draw
        /// dimension, no draws, latents with different N, or a latent name that is empty, repeated, a sampler column or
        /// holds a character the format cannot carry.</exception>
        /// <exception cref="DirectoryNotFoundException">The folder of <paramref name="path"/> does not exist.</exception>
        /// <exception cref="UnauthorizedAccessException"><paramref name="path"/> cannot be written.</exception>
        public static void Write(string path, IEnumerable<(string Latent, Tensor Draws)> latents, string model = "model", DrawsOrigin? origin = null)
        {
            CheckPath(path, nameof(path));
            if (latents is null) throw new ArgumentNullException(nameof(latents));
            if (model is null) throw new ArgumentNullException(nameof(model));
            if (model.Contains('\n') || model.Contains('\r'))
                throw new ArgumentException($"The model name must be one line, but is \"{model}\".", nameof(model));
            origin?.Validate(nameof(origin));
            var list = latents.ToList();
            if (list.Count == 0) throw new ArgumentException("There are no latents to write.", nameof(latents));
            long n = -1;
            var columns = new List<string>(SamplerColumns);
            var names = new HashSet<string>(SamplerColumns, StringComparer.Ordinal);
            var values = new List<double[]>();   // per latent: [N * elements], row-major over [N, elements in column-major order]
            var widths = new List<long>();
            foreach (var (latent, draws) in list)
            {
                CheckLatentName(latent, names);
                if (draws is null) throw new ArgumentNullException(nameof(latents), $"The draws of '{latent}' are null.");
                if (draws.dim() < 1)
                    throw new ArgumentException($"The draws of '{latent}' must be shaped [N, plates..., event...], but are a scalar.", nameof(latents));
                long count = draws.shape[0];
                if (n >= 0 && count != n)
                    throw new ArgumentException(
                        $"Every latent needs the same number of draws, but '{latent}' has {count} and '{list[0].Latent}' has {n}.", nameof(latents));
                if (count == 0)
                    throw new ArgumentException($"The draws of '{latent}' are shaped [{string.Join(", ", draws.shape)}]: there is no draw to write.", nameof(latents));
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

            using var writer = new StreamWriter(OpenForWriting(path), new UTF8Encoding(false));
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
            writer.WriteLine(origin is null
                ? "# Written by Alan.Compiled: equally weighted posterior draws."
                : "# Written by Alan.Compiled: equally weighted posterior draws from " + origin.Description + ".");
            writer.WriteLine("# lp__ and accept_stat__ are 0, as CmdStan's fixed-parameter sampler writes them: the draws carry no log density.");
            if (origin?.ParetoK is double k) writer.WriteLine("# pareto_k = " + Format(k));
            if (origin?.LogEvidence is double logEvidence) writer.WriteLine("# log_evidence = " + Format(logEvidence));
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

        /// <summary>
        /// Reads a CmdStan CSV file: comment lines (<c>#</c>, anywhere in the file, as CmdStan writes its adaptation and
        /// timing notes), the header line of column names, then one row of numbers per draw. Reads what
        /// <see cref="Write"/> writes, bit for bit, and what CmdStan writes.
        /// </summary>
        /// <param name="path">The file to read.</param>
        /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
        /// <exception cref="ArgumentException"><paramref name="path"/> is empty or names a folder.</exception>
        /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
        /// <exception cref="FormatException">The file has no header line, a row with the wrong number of values, or a
        /// value that is not a number (the message gives the line number).</exception>
        public static CmdStanCsvFile Read(string path)
        {
            CheckPath(path, nameof(path));
            if (!File.Exists(path)) throw new FileNotFoundException($"CmdStanCsv.Read: there is no file at path '{path}'.", path);
            var comments = new List<string>();
            string[]? columns = null;
            var rows = new List<double[]>();
            int lineNumber = 0;
            foreach (string raw in File.ReadLines(path))
            {
                lineNumber++;
                string line = raw.TrimEnd('\r');
                if (line.StartsWith('#')) { comments.Add(line.Substring(1)); continue; }
                if (line.Trim().Length == 0) continue;
                var fields = line.Split(',');
                if (columns is null) { columns = fields.Select(f => f.Trim()).ToArray(); continue; }
                if (fields.Length != columns.Length)
                    throw new FormatException($"CmdStanCsv.Read: line {lineNumber} of '{path}' has {fields.Length} values, but the header has {columns.Length} columns.");
                var row = new double[fields.Length];
                for (int c = 0; c < fields.Length; c++)
                    if (!TryParse(fields[c], out row[c]))
                        throw new FormatException($"CmdStanCsv.Read: line {lineNumber} of '{path}', column '{columns[c]}': \"{fields[c]}\" is not a number.");
                rows.Add(row);
            }
            if (columns is null) throw new FormatException($"CmdStanCsv.Read: '{path}' has no header line (only comments or nothing).");
            var draws = new double[rows.Count, columns.Length];
            for (int r = 0; r < rows.Count; r++)
                for (int c = 0; c < columns.Length; c++) draws[r, c] = rows[r][c];
            return new CmdStanCsvFile(comments, columns, draws);
        }

        private static void CheckPath(string path, string argument)
        {
            if (path is null) throw new ArgumentNullException(argument);
            if (path.Trim().Length == 0) throw new ArgumentException($"The path must name a file, but is \"{path}\".", argument);
            if (Directory.Exists(path)) throw new ArgumentException($"The path must name a file, but '{path}' is a folder.", argument);
        }

        /// <summary>Opens <paramref name="path"/> for writing, saying which path failed and why.</summary>
        private static FileStream OpenForWriting(string path)
        {
            try
            {
                return new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read);
            }
            catch (DirectoryNotFoundException e)
            {
                throw new DirectoryNotFoundException(
                    $"CmdStanCsv.Write: the folder of path '{path}' does not exist ({Path.GetDirectoryName(Path.GetFullPath(path))}); create it first.", e);
            }
            catch (UnauthorizedAccessException e)
            {
                throw new UnauthorizedAccessException($"CmdStanCsv.Write: path '{path}' cannot be written: {e.Message}", e);
            }
        }

        /// <summary>A latent name becomes a column name: not empty, unique, not a sampler column, and without the
        /// characters that separate columns, rows or indices.</summary>
        private static void CheckLatentName(string latent, HashSet<string> names)
        {
            if (string.IsNullOrWhiteSpace(latent)) throw new ArgumentException($"A latent's name must not be empty, but is \"{latent}\".", "latents");
            if (latent.IndexOfAny(new[] { ',', '.', '#', '"', '\n', '\r', ' ' }) >= 0)
                throw new ArgumentException($"The latent name \"{latent}\" holds a character a CmdStan column name cannot carry (',', '.', '#', '\"', a space or a line break).", "latents");
            if (SamplerColumns.Contains(latent))
                throw new ArgumentException($"The latent name '{latent}' is one of CmdStan's sampler columns ({string.Join(", ", SamplerColumns)}).", "latents");
            if (!names.Add(latent)) throw new ArgumentException($"The latent name '{latent}' is given twice.", "latents");
        }

        private static string Format(double v) =>
            double.IsNaN(v) ? "nan"
            : double.IsPositiveInfinity(v) ? "inf"
            : double.IsNegativeInfinity(v) ? "-inf"
            : v.ToString("R", CultureInfo.InvariantCulture);

        /// <summary>Parses a value as CmdStan and R write it: a decimal or exponent number, <c>nan</c>, <c>inf</c>, <c>-inf</c> (any case).</summary>
        private static bool TryParse(string field, out double value)
        {
            string s = field.Trim();
            switch (s.ToLowerInvariant())
            {
                case "nan": case "-nan": case "na": value = double.NaN; return true;
                case "inf": case "+inf": case "infinity": value = double.PositiveInfinity; return true;
                case "-inf": case "-infinity": value = double.NegativeInfinity; return true;
            }
            return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
        }

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
