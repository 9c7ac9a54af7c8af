using System;
using System.Collections.Generic;

namespace Alan
{
    /// <summary>
    /// The content of a CmdStan CSV file as <see cref="CmdStanCsv.Read"/> found it: the comment lines, the column names
    /// of the header line and one row of values per draw.
    /// </summary>
    public sealed class CmdStanCsvFile
    {
        private readonly Dictionary<string, int> _columnIndex;

        internal CmdStanCsvFile(IReadOnlyList<string> comments, IReadOnlyList<string> columns, double[,] draws)
        {
            Comments = comments;
            Columns = columns;
            Draws = draws;
            _columnIndex = new Dictionary<string, int>(StringComparer.Ordinal);
            for (int c = 0; c < columns.Count; c++) _columnIndex[columns[c]] = c;
        }

        /// <summary>Every comment line, without its leading '#', in file order.</summary>
        public IReadOnlyList<string> Comments { get; }

        /// <summary>The column names of the header line, for example <c>lp__</c>, <c>Mu</c>, <c>Theta.1.2</c>.</summary>
        public IReadOnlyList<string> Columns { get; }

        /// <summary>The values, [draws, columns] (NaN and infinities as written: <c>nan</c>, <c>inf</c>, <c>-inf</c>).</summary>
        public double[,] Draws { get; }

        /// <summary>The number of draws (rows).</summary>
        public int DrawCount => Draws.GetLength(0);

        /// <summary>The values of column <paramref name="name"/>, one per draw.</summary>
        /// <exception cref="ArgumentException">The file has no such column.</exception>
        public double[] Column(string name)
        {
            if (name is null) throw new ArgumentNullException(nameof(name));
            if (!_columnIndex.TryGetValue(name, out int c))
                throw new ArgumentException($"The file has no column '{name}'; its columns are {Preview(Columns)}.", nameof(name));
            var values = new double[DrawCount];
            for (int row = 0; row < values.Length; row++) values[row] = Draws[row, c];
            return values;
        }

        /// <summary>The first ten names and how many more there are.</summary>
        private static string Preview(IReadOnlyList<string> names) =>
            names.Count <= 10 ? string.Join(", ", names) : string.Join(", ", System.Linq.Enumerable.Take(names, 10)) + $" and {names.Count - 10} more";
    }
}
