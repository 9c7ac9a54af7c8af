using System.Linq;
using Microsoft.CodeAnalysis;
using NUnit.Framework;
using static Alan.Generator.Tests.DiagnosticsTests;

namespace Alan.Generator.Tests
{
    /// <summary>
    /// Improper priors and distributions built from components: the support the generator derives for Mixture and Ordered
    /// (seen by the P/Q support check ALAN012 and the observation check), ALAN044 (an improper distribution in Q or on data),
    /// ALAN045 (a support the components do not decide), and the code generated for an improper latent.
    /// </summary>
    [TestFixture]
    public class ComponentSupportTests
    {
        private const string TwoNormals = "new Mixture(torch.zeros(2), new Normal(-1.0, 1.0), new Normal(1.0, 1.0))";

        private static void AssertCompiles(HarnessResult r)
        {
            Assert.That(r.Exception, Is.Null);
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
            Assert.That(r.CompilationErrors, Is.Empty, string.Join("\n", r.CompilationErrors));
        }

        // ------------------------------------------------------------------ support derivation

        [TestCase("Mixture Mu() => " + TwoNormals + ";", "Normal Mu() => new(0.0, 1.0);")]
        [TestCase("Mixture Mu() => new(torch.zeros(2), new Normal(-1.0, 1.0), new StudentT(3.0, 1.0, 1.0));", "Normal Mu() => new(0.0, 1.0);")]
        [TestCase("Mixture Mu() { var logits = torch.zeros(2); return new Mixture(logits, new Gamma(2.0, 1.0), new LogNormal(0.0, 1.0)); }", "Gamma Mu() => new(1.0, 1.0);")]
        [TestCase("Ordered Mu() => new(new Normal(0.0, 10.0), 2);", "Ordered Mu([Param(0.0)] Tensor loc) => new(new Normal(loc, 3.0), 2);")]
        [TestCase("Ordered Mu() => new Ordered(new Gamma(2.0, 1.0), 3);", "Ordered Mu() => new(new LogNormal(0.0, 1.0), 3);")]
        [TestCase("Ordered Mu() => new(new Mixture(torch.zeros(2), new Normal(-1.0, 1.0), new Normal(1.0, 1.0)), 2);", "Ordered Mu() => new(new Normal(0.0, 3.0), 2);")]
        public void MatchingDerivedSupportsCompile(string p, string q)
        {
            AssertCompiles(GeneratorHarness.Run(Problem("    [Latent] static " + p, "    [Latent] static " + q)));
        }

        [TestCase("Mixture Mu() => new(torch.zeros(2), new Gamma(2.0, 1.0), new Exponential(1.0));", "Normal Mu() => new(0.0, 1.0);", "Positive", "Real")]
        [TestCase("Mixture Mu() => " + TwoNormals + ";", "Gamma Mu() => new(1.0, 1.0);", "Real", "Positive")]
        [TestCase("Ordered Mu() => new(new Normal(0.0, 10.0), 2);", "Normal Mu() => new(torch.zeros(2), 1.0);", "Ordered", "Real")]
        [TestCase("Ordered Mu() => new(new Gamma(2.0, 1.0), 2);", "Ordered Mu() => new(new Normal(0.0, 1.0), 2);", "PositiveOrdered", "Ordered")]
        public void DerivedSupportsMeetTheSupportCheck(string p, string q, string pSupport, string qSupport)
        {
            var r = GeneratorHarness.Run(Problem("    [Latent] static " + p, "    [Latent] static " + q));
            ExpectOnly(r, "ALAN012", "Mu", pSupport, qSupport);
        }

