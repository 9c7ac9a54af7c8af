using Microsoft.CodeAnalysis.CSharp;

namespace Alan.Generator
{
    /// <summary>
    /// How a user's name is spelled where generated C# uses it as an identifier. The model keeps names unescaped
    /// (Roslyn's <c>ISymbol.Name</c>: <c>@class</c> is "class"), which is what strings, messages and state-dict names
    /// use; wherever the name stands on its own as an identifier it must be escaped.
    /// </summary>
    internal static class Identifiers
    {
        /// <summary>
        /// The name as an identifier: keywords, and contextual keywords (which are identifiers only in some
        /// positions), get a leading '@', which C# allows before any identifier. Names used only behind a
        /// generated prefix (<c>v_class</c>) need no escaping.
        /// </summary>
        public static string Spell(string name)
        {
            if (string.IsNullOrEmpty(name) || name[0] == '@') return name;
            return SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None || SyntaxFacts.GetContextualKeywordKind(name) != SyntaxKind.None
                ? "@" + name
                : name;
        }

        /// <summary>A dotted name (a namespace), each part spelled as an identifier.</summary>
        public static string SpellDotted(string name) =>
            string.IsNullOrEmpty(name) ? name : string.Join(".", System.Array.ConvertAll(name.Split('.'), Spell));
    }
}
