using System.Collections.Generic;
using System.Linq;
using Alan.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Alan.Generator.Parse
{
    /// <summary>
    /// Reads a distribution type's [Distribution] metadata (support, reparameterisation, event rank, impropriety, whether
    /// its components decide them) and its [QemFamily].
    /// </summary>
    internal static class DistributionReader
    {
        /// <param name="type">The variable method's return type.</param>
        /// <param name="qem">The variable has [QemParam] arguments: without a QEM family, list the distributions that have one.</param>
        public static DistributionInfo? Read(ITypeSymbol type, bool qem = false)
        {
            if (type is not INamedTypeSymbol named || named.TypeKind == TypeKind.Error) return null;
            // [Distribution] marks Alan's families and user-defined ones; generated code samples and scores through Alan.Distribution.
            var root = DistributionBase(named);
            if (root == null) return null;
            var a = named.FindAttribute(KnownNames.Distribution);
            if (a == null || a.ConstructorArguments.Length != 1) return null;
            int support = a.ConstructorArguments[0].Value is int s ? s : 0;
            bool reparam = false, improper = false, fromComponents = false;
            int eventRank = 0;
            foreach (var kv in a.NamedArguments)
            {
                if (kv.Key == "Reparameterised" && kv.Value.Value is bool b) reparam = b;
                else if (kv.Key == "EventRank" && kv.Value.Value is int r) eventRank = r;
                else if (kv.Key == "Improper" && kv.Value.Value is bool i) improper = i;
                else if (kv.Key == "FromComponents" && kv.Value.Value is bool c) fromComponents = c;
            }
            // QEM's updates are the runtime's own family mathematics: a [QemFamily] counts only on the runtime's types.
            var family = SymbolEqualityComparer.Default.Equals(named.ContainingAssembly, root.ContainingAssembly) ? ReadQemFamily(named) : null;
            var supported = family == null && qem ? QemSupported(named) : EquatableArray<string>.Empty;
            return new DistributionInfo(named.FullName(), named.Name, support, reparam, eventRank, family, supported, improper, fromComponents);
        }

        /// <summary>Why <paramref name="type"/> is not an Alan distribution (for ALAN003's fix); call it when <see cref="Read"/> gave null.</summary>
        public static DistributionDefect Defect(ITypeSymbol type)
        {
            if (type is not INamedTypeSymbol named || named.TypeKind == TypeKind.Error) return DistributionDefect.NotADistribution;
            bool derived = DistributionBase(named) != null;
            bool marked = named.FindAttribute(KnownNames.Distribution) != null;
            if (derived && !marked) return DistributionDefect.MissingAttribute;
            if (marked && !derived) return DistributionDefect.NotDerived;
            return derived ? DistributionDefect.None : DistributionDefect.NotADistribution;
        }

        /// <summary>[QemFamily(QemFamily.X, "p1", ...)]: the enum member's name and the parameter names; null without one.</summary>
        private static QemFamilyInfo? ReadQemFamily(INamedTypeSymbol type)
        {
            var a = type.FindAttribute(KnownNames.QemFamily);
            if (a == null || a.ConstructorArguments.Length != 2) return null;
            var family = a.ConstructorArguments[0];
            var member = family.Type?.GetMembers().OfType<IFieldSymbol>()
                .FirstOrDefault(f => f.HasConstantValue && Equals(f.ConstantValue, family.Value));
            var names = a.ConstructorArguments[1];
            if (member == null || names.Kind != TypedConstantKind.Array) return null;
            var parameters = names.Values.Select(v => v.Value as string).ToList();
            if (parameters.Count == 0 || parameters.Any(p => string.IsNullOrEmpty(p))) return null;
            return new QemFamilyInfo(member.Name, parameters.Select(p => p!).ToEquatableArray());
        }

        /// <summary>The distribution types next to Alan.Distribution that declare a QEM family, in family order.</summary>
        internal static EquatableArray<string> QemSupported(INamedTypeSymbol type)
        {
            INamedTypeSymbol? root = type;
            while (root != null && root.ToDisplayString() != KnownNames.DistributionBase) root = root.BaseType;
            if (root == null) return EquatableArray<string>.Empty;
            var found = new List<(int Order, string Name)>();
            foreach (var t in root.ContainingNamespace.GetTypeMembers())
            {
                var a = t.FindAttribute(KnownNames.QemFamily);
                if (a == null || a.ConstructorArguments.Length != 2 || !DerivesFrom(t, KnownNames.DistributionBase)) continue;
                found.Add((a.ConstructorArguments[0].Value is int order ? order : int.MaxValue, t.Name));
            }
            return found.OrderBy(f => f.Order).ThenBy(f => f.Name, System.StringComparer.Ordinal).Select(f => f.Name).ToEquatableArray();
        }

        /// <summary>Alan.Distribution among the base types of <paramref name="type"/> (not the type itself), or null.</summary>
        private static INamedTypeSymbol? DistributionBase(INamedTypeSymbol type)
        {
            for (var t = type.BaseType; t != null; t = t.BaseType)
                if (t.ToDisplayString() == KnownNames.DistributionBase) return t;
            return null;
        }

        internal static bool DerivesFrom(INamedTypeSymbol type, string baseName)
        {
            for (var t = type.BaseType; t != null; t = t.BaseType)
                if (t.ToDisplayString() == baseName) return true;
            return false;
        }
    }
}
