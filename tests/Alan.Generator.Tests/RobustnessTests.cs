using System.Linq;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Alan.Generator.Tests
{
    /// <summary>The generator must never throw or report an internal error on half-typed code.</summary>
    [TestFixture]
    public class RobustnessTests
    {
        private const string Std = " => new(0.0, 1.0);";

        private static readonly string[] BrokenSnippets =
        {
            "[Plate] public partial class M {",
            "[Plate] public partial class M { [Latent] static Normal Mu( }",
            "[Plate] public partial class M { [Latent] static Normal Mu(",
            "[Plate] public partial class M { [Latent] static Normal Mu(Tensor",
            "[Problem(typeof(Missing), typeof(Q))] public partial class P { }",
            "[Problem(typeof(M))] public partial class P { } [Plate] public partial class M { }",
            "[Problem] public partial class P { }",
            "[Problem(null, null)] public partial class P { }",
            "[Problem(typeof(int), typeof(string))] public partial class P { }",
            "[Problem(typeof(M), typeof(M))] public partial class P { } [Plate] public partial class M { [Latent] static Normal Mu(Tensor mu) => new(mu, 1.0); [Data] static Normal Obs(Tensor nu)" + Std + " }",
            "[Plate] public partial class M { [Latent] static Normal Mu([Param(\"x\")] Tensor a) => new(a, 1.0); }",
            "[Plate][Param(\"x\")] public partial class M { }",
            "[Plate][Param] public partial class M { }",
            "[Plate][Input] public partial class M { }",
            "[Plate][Input(42)] public partial class M { }",
            "[Plate][Input(null)] public partial class M { }",
            "[Plate] public partial class M { [Latent(Group = )] static Normal Mu()" + Std + " }",
            "[Plate] public partial class M { [Latent(Group = null)] static Normal Mu()" + Std + " }",
            "[Plate] public partial class M { [Latent] static Mu()" + Std + " }",
            "[Plate] public partial class M { [Latent] static Normal ()" + Std + " }",
            "[Plate] public partial class M { [Latent] static Normal Mu(Tensor)" + Std + " }",
            "[Plate] public partial class M { [Latent] static Normal Mu(Tensor a, Tensor a) => new(a, 1.0); }",
            "[Plate] public partial class M { [Latent] static Normal Mu(this Tensor a) => new(a, 1.0); }",
            "[Plate] public partial class M { [Latent] static Normal Mu(params Tensor[] a)" + Std + " }",
            "[Plate] public partial class M { [Plate] public partial class M { } }",
            "[Plate] public partial class M<T> { [Latent] static Normal Mu()" + Std + " } [Plate] public partial class G<T> { } [Problem(typeof(M<>), typeof(G<>))] public partial class P { }",
            "[Plate] public partial struct S { }",
            "[Plate] public partial record R { }",
            "[Plate] public partial interface I { }",
            "[Plate] public partial class M { [Latent][Data] static Normal Mu()" + Std + " }",
            "[Plate] public partial class M { [Latent] static Normal Mu([Param(0.0, Shape = new long[] { -1, 0 })] Tensor a) => new(a, 1.0); [Latent] static Normal X([Param(0.0, Shape = null)] Tensor a) => new(a, 1.0); }",
            "[Plate] public partial class M { [Latent] static Normal Mu([QemParam] Tensor a) => new(a, 1.0); }",
            "[Plate] public partial class M { [Latent] static Normal Mu([Param(0.0)][QemParam(1.0)] Tensor a) => new(a, 1.0); }",
            "[Plate][Problem(typeof(M), typeof(M))] public partial class M { }",
            "[Problem(typeof(P.M), typeof(P.G))] public partial class P { [Plate] public partial class M { [Latent] static Normal Mu()" + Std + " } [Plate] public partial class G { [Latent] static Normal Mu()" + Std + " } }",
            "[Plate] public static partial class M { [Latent] static Normal Mu()" + Std + " }",
            "[Plate] public partial class M { [Latent] static Normal @int()" + Std + " [Latent] static Normal X(Tensor @int) => new(@int, 1.0); [Latent] static Normal @class(Tensor x) => new(x, 1.0); }",
            "[Plate] public partial class M { [Latent] static Normal Mu() => new(0.0, 1.0) }",
            "[Plate] public partial class M { [Latent] static Normal Mu() => \"unterminated; }",
            "[Plate] public partial class M { [Latent] static Normal<int> Mu()" + Std + " }",
            "[Plate] public partial class M { [Latent] static Normal Mu()" + Std + " [Latent] static Normal Mu(Tensor x)" + Std + " }",
            "[Plate] public partial class M { [Plate] public partial class A { [Plate] public partial class B { [Latent] static Normal Z(Tensor z, Tensor y) => new(z, y); } [Latent] static Normal Y(Tensor z)" + Std + " } }",
            // Programs with structural errors used by a problem: the problem pipeline must not crash on them.
            "[Problem(typeof(M), typeof(G))] public partial class P { } [Plate] public partial class M { [Latent] Normal Mu()" + Std + " [Latent] static double S() => 1; [Latent] static Normal T(double x) => new(x, 1.0); } [Plate] public partial class G { [Latent] Normal Mu()" + Std + " [Latent] static double S() => 1; [Latent] static Normal T(double x) => new(x, 1.0); }",
            "[Problem(typeof(M), typeof(G))] public partial class P { } [Plate] public partial class M { [Latent] static Normal S(double x)" + Std + " } [Plate] public partial class G { [Latent] Normal S()" + Std + " }",
            "[Problem(typeof(M), typeof(G))] public partial class P { } [Plate] public class M { [Latent] static Normal Mu()" + Std + " } [Plate] public class G { [Latent] static Normal Mu()" + Std + " }",
            "[Problem(typeof(M), typeof(G))] public partial class P { } [Plate] public partial class M { [Latent] static Normal Mu([QemParam(0.0)] Tensor a, Tensor b) => new(a, b); } [Plate] public partial class G { [Latent(Group = \"g\")] static Normal Mu()" + Std + " [Plate] public partial class P1 { [Latent(Group = \"g\")] static Normal Z()" + Std + " } }",
            "[Problem(typeof(M), typeof(G))] public partial class P { } [Plate] public partial class M { [Latent] static Normal Mu(Tensor g)" + Std + " [Plate] public partial class G { } } [Plate] public partial class G { [Latent] static Normal Mu(Tensor mu)" + Std + " }",
        };

        [Test]
        public void BrokenSnippets_NeverThrowOrReportInternalErrors([ValueSource(nameof(BrokenSnippets))] string snippet)
        {
            var r = GeneratorHarness.Run(GeneratorHarness.Usings + snippet);
            Assert.That(r.Exception, Is.Null, r.Exception?.ToString());
            Assert.That(r.Driver.GetRunResult().Results[0].Exception, Is.Null);
            Assert.That(r.Diagnostics.Where(d => d.Id == "ALAN999"), Is.Empty, r.Describe());
            Assert.That(r.Diagnostics.Where(d => d.Id.StartsWith("AD") || d.Id.StartsWith("CS8785")), Is.Empty, r.Describe());
        }

        /// <summary>
        /// Simulates typing the introduction model (in steps of a few characters), reusing one driver. The proposal is
        /// typed first so that no prefix declares a second [Plate] part of an existing class (see
        /// <see cref="TypingAClassNamedLikeAnExistingPlate"/>).
        /// </summary>
        [Test]
        public void TypingTheIntroModel_NeverThrowsOrReportsInternalErrors()
        {
            var intro = DiagnosticsTests.IntroModel;
            int guide = intro.IndexOf("// Q:", System.StringComparison.Ordinal);
            int problem = intro.IndexOf("[Problem(", System.StringComparison.Ordinal);
            int model = intro.IndexOf("// P:", System.StringComparison.Ordinal);
            var full = intro.Substring(0, model) + intro.Substring(guide, problem - guide) + intro.Substring(model, guide - model) + intro.Substring(problem);
            Assert.That(full.Length, Is.EqualTo(intro.Length));
            var driver = GeneratorHarness.CreateDriver();
            for (int length = 0; length <= full.Length; length += length < full.Length - 5 ? 5 : 1)
            {
                var r = GeneratorHarness.RunAgain(driver, GeneratorHarness.CreateCompilation(full.Substring(0, length)));
                driver = r.Driver;
                Assert.That(r.Exception, Is.Null, $"prefix {length}: {r.Exception}");
                Assert.That(r.Diagnostics.Where(d => d.Id == "ALAN999" || d.Id == "CS8785"), Is.Empty, $"prefix {length}:\n{r.Describe()}");
            }
            var last = GeneratorHarness.RunAgain(driver, GeneratorHarness.CreateCompilation(full));
            Assert.That(last.Diagnostics, Is.Empty, last.Describe());
        }

        /// <summary>
        /// While "IntroGuide" is being typed after "Intro", the text declares "[Plate] partial class Intro" twice.
        /// Both declarations reach the program pipeline, which then adds "Intro.Accessors.g.cs" twice and the
        /// generator throws. Needs a fix in AlanGenerator.cs (parse a program only from its first declaration).
        /// </summary>
        [Test]
        public void TypingAClassNamedLikeAnExistingPlate()
        {
            var r = GeneratorHarness.Run(GeneratorHarness.Usings +
                "[Plate] public partial class Intro { [Latent] static Normal Mu()" + Std + " }\n[Plate]\npublic partial class Intro");
            Assert.That(r.Exception, Is.Null, r.Exception?.ToString());
            Assert.That(r.Diagnostics.Where(d => d.Id == "ALAN999" || d.Id == "CS8785"), Is.Empty, r.Describe());
        }

        /// <summary>
        /// P and Q have only program-level errors (ALAN003 here), which the problem checker does not repeat, so the
        /// problem is planned anyway and the planner fails (ALAN999). Needs AlanGenerator.cs to also skip planning when
        /// <c>ProblemChecker.HasProgramErrors(problem)</c>.
        /// </summary>
        [Test]
        public void ProblemWhoseProgramsHaveOnlyStructuralErrors()
        {
            var r = GeneratorHarness.Run(GeneratorHarness.Usings +
                "[Problem(typeof(M), typeof(G))] public partial class P { } [Plate] public partial class M { [Latent] static double S() => 1; } [Plate] public partial class G { [Latent] static double S() => 1; }");
            Assert.That(r.Exception, Is.Null, r.Exception?.ToString());
            Assert.That(r.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "ALAN003", "ALAN003" }), r.Describe());
        }

        /// <summary>A verbatim class name ("@class") yields the hint name "@class.Accessors.g.cs", which Roslyn rejects.</summary>
        [Test]
        public void VerbatimPlateClassName()
        {
            var r = GeneratorHarness.Run(GeneratorHarness.Usings + "[Plate] public partial class @class { [Latent] static Normal Mu()" + Std + " }");
            Assert.That(r.Exception, Is.Null, r.Exception?.ToString());
            Assert.That(r.Diagnostics.Where(d => d.Id == "ALAN999" || d.Id == "CS8785"), Is.Empty, r.Describe());
        }
    }
}
