using Microsoft.CodeAnalysis;

namespace Alan.Generator.Parse
{
    internal static class SymbolExtensions
    {
        public static AttributeData? FindAttribute(this ISymbol symbol, string metadataName)
        {
            foreach (var a in symbol.GetAttributes())
                if (a.AttributeClass?.ToDisplayString() == metadataName) return a;
            return null;
        }

        public static bool HasAttribute(this ISymbol symbol, string metadataName) => symbol.FindAttribute(metadataName) != null;

        public static string FullName(this ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

        /// <summary>A [Plate] class not nested in another [Plate] class.</summary>
        public static bool IsProgramRoot(this INamedTypeSymbol type)
        {
            if (!type.HasAttribute(KnownNames.Plate)) return false;
            for (var c = type.ContainingType; c != null; c = c.ContainingType)
                if (c.HasAttribute(KnownNames.Plate)) return false;
            return true;
        }

        public static bool IsPartial(this INamedTypeSymbol type, System.Threading.CancellationToken ct)
        {
            foreach (var r in type.DeclaringSyntaxReferences)
                if (r.GetSyntax(ct) is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax d)
                    foreach (var m in d.Modifiers)
                        if (m.Text == "partial") return true;
            return false;
        }

        public static bool IsReachable(this INamedTypeSymbol type)
        {
            for (INamedTypeSymbol? t = type; t != null; t = t.ContainingType)
            {
                var a = t.DeclaredAccessibility;
                if (a == Accessibility.Private || a == Accessibility.Protected || a == Accessibility.ProtectedAndInternal)
                    return false;
            }
            return true;
        }
    }
}
