using System.Collections.Generic;
using System.Text;

namespace Alan.Generator.Emit
{
    /// <summary>
    /// Keeps generated lines within <see cref="MaxLength"/> characters: a long statement is broken after the
    /// opening parenthesis of its outermost argument list, one argument per line (recursively); a long comment
    /// is broken between words; a long string literal is split into concatenated parts. Strings and character
    /// literals are never broken inside an escape.
    /// </summary>
    internal static class LineWrapper
    {
        public const int MaxLength = 160;

        /// <summary>The physical lines for one logical line at <paramref name="indent"/> levels of four spaces.</summary>
        public static IEnumerable<(int Indent, string Text)> Wrap(int indent, string text)
        {
            if (indent * 4 + text.Length <= MaxLength) return new[] { (indent, text) };
            var trimmed = text.TrimStart();
            if (trimmed.StartsWith("//")) return WrapComment(indent, text);
            var lines = SplitArguments(text);
            if (lines == null) lines = SplitConditions(text);
            if (lines == null) lines = SplitAssignment(text);
            if (lines == null) lines = SplitString(text);
            if (lines == null) return new[] { (indent, text) };
            var result = new List<(int, string)>();
            foreach (var (extra, line) in lines)
                result.AddRange(Wrap(indent + extra, line));
            return result;
        }

        private static IEnumerable<(int, string)> WrapComment(int indent, string text)
        {
            string prefix = text.StartsWith("///") ? "/// " : "// ";
            var words = text.Substring(prefix.Length).Split(' ');
            var lines = new List<(int, string)>();
            var current = new StringBuilder(prefix);
            foreach (var word in words)
            {
                if (current.Length > prefix.Length && indent * 4 + current.Length + 1 + word.Length > MaxLength)
                {
                    lines.Add((indent, current.ToString().TrimEnd()));
                    current.Clear().Append(prefix);
                }
                if (current.Length > prefix.Length) current.Append(' ');
                current.Append(word);
            }
            lines.Add((indent, current.ToString().TrimEnd()));
            return lines;
        }

        /// <summary>Breaks the first parenthesised list (outermost first) that holds a top-level comma.</summary>
        private static List<(int, string)>? SplitArguments(string text)
        {
            var open = new Stack<int>();
            var groups = new List<(int Open, int Close, List<int> Commas, int Depth)>();
            var commas = new Dictionary<int, List<int>>();
            var blocks = new HashSet<int>();
            bool inString = false, inChar = false;
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (inString) { if (c == '\\') i++; else if (c == '"') inString = false; continue; }
                if (inChar) { if (c == '\\') i++; else if (c == '\'') inChar = false; continue; }
                switch (c)
                {
                    case '"': inString = true; break;
                    case '\'': inChar = true; break;
                    case '(': case '[': case '{': open.Push(i); commas[i] = new List<int>(); break;
                    case ')': case ']': case '}':
                        if (open.Count == 0) continue; // closes a list opened on an earlier line
                        int o = open.Pop();
                        // Argument lists and initializers ({ a, b }); not blocks, whose statements end in ';'.
                        if (text[o] == '(' || text[o] == '{' && !blocks.Contains(o)) groups.Add((o, i, commas[o], open.Count));
                        break;
                    case ',':
                        if (open.Count > 0 && text[open.Peek()] != '[') commas[open.Peek()].Add(i);
                        break;
                    case ';':
                        if (open.Count > 0 && text[open.Peek()] == '{') blocks.Add(open.Peek());
                        break;
                }
            }
            (int Open, int Close, List<int> Commas, int Depth)? best = null;
            foreach (var g in groups)
                if (g.Commas.Count > 0 && (best == null || g.Depth < best.Value.Depth || g.Depth == best.Value.Depth && g.Open < best.Value.Open))
                    best = g;
            if (best == null) return null;
            var (start, end, cs, _) = best.Value;
            var lines = new List<(int, string)> { (0, text.Substring(0, start + 1).TrimEnd()) };
            int from = start + 1;
            foreach (var comma in cs)
            {
                lines.Add((1, text.Substring(from, comma - from + 1).Trim()));
                from = comma + 1;
            }
            bool brace = text[start] == '{';
            lines.Add((1, text.Substring(from, end - from).Trim() + (brace ? " " : "") + text.Substring(end)));
            return lines;
        }

        /// <summary>Breaks a long condition before each top-level " &amp;&amp; " or " || " of its first parenthesis.</summary>
        private static List<(int, string)>? SplitConditions(string text)
        {
            int depth = 0, start = -1;
            bool inString = false;
            var cuts = new List<int>();
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (inString) { if (c == '\\') i++; else if (c == '"') inString = false; continue; }
                if (c == '"') { inString = true; continue; }
                if (c == '(') { if (depth == 0 && start < 0) start = i; depth++; }
                else if (c == ')') { depth--; if (depth == 0 && start >= 0) break; }
                else if (depth == 1 && start >= 0 && i + 4 <= text.Length && (string.CompareOrdinal(text, i, " && ", 0, 4) == 0 || string.CompareOrdinal(text, i, " || ", 0, 4) == 0))
                    cuts.Add(i);
            }
            if (cuts.Count == 0) return null;
            var lines = new List<(int, string)>();
            int from = 0;
            foreach (var cut in cuts)
            {
                lines.Add((lines.Count == 0 ? 0 : 1, text.Substring(from, cut - from).Trim()));
                from = cut + 1;
            }
            lines.Add((1, text.Substring(from).Trim()));
            return lines;
        }

        /// <summary>Breaks "target = value" after the first " = " outside strings and brackets.</summary>
        private static List<(int, string)>? SplitAssignment(string text)
        {
            int depth = 0;
            bool inString = false;
            for (int i = 0; i + 3 <= text.Length; i++)
            {
                char c = text[i];
                if (inString) { if (c == '\\') i++; else if (c == '"') inString = false; continue; }
                if (c == '"') inString = true;
                else if (c == '(' || c == '[' || c == '{') depth++;
                else if (c == ')' || c == ']' || c == '}') depth--;
                else if (depth == 0 && string.CompareOrdinal(text, i, " = ", 0, 3) == 0 && i + 3 < text.Length)
                    return new List<(int, string)> { (0, text.Substring(0, i + 2)), (1, text.Substring(i + 3)) };
            }
            return null;
        }

        /// <summary>Splits the longest string literal at a space into "first part " + "rest" on two lines.</summary>
        private static List<(int, string)>? SplitString(string text)
        {
            int bestStart = -1, bestEnd = -1;
            for (int i = 0; i < text.Length; i++)
            {
                if (text[i] == '\'') { i++; if (i < text.Length && text[i] == '\\') i++; i++; continue; }
                if (text[i] != '"') continue;
                int j = i + 1;
                while (j < text.Length && text[j] != '"') { if (text[j] == '\\') j++; j++; }
                if (j - i > bestEnd - bestStart) { bestStart = i; bestEnd = j; }
                i = j;
            }
            if (bestStart < 0 || bestEnd - bestStart < 40) return null;
            int mid = bestStart + (bestEnd - bestStart) / 2;
            int cut = text.LastIndexOf(' ', mid, mid - bestStart);
            if (cut <= bestStart + 1) return null;
            if (text[cut - 1] == '\\') return null;
            return new List<(int, string)>
            {
                (0, text.Substring(0, cut + 1) + "\" +"),
                (1, "\"" + text.Substring(cut + 1)),
            };
        }
    }
}
