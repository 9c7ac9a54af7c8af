using NUnit.Framework;

namespace Alan.Generator.Tests
{
    /// <summary>
    /// Which [Data] methods the generator sums through plate statistics (NormalRegression.PlateLogProb) and which keep the
    /// general path: the form is read from the method's syntax, the roles of its names from the binding, and anything
    /// outside the form falls back. Every model here compiles either way.
    /// </summary>
    public class PlateStatisticsDetectionTests
    {
        /// <summary>A model with latents A, B, LogS per group G, a plate N with inputs X and V (8-vector), data Y with <paramref name="data"/>.</summary>
        private static string Model(string data, string plateInputs = "Input(\"X\")", string extraPlateLatent = "") => GeneratorHarness.Usings + @"
namespace Detect
{
    [Plate]
    public partial class M
    {
        [Plate]
        public partial class G
        {
            [Latent] static Normal A() => new(0.0, 1.0);
            [Latent] static Normal B() => new(0.0, 1.0);
            [Latent] static Normal LogS() => new(0.0, 1.0);

            [Plate, " + plateInputs + @"]
            public partial class N
            {
                " + extraPlateLatent + @"
                " + data + @"
            }
        }
    }

    [Plate]
    public partial class Q
    {
        [Plate]
        public partial class G
        {
            [Latent] static Normal A([Param(0.0)] Tensor loc) => new(loc, 1.0);
            [Latent] static Normal B([Param(0.0)] Tensor loc) => new(loc, 1.0);
            [Latent] static Normal LogS([Param(0.0)] Tensor loc) => new(loc, 1.0);

            [Plate]
            public partial class N
            {
                " + (extraPlateLatent.Length > 0 ? "[Latent] static Normal C([Param(0.0)] Tensor loc) => new(loc, 1.0);" : "") + @"
            }
        }
    }

    [Problem(typeof(M), typeof(Q))]
    public partial class P { }
}
";

        private static bool UsesStatistics(string source)
        {
            var r = GeneratorHarness.Run(source);
            Assert.That(r.GeneratorRejected, Is.False, r.Describe());
            Assert.That(r.CompilationErrors, Is.Empty, "the generated code compiles");
            var code = r.ProblemCode("Detect.P");
            Assert.That(code, Does.Contain("__Estimate("), "the problem's estimator was generated");
            return code.Contains("NormalRegression.PlateLogProb");
        }

        [TestCase("[Data] static Normal Y(Tensor a, Tensor x, Tensor b, Tensor logS) => new(a + x * b, logS.exp());")]
        [TestCase("[Data] static Normal Y(Tensor a, Tensor x, Tensor b, Tensor logS) => new Normal(a - (b * x), logS.exp());")]
        [TestCase("[Data] static Normal Y(Tensor a, Tensor x, Tensor b) { return new(loc: x * b + a, scale: 2.0); }")]
        [TestCase("[Data] static Normal Y(Tensor x, Tensor b, Tensor logS) => new(x * b, logS.exp() + 0.1);")]
        [TestCase("[Data] static Normal Y(Tensor a, Tensor x, Tensor b, Tensor logS) => new(a + x * b, exp(logS) * 2 - -0.5);")]
        [TestCase("[Data] static Normal Y(Tensor a, Tensor x, Tensor b, Tensor logS) => new(a + x * b, torch.nn.functional.softplus(logS, 1.0, 20.0));")]
        [TestCase("[Data] static Normal Y(Tensor a, Tensor x, Tensor b, Tensor logS) => new(a + x * b, (logS / 2).exp().add(0.1));")]
        public void AffineLocWithAScaleConstantOverThePlateUsesStatistics(string data) =>
            Assert.That(UsesStatistics(Model(data)), Is.True);

        /// <summary>
        /// The scale is evaluated alone by a generated accessor that copies its expression: one that names anything but the
        /// method's parameters, numbers, arithmetic and methods (static ones fully qualified) keeps the general path, and
        /// the model still compiles (UsesStatistics asserts no compilation errors).
        /// </summary>
        [TestCase("[Data] static Normal Y(Tensor a, Tensor x, Tensor b, Tensor logS) => new(a + x * b, logS.Softly());", TestName = "an extension method in the scale")]
        [TestCase("[Data] static Normal Y(Tensor a, Tensor x, Tensor b, Tensor logS) => new(a + x * b, Sigma);", TestName = "a field in the scale")]
        [TestCase("[Data] static Normal Y(Tensor a, Tensor x, Tensor b, Tensor logS) => new(a + x * b, logS.shape[0] * 1.0);", TestName = "a property in the scale")]
        [TestCase("[Data] static Normal Y(Tensor a, Tensor x, Tensor b, Tensor logS) => new(a + x * b, ((System.Func<Tensor>)(() => logS.exp()))());", TestName = "a lambda in the scale")]
        public void AScaleThatCannotBeWrittenAloneKeepsTheGeneralPath(string data) =>
            Assert.That(UsesStatistics(Model(data + "\n                static readonly Tensor Sigma = tensor(1.0);").Replace("namespace Detect\n{",
                "namespace Detect\n{\n    static class Soft { public static Tensor Softly(this Tensor t) => t.exp(); }")), Is.False);

        [TestCase("[Data] static Normal Y(Tensor a, Tensor b, Tensor logS) => new(a * b, logS.exp());", TestName = "a product of two latents")]
        [TestCase("[Data] static Normal Y(Tensor a, Tensor x, Tensor logS) => new(a + x, logS.exp());", TestName = "an input alone")]
        [TestCase("[Data] static Normal Y(Tensor a, Tensor x, Tensor logS) => new(a + 0.5 * x, logS.exp());", TestName = "a literal coefficient")]
        [TestCase("[Data] static Normal Y(Tensor a, Tensor x, Tensor logS) => new(a, (logS + x).exp());", TestName = "a scale reading an input")]
        [TestCase("[Data] static Normal Y(Tensor a, Tensor x, Tensor b, Tensor logS) { var loc = a + x * b; return new(loc, logS.exp()); }", TestName = "a body of two statements")]
        [TestCase("[Data] static Laplace Y(Tensor a, Tensor x, Tensor b, Tensor logS) => new(a + x * b, logS.exp());", TestName = "not a Normal")]
        public void AnythingElseKeepsTheGeneralPath(string data) =>
            Assert.That(UsesStatistics(Model(data)), Is.False);

        [Test]
        public void AVectorInputKeepsTheGeneralPath() =>
            Assert.That(UsesStatistics(Model(
                "[Data] static Normal Y(Tensor a, Tensor v, Tensor b, Tensor logS) => new(a + (v * b).sum(-1), logS.exp());",
                "Input(\"X\"), Input(\"V\", Shape = new long[] { 8 })")), Is.False);

        [Test]
        public void APlateWithItsOwnLatentKeepsTheGeneralPath() =>
            Assert.That(UsesStatistics(Model(
                "[Data] static Normal Y(Tensor a, Tensor x, Tensor c, Tensor logS) => new(a + x * c, logS.exp());",
                extraPlateLatent: "[Latent] static Normal C() => new(0.0, 1.0);")), Is.False);
    }
}
