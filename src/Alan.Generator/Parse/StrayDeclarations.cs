using Alan.Generator.Check;
using Alan.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Alan.Generator.Parse
{
    /// <summary>
    /// ALAN034: [Plate] classes and [Latent]/[Data] methods that no program reaches. Programs are read from their
    /// roots down through directly nested [Plate] classes, so a plate nested in a helper class, or a variable
    /// method outside a plate class (or a local function), would otherwise be dropped silently.
    /// </summary>
    internal static class StrayDeclarations
    {
        /// <summary>A diagnostic when <paramref name="type"/> is a [Plate] class nested in a non-plate class inside a program.</summary>
        public static DiagnosticInfo? ForPlate(INamedTypeSymbol type)
        {
            if (type.IsProgramRoot()) return null;
            var container = type.ContainingType;
            if (container == null || container.HasAttribute(KnownNames.Plate)) return null;
            var plate = NearestPlate(container);
            return CheckUtil.Make(Diagnostics.MisplacedDeclaration, LocationInfo.From(type),
                "[Plate] class", type.Name,
                $"is nested in '{container.Name}', which is not a [Plate] class",
                $"nest it directly in the plate class '{plate?.Name ?? container.Name}', or mark '{container.Name}' [Plate]");
        }

        /// <summary>A diagnostic when <paramref name="method"/> carries [Latent]/[Data] (<paramref name="attribute"/>) outside a plate class.</summary>
        public static DiagnosticInfo? ForVariable(IMethodSymbol method, string attribute)
        {
            var what = "[" + attribute + "] method";
            if (method.MethodKind == MethodKind.LocalFunction)
            {
                return CheckUtil.Make(Diagnostics.MisplacedDeclaration, LocationInfo.From(method), what, method.Name,
                    $"is a local function of '{method.ContainingSymbol?.Name}'",
                    "declare it as a static method of a [Plate] class");
            }
            var type = method.ContainingType;
            if (type == null || type.HasAttribute(KnownNames.Plate)) return null;
            return CheckUtil.Make(Diagnostics.MisplacedDeclaration, LocationInfo.From(method), what, method.Name,
                $"is declared in '{type.Name}', which is not a [Plate] class",
                $"move it into a [Plate] class{(NearestPlate(type) is { } p ? $" such as '{p.Name}'" : "")}, or mark '{type.Name}' [Plate]");
        }

        private static INamedTypeSymbol? NearestPlate(INamedTypeSymbol? type)
        {
            for (var t = type; t != null; t = t.ContainingType)
                if (t.HasAttribute(KnownNames.Plate)) return t;
            return null;
        }
    }
}
