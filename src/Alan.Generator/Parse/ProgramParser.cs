using System.Collections.Generic;
using System.Threading;
using Alan.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Alan.Generator.Parse
{
    /// <summary>Parses a program root ([Plate] class not nested in a plate) into a <see cref="ProgramModel"/>.</summary>
    internal static class ProgramParser
    {
        /// <param name="compilation">Gives the semantic model of a method's syntax (<see cref="AffineNormalReader"/>).</param>
        public static ProgramModel? Parse(INamedTypeSymbol? root, Compilation compilation, CancellationToken ct)
        {
            if (root == null || !root.IsProgramRoot()) return null;
            var containing = new List<string>();
            var containerNames = new List<string>();
            var nonPartial = new List<NamedLocation>();
            var generic = new List<NamedLocation>();
            for (var c = root.ContainingType; c != null; c = c.ContainingType)
            {
                containerNames.Insert(0, c.Name);
                containing.Insert(0, (c.TypeKind == TypeKind.Struct ? (c.IsRecord ? "record struct " : "struct ") : (c.IsRecord ? "record " : "class ")) + Identifiers.Spell(c.Name));
                if (!c.IsPartial(ct)) nonPartial.Insert(0, new NamedLocation(c.Name, LocationInfo.From(c)));
                if (c.Arity > 0) generic.Insert(0, new NamedLocation(c.ToDisplayString(), LocationInfo.From(c)));
            }
            var ns = root.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
            return new ProgramModel(ns, containing.ToEquatableArray(), PlateParser.Parse(root, true, compilation, ct), nonPartial.ToEquatableArray(), generic.ToEquatableArray(), containerNames.ToEquatableArray());
        }
    }
}
