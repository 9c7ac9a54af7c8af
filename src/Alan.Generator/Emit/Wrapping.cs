using System.Collections.Generic;
using System.Linq;

namespace Alan.Generator.Emit
{
    /// <summary>Lines of at most 160 characters: a call or array that does not fit on one line gets one item per line.</summary>
    internal static class Wrapping
    {
        /// <summary><c>head(item, item, ...)tail</c>, or head( then one item per line, then )tail.</summary>
        public static void CallLine(this CodeWriter w, string head, IEnumerable<string> items, string tail)
        {
            var list = items.ToList();
            var one = head + "(" + string.Join(", ", list) + ")" + tail;
            if (list.Count == 0 || w.Fits(one)) { w.Line(one); return; }
            w.Line(head + "(");
            for (int i = 0; i < list.Count; i++) w.Line("    " + list[i] + (i < list.Count - 1 ? "," : ")" + tail));
        }

        /// <summary><c>head { item, item, ... }tail</c>, or head, then a braced block with one item per line.</summary>
        public static void ArrayLine(this CodeWriter w, string head, IEnumerable<string> items, string tail)
        {
            var list = items.ToList();
            var one = head + " { " + string.Join(", ", list) + " }" + tail;
            if (list.Count == 0 || w.Fits(one)) { w.Line(one); return; }
            w.Line(head);
            w.Line("{");
            for (int i = 0; i < list.Count; i++) w.Line("    " + list[i] + ",");
            w.Line("}" + tail);
        }
    }
}
