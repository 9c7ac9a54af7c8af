using Microsoft.CodeAnalysis;

namespace Alan.Generator.Check
{
    /// <summary>Every diagnostic the generator reports, with stable IDs.</summary>
    internal static class Diagnostics
    {
        private const string Category = "Alan";

        public static readonly DiagnosticDescriptor InternalError = new DiagnosticDescriptor(
            "ALAN999", "Alan generator internal error",
            "The Alan generator failed on '{0}': {1}. Please report this; no code was generated for it.",
            Category, DiagnosticSeverity.Error, isEnabledByDefault: true);

        public static DiagnosticDescriptor? Find(string id)
        {
            foreach (var d in All) if (d.Id == id) return d;
            return null;
        }

        public static readonly DiagnosticDescriptor[] All = { InternalError };
    }
}
