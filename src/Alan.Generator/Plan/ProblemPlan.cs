namespace Alan.Generator.Plan
{
    internal sealed record ProblemPlan(string Namespace, string ClassName);
}
