using Alan.Generator.Plan;

namespace Alan.Generator.Model
{
    /// <summary>Diagnostics to report plus the plan to emit (null when there are errors).</summary>
    internal sealed record PlanResult(EquatableArray<DiagnosticInfo> Diagnostics, ProblemPlan? Plan);
}
