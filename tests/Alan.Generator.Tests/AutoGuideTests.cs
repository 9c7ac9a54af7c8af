using System.Linq;
using NUnit.Framework;

namespace Alan.Generator.Tests
{
    /// <summary>Guides derived by the generator for [Problem(typeof(P))] (DESIGN 3.1): what is refused, and how.</summary>
    public class AutoGuideTests
    {
        private static string Model(string latents, string problem = "[Problem(typeof(M))]") => GeneratorHarness.Usings + @"
namespace Models
{
    [Plate]
    public partial class M
    {
" + latents + @"
        [Plate]
        public partial class Points
        {
            [Data] static Normal Y(Tensor a) => new(a.sum(), 1.0);
        }
    }

    " + problem + @"
    public partial class Auto { }
}
";

        private static Microsoft.CodeAnalysis.Diagnostic Single(HarnessResult r, string id)
        {
            Assert.That(r.Exception, Is.Null, r.Exception?.ToString());
            var found = r.Diagnostics.Where(d => d.Id == id).ToList();
            Assert.That(found, Has.Count.EqualTo(1), r.Describe());
            Assert.That(r.CompilationErrors.Where(e => !e.Id.StartsWith("ALAN")), Is.Empty, "no generated code for a refused problem");
            return found[0];
        }

