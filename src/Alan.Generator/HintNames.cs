using Alan.Generator.Model;
using Alan.Generator.Plan;

namespace Alan.Generator
{
    internal static class HintNames
    {
        public static string ForProgram(ProgramModel program) =>
            Sanitise(program.Root.FullTypeName) + ".Accessors.g.cs";

        public static string ForProblem(ProblemPlan plan) =>
            Sanitise((plan.Namespace.Length > 0 ? plan.Namespace + "." : "") + plan.ClassName) + ".Problem.g.cs";

        private static string Sanitise(string name) =>
            name.Replace("global::", "").Replace("@", "").Replace('<', '_').Replace('>', '_');
    }
}
