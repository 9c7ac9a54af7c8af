using System.Collections.Generic;
using System.Threading;
using Alan.Generator.AutoGuide;
using Alan.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Alan.Generator.Parse
{
    /// <summary>
    /// Parses a [Problem(typeof(P), typeof(Q))] class and both programs it names; for [Problem(typeof(P))], derives Q from P
    /// (<see cref="DerivedGuide"/>).
    /// </summary>
    internal static class ProblemParser
    {
        public static ProblemModel Parse(INamedTypeSymbol problem, AttributeData attribute, Compilation compilation, CancellationToken ct)
        {
            INamedTypeSymbol? p = null, q = null;
            if (attribute.ConstructorArguments.Length is 1 or 2)
                p = attribute.ConstructorArguments[0].Value as INamedTypeSymbol;
            if (attribute.ConstructorArguments.Length == 2)
                q = attribute.ConstructorArguments[1].Value as INamedTypeSymbol;
            var ns = problem.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
            var access = problem.DeclaredAccessibility == Accessibility.Public ? "public" : "internal";
            var pModel = ProgramParser.Parse(p, compilation, ct);
            ProgramModel? qModel;
            string qDisplay;
            DerivedGuideModel? derived = null;
            var derivation = new List<DiagnosticInfo>();
            if (attribute.ConstructorArguments.Length == 1)
            {
                int mode = 0;
                foreach (var kv in attribute.NamedArguments)
                    if (kv.Key == "AutoGuide" && kv.Value.Value is int m) mode = m;
                qDisplay = problem.ToDisplayString() + "." + DerivedGuide.ClassName;
                (derived, qModel) = pModel != null && p != null
                    ? DerivedGuide.Derive(problem, p, pModel, mode, compilation, derivation, ct)
                    : (null, null);
                if (derived != null)
                    derivation.Add(new DiagnosticInfo(Check.Diagnostics.DerivedGuide.Id, LocationInfo.From(problem),
                        new[] { problem.Name, p!.Name, GuideWriter.ModeName(mode) }.ToEquatableArray())
                        .WithProperties(DiagnosticPropertyNames.GuideName, derived.StandaloneName, DiagnosticPropertyNames.GuideClass, derived.StandaloneClass));
            }
            else
            {
                qModel = ProgramParser.Parse(q, compilation, ct);
                qDisplay = q?.ToDisplayString() ?? "?";
            }
            return new ProblemModel(
                ns,
                problem.Name,
                access,
                problem.IsPartial(ct),
                problem.ContainingType != null,
                p?.ToDisplayString() ?? "?",
                qDisplay,
                pModel,
                qModel,
                LocationInfo.From(problem),
                problem.IsStatic,
                problem.IsGenericType,
                problem.IsRecord,
                problem.BaseType is { SpecialType: not SpecialType.System_Object } b && b.TypeKind != TypeKind.Error ? b.ToDisplayString() : "",
                derived,
                derivation.ToEquatableArray());
        }
    }
}
