using System;
using Alan.Generator.Check;
using Alan.Generator.Model;

namespace Alan.Generator
{
    /// <summary>Keeps the generator from throwing whatever half-typed code the IDE feeds it.</summary>
    internal static class Guard
    {
        public static T Run<T>(Func<T> body, T fallback)
        {
            try { return body(); }
            catch (OperationCanceledException) { throw; }
            catch (Exception) { return fallback; }
        }

        public static EquatableArray<DiagnosticInfo> Failure(string what, LocationInfo location) =>
            new[] { new DiagnosticInfo(Diagnostics.InternalError.Id, location, new[] { what, "unexpected model shape" }.ToEquatableArray()) }
                .ToEquatableArray();
    }
}
