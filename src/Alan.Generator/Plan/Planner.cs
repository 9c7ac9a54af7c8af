using Alan.Generator.Model;

namespace Alan.Generator.Plan
{
    internal static class Planner
    {
        public static ProblemPlan Plan(ProblemModel problem) => new ProblemPlan(problem.Namespace, problem.ClassName);
    }
}
