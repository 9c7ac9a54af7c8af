using Alan.Generator.Model;
using Alan.Generator.Plan;

namespace Alan.Generator
{
    internal static class HintNames
    {
        public static string ForProgram(ProgramModel program) =>
            Sanitise(program.Root.FullTypeName) + ".Accessors.g.cs";

        /// <summary>"Ns.Problem.Guide.g.cs": the guide derived for a [Problem(typeof(P))].</summary>
        public static string ForDerivedGuide(ProgramModel guide) =>
            Sanitise(guide.Root.FullTypeName) + ".g.cs";

        /// <summary>"X.Problem.g.cs" for the main file, "X.Problem.Estimator.g.cs" for a part.</summary>
        public static string ForProblem(ProblemPlan plan, string part = "") =>
            Sanitise((plan.Namespace.Length > 0 ? plan.Namespace + "." : "") + plan.ClassName) + ".Problem" + (part.Length > 0 ? "." + part : "") + ".g.cs";

        private static string Sanitise(string name) =>
            name.Replace("global::", "").Replace("@", "").Replace('<', '_').Replace('>', '_');
    }
}