        [Test]
        public void AShapeComputedByAUserMethod_IsRefusedWithALAN052()
        {
            var r = GeneratorHarness.Run(Model(@"
        static Tensor Zeros() => torch.zeros(3);
        [Latent] static Normal A() => new(Zeros(), 1.0);"));
            var d = Single(r, "ALAN052");
            Assert.That(d.GetMessage(), Does.Contain("latent 'A'").And.Contain("Zeros()").And.Contain("typeof(P), typeof(Q)"));
            Assert.That(d.Location.GetLineSpan().Path, Is.EqualTo("Model.cs"));
        }

        [Test]
        public void AMatrixValuedLatent_IsRefusedWithALAN053()
        {
            var r = GeneratorHarness.Run(Model(@"
        [Latent] static Normal A() => new(torch.zeros(2, 2), 1.0);"));
            var d = Single(r, "ALAN053");
            Assert.That(d.GetMessage(), Does.Contain("latent 'A'").And.Contain("matrix").And.Contain("[2, 2]"));
        }

        [Test]
        public void AnIntervalWithVariableBounds_IsRefusedWithALAN053()
        {
            var r = GeneratorHarness.Run(Model(@"
        [Latent] static Normal B() => new(0.0, 1.0);
        [Latent] static Uniform A(Tensor b) => new(b, b + 1.0);"));
            var d = Single(r, "ALAN053");
            Assert.That(d.GetMessage(), Does.Contain("latent 'A'").And.Contain("Interval").And.Contain("bounds are not constants"));
        }

        [Test]
        public void QemWithoutAQemFamily_IsRefusedWithALAN054()
        {
            var r = GeneratorHarness.Run(Model(@"
        [Latent] static Uniform A() => new(0.0, 2.0);", "[Problem(typeof(M), AutoGuide = AutoGuide.Qem)]"));
            var d = Single(r, "ALAN054");
            Assert.That(d.GetMessage(), Does.Contain("latent 'A'").And.Contain("AutoGuide.Default"));
        }

        [Test]
        public void ConstantBounds_GiveAnIntervalBijector_AndAnInfoNamesTheDerivedGuide()
        {
            var r = GeneratorHarness.Run(Model(@"
        [Latent] static Uniform A() => new(0.0, 2.0);"));
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
            Assert.That(r.CompilationErrors, Is.Empty, r.Describe());
            var guide = r.GeneratedSources["Models.Auto.Guide.g.cs"];
            Assert.That(guide, Does.Contain("Bijector.Interval(0.0, 2.0)"));
            var info = r.Infos.Single(d => d.Id == "ALAN055");
            Assert.That(info.GetMessage(), Does.Contain("Auto.Guide").And.Contain("AutoGuide.Default"));
        }

        [Test]
        public void EveryMode_CompilesForEverySupport()
        {
            const string latents = @"
        [Latent] static Normal R() => new(0.0, 1.0);
        [Latent] static Gamma P() => new(2.0, 1.0);
        [Latent] static Beta U() => new(2.0, 2.0);
        [Latent] static Dirichlet S() => new(torch.ones(4));
        [Latent] static Normal V() => new(torch.zeros(3), 1.0);
        [Latent] static Bernoulli B() => new(probs: 0.3);
        [Latent] static Poisson C() => new(3.0);
        [Latent] static Normal L() => new(System.Math.Log(10.0), 1.0);";
            foreach (var mode in new[] { "Default", "MeanField", "Qem" })
            {
                var r = GeneratorHarness.Run(Model(latents + @"
        [Latent] static Normal A(Tensor r, Tensor p, Tensor u, Tensor s, Tensor v, Tensor b, Tensor c, Tensor l) => new(r + p + u + s.sum() + v.sum() + b + c + l, 1.0);",
                    $"[Problem(typeof(M), AutoGuide = AutoGuide.{mode})]"));
                Assert.That(r.Exception, Is.Null, mode);
                Assert.That(r.Diagnostics, Is.Empty, mode + ": " + r.Describe());
                Assert.That(r.CompilationErrors, Is.Empty, mode + ": " + r.Describe());
                Assert.That(r.GeneratedSources.Keys, Does.Contain("Models.Auto.Problem.g.cs"), mode);
            }
        }

        [Test]
        public void AWideRootVector_GetsALowRankCovariance_AndTwoWideVectorsDoNotReadEachOther()
        {
            // 65 values (one past GuideWriter.LowRankAbove): rank ceil(sqrt(65)) = 9; 64 values keep a full covariance.
            var r = GeneratorHarness.Run(Model(@"
        [Latent] static Normal B() => new(0.0, 1.0);
        [Latent] static Normal W() => new(torch.zeros(65), 1.0);
        [Latent] static Normal V() => new(torch.zeros(80), 1.0);
        [Latent] static Normal F() => new(torch.zeros(64), 1.0);
        [Latent] static Normal S(Tensor w) => new(w.sum(), 1.0);
        [Latent] static Normal A(Tensor v, Tensor f, Tensor s) => new(v.sum() + f.sum() + s, 1.0);"));
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
            Assert.That(r.CompilationErrors, Is.Empty, r.Describe());
            var guide = r.GeneratedSources["Models.Auto.Guide.g.cs"];
            Assert.That(guide, Does.Contain("static LowRankMultivariateNormal W("));
            Assert.That(guide, Does.Contain("[Param(0.0, Shape = new long[] { 65, 9 })] Tensor covFactor"));
            Assert.That(guide, Does.Contain("covFactor, logScale.exp().pow(Scalars.Of(2)))"));
            // V (80 values, rank 9) does not read W; F (64 values) reads both with full weight matrices; S reads all three.
            var v = guide.Substring(guide.IndexOf("static LowRankMultivariateNormal V(", System.StringComparison.Ordinal));
            v = v.Substring(0, v.IndexOf(';'));
            Assert.That(v, Does.Not.Contain("Tensor w"));
            Assert.That(v, Does.Contain("new long[] { 80, 9 }"));
            Assert.That(guide, Does.Contain("static MultivariateNormal F("));
            Assert.That(guide, Does.Contain("[Param(0.0, Shape = new long[] { 64, 80 })] Tensor vWeight"));
            Assert.That(guide, Does.Contain("has 65 values: its own covariance is low rank (9) plus diagonal"));
            // Fit's moment block leaves the wide vectors, the latents that read them, and those that read these, to gradient
            // steps: only B is set from moments.
            var problem = r.GeneratedSources["Models.Auto.Problem.Posterior.g.cs"];
            var block = problem.Substring(problem.IndexOf("MomentBlock:", System.StringComparison.Ordinal));
            block = block.Substring(0, block.IndexOf("});", System.StringComparison.Ordinal));
            Assert.That(block, Does.Contain("new(\"B\", "));
            Assert.That(new[] { "W", "V", "F", "S", "A" }.Where(n => block.Contains($"new(\"{n}\"")), Is.Empty, block);
        }
    }
}
