using Alan.Generator.Plan;

namespace Alan.Generator.Emit
{
    internal static class ProblemEmitter
    {
        public static string? Emit(ProblemPlan plan) => null;
    }
}
