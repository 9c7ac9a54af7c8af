using System.Text;

namespace Alan.Generator.Emit
{
    /// <summary>A small indented source writer.</summary>
    internal sealed class CodeWriter
    {
        private readonly StringBuilder _sb = new StringBuilder();
        private int _indent;

        /// <summary>Writes one logical line, wrapped to <see cref="LineWrapper.MaxLength"/> characters.</summary>
        public CodeWriter Line(string text = "")
        {
            if (text.Length == 0) { _sb.Append('\n'); return this; }
            foreach (var (indent, line) in LineWrapper.Wrap(_indent, text))
                _sb.Append(' ', indent * 4).Append(line).Append('\n');
            return this;
        }

        /// <summary>True when <paramref name="text"/> fits in a line of at most 160 characters at the current indent.</summary>
        public bool Fits(string text) => _indent * 4 + text.Length <= 160;

        public CodeWriter Open(string header)
        {
            Line(header);
            Line("{");
            _indent++;
            return this;
        }

        public CodeWriter Close(string suffix = "")
        {
            _indent--;
            Line("}" + suffix);
            return this;
        }

        public override string ToString() => _sb.ToString();
    }
}
