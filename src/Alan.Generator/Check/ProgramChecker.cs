using Alan.Generator.Model;

namespace Alan.Generator.Check
{
    /// <summary>Structural checks of one program root (P or Q) on its own.</summary>
    internal static class ProgramChecker
    {
        public static EquatableArray<DiagnosticInfo> Check(ProgramModel program) => EquatableArray<DiagnosticInfo>.Empty;
    }
}