        [Test]
        public void ObservationsAreCheckedAgainstTheComponentsSupport()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Gamma Rate() => new(2.0, 1.0);\n" +
                "    [Plate] public partial class Obs\n    {\n" +
                "        [Data] static Mixture Count(Tensor rate) => new(torch.zeros(2), new Poisson(rate), new Poisson(rate * 3.0));\n" +
                "        [Data] static Ordered Pair() => new(new Normal(0.0, 1.0), 2);\n    }",
                "    [Latent] static Gamma Rate([Param(0.0)] Tensor logShape) => new(logShape.exp(), 1.0);"));
            AssertCompiles(r);
            var code = r.ProblemCode("Prob");
            Assert.That(code, Does.Match("\"Count\",\\s+support: global::Alan.Support.Count,\\s+distribution: \"Mixture\""));
            Assert.That(code, Does.Match("\"Pair\",\\s+support: global::Alan.Support.Ordered,\\s+distribution: \"Ordered\""));
        }

        // ------------------------------------------------------------------ ALAN045

        [TestCase("Mixture Mu() => new(torch.zeros(2), new Normal(0.0, 1.0), new Gamma(2.0, 1.0));",
            "component 0 is Normal (Real), component 1 is Gamma (Positive)", "mix components of one support")]
        [TestCase("Mixture Mu() => new(torch.zeros(2), new Normal(0.0, 1.0), new MultivariateNormal(torch.zeros(2), torch.eye(2)));",
            "different event ranks", "one event rank")]
        [TestCase("Mixture Mu() { Distribution c = new Normal(0.0, 1.0); return new Mixture(torch.zeros(2), c, new Normal(1.0, 1.0)); }",
            "component 0 has the static type 'Alan.Distribution'", "give it its concrete type")]
        [TestCase("Mixture Mu() => new(torch.zeros(2), new Distribution[] { new Normal(0.0, 1.0), new Normal(1.0, 1.0) });",
            "passed as one array", "list each component as an argument")]
        [TestCase("Mixture Mu() => new(torch.zeros(2), new Flat(), new Flat());", "component 0 is the improper Flat", "proper distributions only")]
        [TestCase("Mixture Mu() => Make();\n    static Mixture Make() => " + TwoNormals + ";", "not a constructor call", "directly")]
        [TestCase("Ordered Mu() => new(new Poisson(3.0), 2);", "support Count", "Normal (Ordered)")]
        [TestCase("Ordered Mu() => new(new Dirichlet(torch.ones(3)), 2);", "event rank 1", "univariate")]
        [TestCase("Ordered Mu() => new(new Mixture(torch.zeros(2), new Normal(0.0, 1.0), new Gamma(1.0, 1.0)), 2);",
            "its component is a Mixture whose support cannot be derived", "one support")]
        public void ALAN045_SupportNotDerivable(string p, string reason, string fix)
        {
            int end = p.IndexOf('\n') < 0 ? p.Length : p.IndexOf('\n');
            var marked = p.Substring(0, end) + " " + Marker + p.Substring(end);
            var r = GeneratorHarness.Run(Problem("    [Latent] static " + marked, "    [Latent] static Normal Mu() => new(0.0, 1.0);"));
            ExpectOnly(r, "ALAN045", "Mu", reason, fix);
        }

        // ------------------------------------------------------------------ ALAN044

        [TestCase("Flat Mu() => new();", "Flat", "Normal for Flat")]
        [TestCase("HalfFlat Mu() => new();", "HalfFlat", "LogNormal or Gamma for HalfFlat")]
        [TestCase("Ordered Mu() => new(new Flat(), 2);", "Ordered", "proper distribution")]
        public void ALAN044_ImproperLatentInQ(string q, string distribution, string fix)
        {
            var p = q.StartsWith("Ordered") ? "Ordered Mu() => new(new Normal(0.0, 1.0), 2);" : q.StartsWith("Flat") ? "Normal Mu() => new(0.0, 1.0);" : "Gamma Mu() => new(1.0, 1.0);";
            var r = GeneratorHarness.Run(Problem("    [Latent] static " + p, "    [Latent] static " + q));
            var d = ExpectOnly(r, "ALAN044", "Mu", "a latent of the proposal 'G'", distribution, "improper", fix);
            Assert.That(r.LineOf(d), Does.Contain(q.Substring(0, 10)), "reported on Q's declaration");
        }

        [Test]
        public void ALAN044_ImproperData()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal Mu() => new(0.0, 1.0);\n    [Plate] public partial class P1 { [Data] static HalfFlat Obs(Tensor mu) => new(); }",
                "    [Latent] static Normal Mu() => new(0.0, 1.0);"));
            ExpectOnly(r, "ALAN044", "Obs", "an observed [Data] variable", "HalfFlat", "give it a proper distribution");
        }

        // ------------------------------------------------------------------ improper latents of P

        private const string FlatRegression = @"
    [Latent] static Flat Beta() => new(2);
    [Latent] static HalfFlat Sigma() => new();
    [Plate] public partial class Groups
    {
        [Latent] static Flat Alpha() => new();
        [Data] static Normal Y(Tensor alpha, Tensor beta, Tensor sigma) => new(alpha + beta.sum(-1), sigma);
    }";

        private const string FlatGuide = @"
    [Latent] static Normal Beta([Param(0.0, Shape = new long[] { 2 })] Tensor loc) => new(loc, 1.0);
    [Latent] static LogNormal Sigma([Param(0.0)] Tensor loc) => new(loc, 1.0);
    [Plate] public partial class Groups
    {
        [Latent] static Normal Alpha([Param(0.0)] Tensor loc) => new(loc, 1.0);
    }";

        [Test]
        public void ImproperLatentsOfPCompileAndRefuseToBeDrawnFromP()
        {
            var r = GeneratorHarness.Run(Problem(FlatRegression, FlatGuide));
            AssertCompiles(r);
            var code = r.ProblemCode("Prob");
            Assert.That(code, Does.Match(
                "throw global::Alan.CompilerServices.Problems.ImproperPrior.CannotSamplePrior\\(\\s+\"Prob\",\\s+new\\[\\] { \"Beta\", \"Sigma\", \"Alpha\" },\\s+new\\[\\] { \"Flat\", \"HalfFlat\", \"Flat\" }\\);"));
            Assert.That(code, Does.Contain(
                "global::Alan.CompilerServices.Problems.ImproperPrior.CheckExtension(\"Alpha\", \"Flat\", \"Groups\", __sizes.Groups, sizes.Groups);"));
            // Beta and Sigma live on the root, which Extend never grows: no check, their draws kept as they are.
            Assert.That(code, Does.Not.Contain("CheckExtension(\"Beta\""));
            Assert.That(code, Does.Contain("PlaceDraws(draws.Beta,"));
        }
    }
}
