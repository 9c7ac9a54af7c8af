using Alan.Generator.Model;

namespace Alan.Generator.Check
{
    /// <summary>Checks that need both programs: binding, P/Q agreement, names, QEM, groups.</summary>
    internal static class ProblemChecker
    {
        public static EquatableArray<DiagnosticInfo> Check(ProblemModel problem) => EquatableArray<DiagnosticInfo>.Empty;
    }
}
