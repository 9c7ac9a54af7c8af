namespace Alan.Generator.Model
{
    /// <summary>A program root after its structural checks.</summary>
    internal sealed record CheckedProgram(ProgramModel Program, EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>Whether a program root has errors of its own, keyed by its type: what a problem using it needs to know.</summary>
    /// <param name="FullTypeName">The program root's <see cref="PlateModel.FullTypeName"/>.</param>
    internal sealed record ProgramStatus(string FullTypeName, bool HasErrors);

    /// <summary>
    /// A problem after its own checks: the diagnostics, and the bound model when those checks found no error
    /// (null otherwise, which suppresses code generation).
    /// </summary>
    internal sealed record CheckedProblem(ProblemModel Problem, EquatableArray<DiagnosticInfo> Diagnostics, BoundProblem? Bound)
    {
        public bool HasErrors => Bound is null;
    }
}
