using System.Linq;
using Microsoft.CodeAnalysis;
using NUnit.Framework;
using static Alan.Generator.Tests.DiagnosticsTests;

namespace Alan.Generator.Tests
{
    /// <summary>
    /// Initial values with shape: <c>Init = ParamInit.Identity</c>, <c>InitFrom = nameof(Member)</c>, the identity by
    /// default on a MultivariateNormal's covariance or scale-tril argument; ALAN050 (a matrix that starts singular) and
    /// ALAN051 (an initialiser that cannot be used).
    /// </summary>
    public class ParamInitTests
    {
        private const string Prior = "    [Latent] static MultivariateNormal Beta() => new(torch.zeros(2), covarianceMatrix: torch.eye(2));";

        private static HarnessResult Guide(string arguments, string call, string members = "") =>
            GeneratorHarness.Run(Problem(Prior, members + "    [Latent] static MultivariateNormal Beta(\n        " + arguments + ") => " + call + ";"));

        private const string CovarianceCall = "new(loc, covarianceMatrix: covarianceMatrix)";

        [Test]
        public void ACovarianceWithoutAValue_StartsAtTheIdentity_AndCompiles()
        {
            var r = Guide("[Param(Shape = new long[] { 2 })] Tensor loc, [Param(Shape = new long[] { 2, 2 })] Tensor covarianceMatrix", CovarianceCall);
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
            Assert.That(r.GeneratedCodeErrors(), Is.Empty, r.DescribeGeneratedCodeErrors());
            var code = r.ProblemCode("Prob");
            Assert.That(code, Does.Contain("ParameterInit.Identity("));
            Assert.That(code, Does.Contain("\"Beta.covarianceMatrix\""));
            // loc keeps its constant start.
            Assert.That(code, Does.Contain("torch.full(__Concat(global::System.Array.Empty<long>(), new long[] { 2 }), global::Alan.Scalars.Of(0.0), dtype: dtype)"));
        }

        [Test]
        public void AScaledIdentity_StartsThere()
        {
            var r = Guide("[Param(Shape = new long[] { 2 })] Tensor loc, [Param(0.1, Init = ParamInit.Identity, Shape = new long[] { 2, 2 })] Tensor scaleTril",
                "new(loc, scaleTril: scaleTril)");
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
            Assert.That(r.ProblemCode("Prob"), Does.Contain("ParameterInit.Identity(").And.Contain("0.1,"));
        }

        [Test]
        public void InitFrom_AStaticMember_GetsAnAccessorTheConstructorCalls_AndCompiles()
        {
            var r = Guide(
                "[QemParam(InitFrom = nameof(PriorMean), Shape = new long[] { 2 })] Tensor loc, [QemParam(InitFrom = nameof(Start), Shape = new long[] { 2, 2 })] Tensor covarianceMatrix",
                CovarianceCall,
                "    static readonly double[] PriorMean = { 1.0, 2.0 };\n    static Tensor Start() => torch.eye(2) * 4.0;\n");
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
            Assert.That(r.GeneratedCodeErrors(), Is.Empty, r.DescribeGeneratedCodeErrors());
            var all = string.Join("\n", r.GeneratedSources.Values);
            Assert.That(all, Does.Contain("internal static double[] __AlanInit_PriorMean() => PriorMean;"));
            Assert.That(all, Does.Contain("internal static global::TorchSharp.torch.Tensor __AlanInit_Start() => Start();"));
            Assert.That(r.ProblemCode("Prob"), Does.Contain("ParameterInit.From(").And.Contain("global::G.__AlanInit_PriorMean(),"));
        }

        [TestCase("[QemParam(1.0, Shape = new long[] { 2, 2 })] Tensor covarianceMatrix", "covarianceMatrix", "the constant 1 in every element")]
        [TestCase("[QemParam(0.0, Init = ParamInit.Identity, Shape = new long[] { 2, 2 })] Tensor covarianceMatrix", "covarianceMatrix", "0 times the identity")]
        public void ALAN050_ACovarianceThatStartsSingular_IsAWarning_AndTheModelStillCompiles(string covariance, string argument, string start)
        {
            var r = Guide("[QemParam(0.0, Shape = new long[] { 2 })] Tensor loc, " + covariance, CovarianceCall);
            var d = ExpectOnly(r, "ALAN050", argument, "MultivariateNormal's covarianceMatrix", start, "singular", "Cholesky");
            Assert.That(d.Severity, Is.EqualTo(DiagnosticSeverity.Warning));
            Assert.That(r.GeneratedCodeErrors(), Is.Empty, r.DescribeGeneratedCodeErrors());
        }

        [Test]
        public void ALAN050_AScaleTrilOfZeros()
        {
            var r = Guide("[Param(0.0, Shape = new long[] { 2 })] Tensor loc, [Param(0.0, Shape = new long[] { 2, 2 })] Tensor scaleTril", "new(loc, scaleTril: scaleTril)");
            ExpectOnly(r, "ALAN050", "scaleTril", "MultivariateNormal's scaleTril", "Init = ParamInit.Identity");
        }

        [Test]
        public void ALAN050_NotForAOneByOneMatrixThatStartsPositive()
        {
            var r = Guide("[Param(0.0, Shape = new long[] { 2 })] Tensor loc, [Param(2.0, Shape = new long[] { 1, 1 })] Tensor covarianceMatrix", CovarianceCall);
            Assert.That(r.WithId("ALAN050"), Is.Empty, r.Describe());
        }

        [TestCase("nameof(Missing)", "", "names no field, property or method of 'G'")]
        [TestCase("nameof(Instance)", "    readonly double[] Instance = { 1.0, 2.0 };\n", "is not static")]
        [TestCase("nameof(Text)", "    static readonly string Text = \"1\";\n", "of type 'string', not Tensor or double[]")]
        [TestCase("nameof(Make)", "    static Tensor Make(int n) => torch.zeros(n);\n", "takes parameters")]
        public void ALAN051_AnInitFromMemberThatCannotBeRead(string member, string members, string problem)
        {
            var r = Guide($"[Param(InitFrom = {member.Replace("nameof(Missing)", "\"Missing\"")}, Shape = new long[] {{ 2 }})] Tensor loc, [Param(Shape = new long[] {{ 2, 2 }})] Tensor scaleTril",
                "new(loc, scaleTril: scaleTril)", members);
            ExpectOnly(r, "ALAN051", "loc", problem, "static field, property or parameterless method");
        }

        [Test]
        public void ALAN051_InitFromWithAValueToo()
        {
            var r = Guide("[Param(1.0, InitFrom = nameof(Mean), Shape = new long[] { 2 })] Tensor loc, [Param(Shape = new long[] { 2, 2 })] Tensor scaleTril",
                "new(loc, scaleTril: scaleTril)", "    static readonly double[] Mean = { 1.0, 2.0 };\n");
            ExpectOnly(r, "ALAN051", "loc", "has InitFrom and also an initial value", "keep one initialiser");
        }

        [TestCase("new long[] { 2 }", "[2]")]
        [TestCase("new long[] { 2, 3 }", "[2, 3]")]
        public void ALAN051_AnIdentityWithoutASquareShape(string shape, string shown)
        {
            var r = GeneratorHarness.Run(Problem("    [Latent] static Normal Mu() => new(0.0, 1.0);",
                $"    [Latent] static Normal Mu([Param(Init = ParamInit.Identity, Shape = {shape})] Tensor loc) => new(loc.sum(-1), 1.0);"));
            ExpectOnly(r, "ALAN051", "loc", "Init = ParamInit.Identity but its event shape is " + shown, "Shape = new long[] { n, n }");
        }
    }
}
