namespace Alan.Generator.Model
{
    /// <summary>A program root after its structural checks.</summary>
    internal sealed record CheckedProgram(ProgramModel Program, EquatableArray<DiagnosticInfo> Diagnostics);

    /// <summary>A problem after checking; <see cref="HasErrors"/> suppresses code generation.</summary>
    internal sealed record CheckedProblem(ProblemModel Problem, EquatableArray<DiagnosticInfo> Diagnostics, bool HasErrors);
}
