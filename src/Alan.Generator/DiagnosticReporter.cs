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
                spc.ReportDiagnostic(Diagnostic.Create(descriptor, d.Location.ToLocation(), System.Linq.Enumerable.ToArray<object>(d.Arguments.Items)));
            }
        }
    }
}
