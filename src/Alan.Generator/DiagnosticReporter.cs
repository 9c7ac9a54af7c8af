using System.Collections.Immutable;
using Alan.Generator.Check;
using Alan.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Alan.Generator
{
    internal static class DiagnosticReporter
    {
        public static void Report(SourceProductionContext spc, EquatableArray<DiagnosticInfo> diagnostics)
        {
            foreach (var d in diagnostics)
            {
                var descriptor = Diagnostics.Find(d.Id) ?? Diagnostics.InternalError;
                var severity = d.Informational ? DiagnosticSeverity.Info : descriptor.DefaultSeverity;
                spc.ReportDiagnostic(Diagnostic.Create(descriptor, d.Location.ToLocation(), severity, additionalLocations: null, Properties(d),
                    System.Linq.Enumerable.ToArray<object>(d.Arguments.Items)));
            }
        }

        private static ImmutableDictionary<string, string?>? Properties(DiagnosticInfo d)
        {
            if (d.Properties.Count == 0) return null;
            var builder = ImmutableDictionary.CreateBuilder<string, string?>(System.StringComparer.Ordinal);
            foreach (var p in d.Properties) builder[p.Key] = p.Value;
            return builder.ToImmutable();
        }
    }
}
