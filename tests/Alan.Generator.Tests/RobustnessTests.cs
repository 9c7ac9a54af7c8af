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

        private const string Mu = "[Latent] static Normal Mu()" + Std;
        private const string ObsOfMu = "[Data] static Normal Obs(Tensor mu) => new(mu, 1.0);";
        private const string Problem = "[Problem(typeof(M), typeof(G))] public partial class Prob { }";

        /// <summary>A model M (body <paramref name="p"/>), a proposal G (body <paramref name="q"/>) and the problem Prob.</summary>
        private static string Pq(string p, string q, string problem = Problem, string pDeclaration = "[Plate] public partial class M", string qDeclaration = "[Plate] public partial class G") =>
            $"{pDeclaration} {{ {p} }}\n{qDeclaration} {{ {q} }}\n{problem}";

        /// <summary>A model and proposal whose only latent is named <paramref name="latent"/>, observed by Obs in plate P1.</summary>
        private static string LatentNamed(string latent) => Pq(
            $"[Latent] static Normal {latent}()" + Std + $" [Plate] public partial class P1 {{ [Data] static Normal Obs(Tensor {Lower(latent)}) => new({Lower(latent)}, 1.0); }}",
            $"[Latent] static Normal {latent}([Param(0.0)] Tensor loc) => new(loc, 1.0);");

        private static string Lower(string name) => "@" + char.ToLowerInvariant(name[0]) + name.Substring(1);

        /// <summary>
        /// Complete, valid C# models that the generator used to accept although the code it generated for them did not
        /// compile (each must now be rejected with an ALAN error, or generate code that compiles).
        /// </summary>
        public static readonly string[] ModelSnippets =
        {
            // generic plate classes, and a program root in a generic type
            Pq(Mu, Mu, "[Problem(typeof(M<int>), typeof(G<int>))] public partial class Prob { }", "[Plate] public partial class M<T>", "[Plate] public partial class G<T>"),
            Pq(Mu + " [Plate] public partial class P1<T> { " + ObsOfMu + " }", Mu),
            "public partial class Outer<T> { [Plate] public partial class M { " + Mu + " } [Plate] public partial class G { " + Mu + " } }\n[Problem(typeof(Outer<int>.M), typeof(Outer<int>.G))] public partial class Prob { }",
            // [Plate] on a record
            Pq(Mu + " [Plate] public partial class P1 { " + ObsOfMu + " }", Mu, Problem, "[Plate] public partial record M", "[Plate] public partial record G"),
            Pq(Mu + " [Plate] public partial record P1 { " + ObsOfMu + " }", Mu + " [Plate] public partial record P1 { }"),
            // [Distribution] on a type that is not an Alan distribution
            "[Distribution(Support.Real)] public sealed class NotAlan { }\n" + Pq("[Latent] static NotAlan Mu() => new();", "[Latent] static NotAlan Mu() => new();"),
            // names of generated members
            LatentNamed("Ess"), LatentNamed("Moments"), LatentNamed("Extend"), LatentNamed("Sizes"), LatentNamed("ToString"),
            LatentNamed("Equals"), LatentNamed("GetHashCode"), LatentNamed("Deconstruct"), LatentNamed("EqualityContract"),
            LatentNamed("PrintMembers"), LatentNamed("GetType"), LatentNamed("MemberwiseClone"), LatentNamed("Inputs"),
            LatentNamed("MomentSet"), LatentNamed("EssSet"), LatentNamed("MarginalSet"), LatentNamed("ParticleSet"),
            LatentNamed("PriorSample"), LatentNamed("ImportanceSampleSet"), LatentNamed("ExtendedSample"), LatentNamed("PlateSizes"),
            LatentNamed("Observations"), LatentNamed("PredictiveSet"), LatentNamed("PredictiveLogLikelihood"), LatentNamed("Prob"),
            LatentNamed("K"), LatentNamed("N"), LatentNamed("Particles"), LatentNamed("Dispose"),
            Pq(Mu + " [Plate] public partial class PlateSizes { " + ObsOfMu + " }", Mu),
            Pq(Mu + " [Plate] public partial class P1 { [Data] static Normal Observations(Tensor mu) => new(mu, 1.0); }", Mu),
            Pq(Mu + " [Plate] public partial class P1 { [Data] static Normal PredictiveSet(Tensor mu) => new(mu, 1.0); }", Mu),
            Pq("[Latent] static Normal Mu(Tensor inputs)" + Std + " [Plate] public partial class P1 { " + ObsOfMu + " }", Mu, Problem, "[Plate][Input(\"Inputs\")] public partial class M"),
            Pq(Mu, Mu, "[Problem(typeof(M), typeof(G))] public partial class PlateSizes { }"),
            Pq(Mu, Mu, "[Problem(typeof(M), typeof(G))] public partial class MomentSet { }"),
            // escaped identifiers
            Pq("[Latent] static Normal @int()" + Std + " [Plate] public partial class @for { [Data] static Normal @double(Tensor @int) => new(@int, 1.0); }",
               "[Latent] static Normal @int([Param(0.0)] Tensor @in) => new(@in, 1.0);",
               "[Problem(typeof(@class), typeof(@while))] public partial class @event { }", "[Plate] public partial class @class", "[Plate] public partial class @while"),
            "namespace @fixed.@unsafe { public partial class @static { " + Pq("[Latent(Group = \"class\")] static Normal @record()" + Std + " [Plate] public partial class @var { [Data] static Normal @this(Tensor @record) => new(@record, 1.0); }",
               "[Latent(Group = \"class\")] static Normal @record()" + Std, "", "[Plate][Input(\"In\")] public partial class @class", "[Plate] public partial class @while") +
               " } [Problem(typeof(@static.@class), typeof(@static.@while))] public partial class @event { } }",
            // a static or generic problem class
            Pq(Mu, Mu, "[Problem(typeof(M), typeof(G))] public static partial class Prob { }"),
            Pq(Mu, Mu, "[Problem(typeof(M), typeof(G))] public partial class Prob<T> { }"),
            // generic latent methods, ref/out/in arguments
            Pq("[Latent] static Normal Mu<T>()" + Std, Mu),
            Pq(Mu + " [Plate] public partial class P1 { [Data] static Normal Obs(ref Tensor mu) => new(mu, 1.0); }", Mu),
            Pq(Mu + " [Plate] public partial class P1 { [Data] static Normal Obs(in Tensor mu) => new(mu, 1.0); }", Mu),
            Pq(Mu + " [Plate] public partial class P1 { [Data] static Normal Obs(out Tensor mu) { mu = torch.zeros(1); return new(mu, 1.0); } }", Mu),
            // non-finite initial values
            Pq(Mu, "[Latent] static Normal Mu([Param(double.NaN)] Tensor loc) => new(loc, 1.0);"),
            Pq(Mu, "[Latent] static Normal Mu([Param(double.PositiveInfinity)] Tensor loc) => new(loc, 1.0);"),
            Pq(Mu, "[Latent] static Normal Mu(Tensor s) => new(0.0, s);", Problem, "[Plate] public partial class M", "[Plate][Param(\"S\", double.NegativeInfinity)] public partial class G"),
            Pq(Mu, "[Latent] static Normal Mu([QemParam(double.NaN)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);"),
            // empty and data-only models
            Pq("", ""),
            Pq("[Data] static Normal Obs()" + Std, ""),
            Pq("[Plate] public partial class P1 { [Data] static Normal Obs()" + Std + " }", ""),
            Pq("[Plate] public partial class P1 { [Data] static Normal Obs([Param(0.0)] Tensor loc) => new(loc, 1.0); }", ""),
            // more particle groups and plates than CUDA's 25 dimensions
            Pq(string.Concat(Enumerable.Range(0, 30).Select(i => $"[Latent] static Normal A{i}()" + Std)), string.Concat(Enumerable.Range(0, 30).Select(i => $"[Latent] static Normal A{i}()" + Std))),
            Pq(Nest(26, ObsOfMu.Replace("Tensor mu", "").Replace("mu", "0.0")), ""),
            // 24 groups: layout rank 25, accepted
            Pq(string.Concat(Enumerable.Range(0, 24).Select(i => $"[Latent] static Normal A{i}()" + Std)), string.Concat(Enumerable.Range(0, 24).Select(i => $"[Latent] static Normal A{i}()" + Std))),
            // a [Plate] nested in a non-plate class, [Latent]/[Data] outside plates
            Pq(Mu + " public partial class Helper { [Plate] public partial class P1 { " + ObsOfMu + " } }", Mu),
            Pq(Mu + " public static class Helper { [Latent] static Normal Z()" + Std + " }", Mu),
            Pq(Mu, Mu) + "\npublic static class Stray { [Data] static Normal Obs()" + Std + " }",
            Pq(Mu + " static void F() { [Latent] static Normal Z()" + Std + " }", Mu),
            // [Latent] and [Data] on one method
            Pq("[Latent, Data] static Normal Mu()" + Std, Mu),
            // [Input(null!)]
            Pq(Mu, Mu, Problem, "[Plate][Input(null!)] public partial class M"),
            // non-positive parameter shapes
            Pq(Mu, "[Latent] static Normal Mu([Param(0.0, Shape = new long[] { -1 })] Tensor loc) => new(loc, 1.0);"),
            Pq(Mu, "[Latent] static Normal Mu([Param(0.0, Shape = new long[] { 3, 0 })] Tensor loc) => new(loc, 1.0);"),
            Pq(Mu, "[Latent] static Normal Mu(Tensor s) => new(s, 1.0);", Problem, "[Plate] public partial class M", "[Plate][Param(\"S\", 0.0, Shape = new long[] { 0 })] public partial class G"),
            // group and parameter names that are not identifiers
            Pq(Mu, "[Latent(Group = \"a b\")] static Normal Mu()" + Std),
            Pq(Mu, "[Latent] static Normal Mu([Param(0.0, Name = \"x-y\")] Tensor loc) => new(loc, 1.0);"),
        };

        /// <summary>Plates P0 { P1 { ... { body } } } nested <paramref name="depth"/> deep.</summary>
        private static string Nest(int depth, string body)
        {
            var s = body;
            for (int i = depth - 1; i >= 0; i--) s = $"[Plate] public partial class P{i} {{ {s} }}";
            return s;
        }

        /// <summary>Every model the generator accepts compiles, with warnings as errors, together with its generated code.</summary>
        [Test]
        public void AcceptedModels_GeneratedCodeCompiles([ValueSource(nameof(ModelSnippets))] string snippet)
        {
            var r = GeneratorHarness.Run(GeneratorHarness.Usings + snippet);
            Assert.That(r.Exception, Is.Null, r.Exception?.ToString());
            Assert.That(r.Diagnostics.Where(d => d.Id == "ALAN999" || d.Id == "CS8785"), Is.Empty, r.Describe());
            Assert.That(r.InputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty, "the snippet itself must be valid C#");
            if (r.GeneratorRejected) return;
            Assert.That(r.GeneratedSources.Keys.Any(k => k.EndsWith(".Problem.g.cs")), Is.True, "an accepted problem gets generated code\n" + r.Describe());
            Assert.That(r.GeneratedCodeErrors(), Is.Empty, r.DescribeGeneratedCodeErrors());
        }

        [Test]
        public void BrokenSnippets_NeverThrowOrReportInternalErrors([ValueSource(nameof(BrokenSnippets))] string snippet)
        {
            var r = GeneratorHarness.Run(GeneratorHarness.Usings + snippet);
            Assert.That(r.Exception, Is.Null, r.Exception?.ToString());
            Assert.That(r.Driver.GetRunResult().Results[0].Exception, Is.Null);
            Assert.That(r.Diagnostics.Where(d => d.Id == "ALAN999"), Is.Empty, r.Describe());
            Assert.That(r.Diagnostics.Where(d => d.Id.StartsWith("AD") || d.Id.StartsWith("CS8785")), Is.Empty, r.Describe());
            // Of the snippets that are valid C#, those the generator accepts get code that compiles.
            if (!r.GeneratorRejected && !r.InputCompilation.GetDiagnostics().Any(d => d.Severity == DiagnosticSeverity.Error))
                Assert.That(r.GeneratedCodeErrors(), Is.Empty, r.DescribeGeneratedCodeErrors());
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
        /// P and Q have only program-level errors (ALAN003 here), which the problem checker does not repeat: planning
        /// must still be skipped (the program pipeline's check results are combined into the plan step), or the planner
        /// fails (ALAN999).
        /// </summary>
        [Test]
        public void ProblemWhoseProgramsHaveOnlyStructuralErrors()
        {
            var r = GeneratorHarness.Run(GeneratorHarness.Usings +
                "[Problem(typeof(M), typeof(G))] public partial class P { } [Plate] public partial class M { [Latent] static double S() => 1; } [Plate] public partial class G { [Latent] static double S() => 1; }");
            Assert.That(r.Exception, Is.Null, r.Exception?.ToString());
            Assert.That(r.Diagnostics.Select(d => d.Id), Is.EqualTo(new[] { "ALAN003", "ALAN003" }), r.Describe());
        }

        /// <summary>A verbatim class name ("@class") yields the hint name "@class.Accessors.g.cs", which Roslyn rejects; the partial must say "@class".</summary>
        [Test]
        public void VerbatimPlateClassName()
        {
            var r = GeneratorHarness.Run(GeneratorHarness.Usings + "[Plate] public partial class @class { [Latent] static Normal Mu()" + Std + " }");
            Assert.That(r.Exception, Is.Null, r.Exception?.ToString());
            Assert.That(r.Diagnostics.Where(d => d.Id == "ALAN999" || d.Id == "CS8785"), Is.Empty, r.Describe());
            Assert.That(r.GeneratedCodeErrors(), Is.Empty, r.DescribeGeneratedCodeErrors());
        }
    }
}
