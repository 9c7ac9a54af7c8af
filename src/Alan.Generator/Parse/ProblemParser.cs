using System.Threading;
using Alan.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Alan.Generator.Parse
{
    /// <summary>Parses a [Problem(typeof(P), typeof(Q))] class and both programs it names.</summary>
    internal static class ProblemParser
    {
        public static ProblemModel Parse(INamedTypeSymbol problem, AttributeData attribute, Compilation compilation, CancellationToken ct)
        {
            INamedTypeSymbol? p = null, q = null;
            if (attribute.ConstructorArguments.Length == 2)
            {
                p = attribute.ConstructorArguments[0].Value as INamedTypeSymbol;
                q = attribute.ConstructorArguments[1].Value as INamedTypeSymbol;
            }
            var ns = problem.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
            var access = problem.DeclaredAccessibility == Accessibility.Public ? "public" : "internal";
            return new ProblemModel(
                ns,
                problem.Name,
                access,
                problem.IsPartial(ct),
                problem.ContainingType != null,
                p?.ToDisplayString() ?? "?",
                q?.ToDisplayString() ?? "?",
                ProgramParser.Parse(p, compilation, ct),
                ProgramParser.Parse(q, compilation, ct),
                LocationInfo.From(problem),
                problem.IsStatic,
                problem.IsGenericType,
                problem.IsRecord,
                problem.BaseType is { SpecialType: not SpecialType.System_Object } b && b.TypeKind != TypeKind.Error ? b.ToDisplayString() : "");
        }
    }
}
