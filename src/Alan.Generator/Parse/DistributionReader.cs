using Alan.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Alan.Generator.Parse
{
    /// <summary>Reads a distribution type's [Distribution] metadata (support, reparameterisation, event rank).</summary>
    internal static class DistributionReader
    {
        public static DistributionInfo? Read(ITypeSymbol type)
        {
            if (type is not INamedTypeSymbol named || named.TypeKind == TypeKind.Error) return null;
            // [Distribution] marks Alan's families; generated code samples and scores through Alan.Distribution.
            if (!DerivesFrom(named, KnownNames.DistributionBase)) return null;
            var a = named.FindAttribute(KnownNames.Distribution);
            if (a == null || a.ConstructorArguments.Length != 1) return null;
            int support = a.ConstructorArguments[0].Value is int s ? s : 0;
            bool reparam = false;
            int eventRank = 0;
            foreach (var kv in a.NamedArguments)
            {
                if (kv.Key == "Reparameterised" && kv.Value.Value is bool b) reparam = b;
                else if (kv.Key == "EventRank" && kv.Value.Value is int r) eventRank = r;
            }
            return new DistributionInfo(named.FullName(), named.Name, support, reparam, eventRank);
        }

        private static bool DerivesFrom(INamedTypeSymbol type, string baseName)
        {
            for (var t = type.BaseType; t != null; t = t.BaseType)
                if (t.ToDisplayString() == baseName) return true;
            return false;
        }
    }
}
