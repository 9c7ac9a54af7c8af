using System.Globalization;
using System.Linq;
using Alan.Generator.Check;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Alan.Generator.Tests
{
    /// <summary>
    /// One test per diagnostic rule (DESIGN 2.4): a small model that triggers it; the ID, a message naming the
    /// member (and the fix), and the location on the member's line. Where a line could be ambiguous the source
    /// marks the expected line with <c>/*!*/</c>.
    /// </summary>
    [TestFixture]
    public class DiagnosticsTests
    {
        internal const string Marker = "/*!*/";

        internal const string IntroModel = GeneratorHarness.Usings + @"
// P: the generative model. A top-level [Plate] class is a program root.
[Plate]
public partial class Intro
{
    [Latent] static Normal Mu() => new(0.0, 1.0);

    [Plate]                                    // sub-plate ""P1""; size given at run time
    public partial class P1
    {
        [Data] static Normal Obs(Tensor mu) => new(mu, 1.0);
    }
}

// Q: the proposal / approximate posterior. Same plate tree, latents only.
[Plate]
public partial class IntroGuide
{
    [Latent] static Normal Mu([Param(0.0)] Tensor loc,
                              [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
    [Plate] public partial class P1 { }       // may be omitted when it holds no latent
}

[Problem(typeof(Intro), typeof(IntroGuide))]
public partial class IntroProblem { }
";

        /// <summary>A problem "Prob" of model "M" (body <paramref name="p"/>) and proposal "G" (body <paramref name="q"/>).</summary>
        internal static string Problem(string p, string q, string pAttributes = "", string qAttributes = "") =>
            GeneratorHarness.Usings + $@"
[Plate]{pAttributes}
public partial class M
{{
{p}
}}

[Plate]{qAttributes}
public partial class G
{{
{q}
}}

[Problem(typeof(M), typeof(G))]
public partial class Prob {{ }}
";

        /// <summary>A single program "M" without a problem.</summary>
        internal static string Program(string body, string attributes = "") =>
            GeneratorHarness.Usings + $@"
[Plate]{attributes}
public partial class M
{{
{body}
}}
";

        private const string Std = " => new(0.0, 1.0);";

        /// <summary>
        /// Asserts a diagnostic <paramref name="id"/> exists whose message names <paramref name="member"/> (quoted)
        /// and contains <paramref name="inMessage"/>, located on a line containing the member (and the marker, if the
        /// source has one). With <paramref name="only"/>, no other diagnostic IDs may be reported.
        /// </summary>
        private static Diagnostic Expect(HarnessResult r, string id, string member, bool only, params string[] inMessage)
        {
            Assert.That(r.Exception, Is.Null, "generator threw");
            Assert.That(r.WithId(Diagnostics.InternalError.Id), Is.Empty, r.Describe());
            var candidates = r.WithId(id);
            Assert.That(candidates, Is.Not.Empty, $"expected {id}; got:\n{r.Describe()}");
            var d = candidates.FirstOrDefault(x => x.GetMessage(CultureInfo.InvariantCulture).Contains("'" + member + "'")) ?? candidates[0];
            var message = d.GetMessage(CultureInfo.InvariantCulture);
            Assert.Multiple(() =>
            {
                Assert.That(d.Severity, Is.EqualTo(DiagnosticSeverity.Error));
                Assert.That(message, Does.Contain("'" + member + "'"), "message names the member");
                foreach (var s in inMessage) Assert.That(message, Does.Contain(s));
                var line = r.LineOf(d);
                Assert.That(line, Does.Contain(member), $"location of {d}");
                if (r.Sources.Values.Any(s => s.Contains(Marker))) Assert.That(line, Does.Contain(Marker), $"location of {d}");
                Assert.That(d.Descriptor.Title.ToString(CultureInfo.InvariantCulture), Is.Not.Empty);
                if (only) Assert.That(r.Diagnostics.Select(x => x.Id).Distinct(), Is.EquivalentTo(new[] { id }), r.Describe());
            });
            return d;
        }

        private static Diagnostic ExpectOnly(HarnessResult r, string id, string member, params string[] inMessage) =>
            Expect(r, id, member, true, inMessage);

        // ------------------------------------------------------------------ descriptors

        [Test]
        public void Descriptors_HaveUniqueStableIdsAndAreFindable()
        {
            var ids = Diagnostics.All.Select(d => d.Id).ToArray();
            Assert.That(ids, Is.Unique);
            Assert.That(ids, Does.Contain("ALAN999"));
            for (int i = 1; i <= 22; i++) Assert.That(ids, Does.Contain($"ALAN{i:000}"));
            foreach (var d in Diagnostics.All)
            {
                Assert.That(Diagnostics.Find(d.Id), Is.SameAs(d));
                Assert.That(d.DefaultSeverity, Is.EqualTo(DiagnosticSeverity.Error), d.Id);
                Assert.That(d.Category, Is.EqualTo("Alan"));
            }
            Assert.That(Diagnostics.Find("ALAN000"), Is.Null);
        }

        // ------------------------------------------------------------------ valid models

        [Test]
        public void IntroModel_ProducesNoDiagnostics()
        {
            var r = GeneratorHarness.Run(IntroModel);
            Assert.That(r.Exception, Is.Null);
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
            Assert.That(r.InputCompilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error), Is.Empty, "the model itself is valid C#");
            Assert.That(r.GeneratedSources.Keys, Does.Contain("Intro.Accessors.g.cs"));
            Assert.That(r.GeneratedSources.Keys, Does.Contain("IntroGuide.Accessors.g.cs"));
            var accessorErrors = r.CompilationErrors.Where(d => d.Location.SourceTree?.FilePath.EndsWith(".Accessors.g.cs") == true);
            Assert.That(accessorErrors, Is.Empty);
        }

        [Test]
        public void IntroModel_WithoutEmptyGuidePlate_ProducesNoDiagnostics()
        {
            var r = GeneratorHarness.Run(IntroModel.Replace("[Plate] public partial class P1 { }", ""));
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
        }

        [Test]
        public void RichModel_ProducesNoDiagnostics()
        {
            // Inputs (declared in P, used in P and Q), a plate parameter, groups, QEM, explicit shared parameter
            // names, Q depending on data of an enclosing plate, the first-letter and exact binding rules.
            var source = GeneratorHarness.Usings + @"
[Plate]
public partial class Radon
{
    [Latent] static Normal GlobalMean() => new(0.0, 10.0);
    [Latent] static HalfNormal GlobalScale() => new(1.0);
    [Data] static Normal Total() => new(0.0, 1.0);

    [Plate, Param(""Slope"", 0.0)]
    public partial class States
    {
        [Latent] static Normal StateMean(Tensor globalMean, Tensor GlobalScale) => new(globalMean, GlobalScale);

        [Plate, Input(""Basement"")]
        public partial class Homes
        {
            [Data] static Normal Obs(Tensor stateMean, Tensor basement, Tensor slope) => new(stateMean + slope * basement, 1.0);
        }
    }
}

[Plate]
public partial class RadonGuide
{
    [Latent(Group = ""global"")] static Normal GlobalMean(Tensor total, [Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc + 0 * total, logScale.exp());
    [Latent(Group = ""global"")] static Gamma GlobalScale([QemParam(2.0)] Tensor concentration, [QemParam(1.0)] Tensor rate) => new(concentration, rate);

    [Plate, Param(""Shift"", 0.0)]
    public partial class States
    {
        [Latent] static Normal StateMean(Tensor globalMean, Tensor shift, [Param(0.0, Name = ""sharedScale"")] Tensor s) => new(globalMean + shift, s.exp());

        [Plate, Input(""Basement"")]
        public partial class Homes { }
    }
}

[Problem(typeof(Radon), typeof(RadonGuide))]
public partial class RadonProblem { }
";
            var r = GeneratorHarness.Run(source);
            Assert.That(r.Exception, Is.Null);
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
        }

        // ------------------------------------------------------------------ ALAN001, ALAN017

        [Test]
        public void ALAN001_NonPartialRootPlate()
        {
            var r = GeneratorHarness.Run(GeneratorHarness.Usings + "[Plate]\npublic class Model\n{\n    [Latent] static Normal Mu()" + Std + "\n}\n");
            var d = ExpectOnly(r, "ALAN001", "Model", "partial");
            Assert.That(r.SpanText(d), Is.EqualTo("Model"));
        }

        [Test]
        public void ALAN001_NonPartialNestedPlate()
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static Normal Mu()" + Std + "\n    [Plate] public class P1 { }"));
            ExpectOnly(r, "ALAN001", "P1", "partial");
        }

        [Test]
        public void ALAN017_NonPartialProblem()
        {
            var source = IntroModel.Replace("public partial class IntroProblem", "public class IntroProblem");
            ExpectOnly(GeneratorHarness.Run(source), "ALAN017", "IntroProblem", "partial");
        }

        // ------------------------------------------------------------------ ALAN002, ALAN003, ALAN018

        [Test]
        public void ALAN002_NonStaticVariable()
        {
            var r = GeneratorHarness.Run(Program("    [Latent] Normal Mu()" + Std));
            var d = ExpectOnly(r, "ALAN002", "Mu", "static");
            Assert.That(r.SpanText(d), Is.EqualTo("Mu"));
        }

        [Test]
        public void ALAN002_NonStaticDataInProblem()
        {
            var source = IntroModel.Replace("[Data] static Normal Obs", "[Data] Normal Obs");
            ExpectOnly(GeneratorHarness.Run(source), "ALAN002", "Obs", "[Data]", "static");
        }

        [Test]
        public void ALAN003_ReturnTypeIsNotADistribution()
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static double Mu() => 0.0;"));
            ExpectOnly(r, "ALAN003", "Mu", "'double'", "Normal");
        }

        [Test]
        public void ALAN018_ArgumentIsNotATensor()
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static Normal A()" + Std + "\n    [Latent] static Normal Mu(double a) => new(a, 1.0);"));
            ExpectOnly(r, "ALAN018", "a", "'Mu'", "'double'", "Tensor");
        }

        // ------------------------------------------------------------------ ALAN004

        [Test]
        public void ALAN004_UnknownName_SuggestsClosestName()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal StateMean()" + Std + "\n    [Latent] static Normal X(Tensor stateMaen) => new(stateMaen, 1.0);",
                "    [Latent] static Normal StateMean()" + Std + "\n    [Latent] static Normal X()" + Std));
            ExpectOnly(r, "ALAN004", "stateMaen", "'X'", "did you mean 'StateMean'?");
        }

        [Test]
        public void ALAN004_UnknownName_WithoutSuggestion()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal Mu(Tensor zzzzzzzzzz) => new(zzzzzzzzzz, 1.0);",
                "    [Latent] static Normal Mu()" + Std));
            var d = ExpectOnly(r, "ALAN004", "zzzzzzzzzz", "'Mu'", "[Param(init)]", "'Zzzzzzzzzz'");
            Assert.That(d.GetMessage(CultureInfo.InvariantCulture), Does.Not.Contain("did you mean"));
        }

        [Test]
        public void ALAN004_DoesNotSuggestTheVariableItself()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal Scale(Tensor scal) => new(scal, 1.0);",
                "    [Latent] static Normal Scale()" + Std));
            var d = ExpectOnly(r, "ALAN004", "scal", "'Scale'");
            Assert.That(d.GetMessage(CultureInfo.InvariantCulture), Does.Not.Contain("did you mean"));
        }

        [Test]
        public void ALAN004_SuggestsDataAndInputsInQ()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal Mu()" + Std + "\n    [Data] static Normal Observed(Tensor mu) => new(mu, 1.0);",
                "    [Latent] static Normal Mu(Tensor observd) => new(observd, 1.0);"));
            ExpectOnly(r, "ALAN004", "observd", "did you mean 'Observed'?");
        }

        [Test]
        public void ALAN004_QCannotSeeLatentsOfP()
        {
            // Q binds against Q's latents, P's data, inputs and Q's parameters.
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal A()" + Std + "\n    [Latent] static Normal B(Tensor a) => new(a, 1.0);",
                "    [Latent] static Normal B(Tensor a) => new(a, 1.0);\n    [Latent] static Normal A()" + Std));
            Expect(r, "ALAN005", "a", false); // Q's A exists but is declared later
            var r2 = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal A()" + Std + "\n    [Latent] static Normal B(Tensor a) => new(a, 1.0);",
                "    [Latent] static Normal B(Tensor a) => new(a, 1.0);"));
            Expect(r2, "ALAN004", "a", false);
            Expect(r2, "ALAN009", "A", false);
        }

        // ------------------------------------------------------------------ ALAN005, ALAN006

        [Test]
        public void ALAN005_DependencyDeclaredLater()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal X(Tensor y) => new(y, 1.0);\n    [Latent] static Normal Y()" + Std,
                "    [Latent] static Normal X()" + Std + "\n    [Latent] static Normal Y()" + Std));
            ExpectOnly(r, "ALAN005", "y", "'X'", "'Y'", "declared later", "declare 'Y' before 'X'");
        }

        [Test]
        public void ALAN005_DependencyInNonEnclosingPlate()
        {
            var p = @"
    [Plate] public partial class A { [Latent] static Normal Za()" + Std + @" }
    [Plate] public partial class B { [Latent] static Normal Zb(Tensor za) => new(za, 1.0); }";
            var q = @"
    [Plate] public partial class A { [Latent] static Normal Za()" + Std + @" }
    [Plate] public partial class B { [Latent] static Normal Zb()" + Std + @" }";
            var r = GeneratorHarness.Run(Problem(p, q));
            ExpectOnly(r, "ALAN005", "za", "'Zb'", "'Za'", "plate 'A'", "does not enclose plate 'B'");
        }

        [Test]
        public void ALAN005_InputOfNonEnclosingPlate()
        {
            var p = @"
    [Plate, Input(""Cov"")] public partial class A { [Latent] static Normal Za()" + Std + @" }
    [Plate] public partial class B { [Latent] static Normal Zb(Tensor cov) => new(cov, 1.0); }";
            var q = @"
    [Plate] public partial class A { [Latent] static Normal Za()" + Std + @" }
    [Plate] public partial class B { [Latent] static Normal Zb()" + Std + @" }";
            ExpectOnly(GeneratorHarness.Run(Problem(p, q)), "ALAN005", "cov", "'Cov'", "does not enclose plate 'B'");
        }

        [Test]
        public void ALAN006_SelfDependency()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal Mu(Tensor mu) => new(mu, 1.0);",
                "    [Latent] static Normal Mu()" + Std));
            ExpectOnly(r, "ALAN006", "mu", "'Mu'", "Mu -> Mu");
        }

        [Test]
        public void ALAN006_MutualDependency_ReportedInsteadOfOutOfScope()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal A(Tensor b) => new(b, 1.0);\n    [Latent] static Normal B(Tensor c) => new(c, 1.0);\n    [Latent] static Normal C(Tensor a) => new(a, 1.0);",
                "    [Latent] static Normal A()" + Std + "\n    [Latent] static Normal B()" + Std + "\n    [Latent] static Normal C()" + Std));
            var d = ExpectOnly(r, "ALAN006", "b", "A -> B -> C -> A");
            Assert.That(r.LineOf(d), Does.Contain("static Normal A("));
            Assert.That(r.Diagnostics, Has.Length.EqualTo(2), r.Describe()); // the two later edges A->B, B->C; C->A is in scope
        }

        // ------------------------------------------------------------------ ALAN007

        [Test]
        public void ALAN007_PDependsOnData()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Data] static Normal Obs()" + Std + "\n    [Latent] static Normal Mu(Tensor obs) => new(obs, 1.0);",
                "    [Latent] static Normal Mu()" + Std));
            ExpectOnly(r, "ALAN007", "obs", "'Mu'", "'Obs'", "[Data]");
        }

        [Test]
        public void QMayDependOnData()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Data] static Normal Obs()" + Std + "\n    [Latent] static Normal Mu()" + Std,
                "    [Latent] static Normal Mu(Tensor obs) => new(obs, 1.0);"));
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
        }

        // ------------------------------------------------------------------ ALAN008

        [Test]
        public void ALAN008_QPlateMissingFromP()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal Mu()" + Std + "\n    [Plate] public partial class P1 { [Data] static Normal Obs(Tensor mu) => new(mu, 1.0); }",
                "    [Latent] static Normal Mu()" + Std + "\n    [Plate] public partial class P2 { }"));
            ExpectOnly(r, "ALAN008", "P2", "'G'", "does not exist", "'M'");
        }

        [Test]
        public void ALAN008_QPlateNestedDifferently()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal Mu()" + Std + "\n    [Plate] public partial class A { }\n    [Plate] public partial class B { [Data] static Normal Obs(Tensor mu) => new(mu, 1.0); }",
                "    [Latent] static Normal Mu()" + Std + "\n    [Plate] public partial class A { [Plate] public partial class B { } }"));
            ExpectOnly(r, "ALAN008", "B", "nested in 'A' in Q but in 'M' in P");
        }

        // ------------------------------------------------------------------ ALAN009, ALAN010, ALAN011

        [Test]
        public void ALAN009_PLatentMissingFromQ()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal Mu()" + Std + "\n    [Latent] static HalfNormal Sigma() => new(1.0);",
                "    [Latent] static Normal Mu()" + Std));
            ExpectOnly(r, "ALAN009", "Sigma", "'M'", "in 'G'");
        }

        [Test]
        public void ALAN009_PLatentInSubPlateMissingFromQ_NamesThePlate()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Plate] public partial class P1 { [Latent] static Normal Z()" + Std + " }",
                ""));
            ExpectOnly(r, "ALAN009", "Z", "in plate 'P1' of 'G'");
        }

        [Test]
        public void ALAN010_QVariableAbsentFromP()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal Mu()" + Std,
                "    [Latent] static Normal Mu()" + Std + "\n    [Latent] static Normal Extra()" + Std));
            ExpectOnly(r, "ALAN010", "Extra", "'G'", "'M'");
        }

        [Test]
        public void ALAN011_QGivesDataVariableADistribution()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal Mu()" + Std + "\n    [Data] static Normal Obs(Tensor mu) => new(mu, 1.0);",
                "    [Latent] static Normal Mu()" + Std + "\n    [Latent] static Normal Obs()" + Std));
            ExpectOnly(r, "ALAN011", "Obs", "observed");
        }

        [Test]
        public void ALAN011_QDeclaresData()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal Mu()" + Std,
                "    [Latent] static Normal Mu()" + Std + "\n    [Data] static Normal Other()" + Std));
            ExpectOnly(r, "ALAN011", "Other", "[Data]");
        }

        // ------------------------------------------------------------------ ALAN012, ALAN021

        [Test]
        public void ALAN012_SupportMismatch()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal Mu()" + Std,
                "    [Latent] static Gamma Mu() => new(1.0, 1.0);"));
            var d = ExpectOnly(r, "ALAN012", "Mu", "Real", "Positive", "Normal", "Gamma");
            Assert.That(r.LineOf(d), Does.Contain("Gamma"), "reported on Q's declaration");
        }

        [Test]
        public void ALAN021_LatentInDifferentPlates()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal Mu()" + Std + "\n    [Plate] public partial class P1 { [Data] static Normal Obs(Tensor mu) => new(mu, 1.0); }",
                "    [Plate] public partial class P1 { [Latent] static Normal Mu()" + Std + " }"));
            ExpectOnly(r, "ALAN021", "Mu", "plate 'P1' in Q", "plate 'M' in P", "declare it in 'G'");
        }

        // ------------------------------------------------------------------ ALAN013

        private static readonly object[] DuplicateCases =
        {
            // Two variables of one program (different plates).
            new object[] { Program("    [Latent] static Normal Mu()" + Std + "\n    [Plate] public partial class P1 { [Latent] static Normal Mu()" + Std + " } " + Marker), "Mu", "latent in plate 'M'" },
            // A plate named like a variable.
            new object[] { Program("    [Plate] public partial class P1 { }\n    [Plate] public partial class A { [Latent] static Normal P1()" + Std + " } " + Marker), "P1", "a plate class" },
            // A group named like a variable.
            new object[] { Program("    [Latent(Group = \"Mu\")] static Normal A()" + Std + "\n    [Latent] static Normal Mu()" + Std + " " + Marker), "Mu", "group of latent 'A'" },
            // An input named like a latent.
            new object[] { Program("    [Latent] static Normal Mu()" + Std, "\n[Input(\"Mu\")]"), "Mu", "[Input]" },
            // A plate parameter named like a plate.
            new object[] { Program("    [Plate] public partial class P1 { }", "\n[Param(\"P1\", 0.0)]"), "P1", "[Param]" },
            // Two plate parameters of one name on different plates.
            new object[] { Program("    [Plate, Param(\"W\", 0.0)] public partial class P1 { } " + Marker, "\n[Param(\"W\", 0.0)]"), "W", "[Param] on plate 'M'" },
            // An explicit argument-parameter name clashing with a latent.
            new object[] { Program("    [Latent] static Normal Mu()" + Std + "\n    [Latent] static Normal B([Param(0.0, Name = \"Mu\")] Tensor loc) => new(loc, 1.0); " + Marker), "Mu", "[Param] of argument 'loc'" },
            // Across P and Q: an input of Q named like P's data.
            new object[] { Problem("    [Data] static Normal Obs()" + Std, "", qAttributes: "\n[Input(\"Obs\")] " + Marker), "Obs", "a data variable of the model 'M'" },
            // Across P and Q: the same input on different plates.
            new object[] { Problem("    [Plate, Input(\"Cov\")] public partial class P1 { }", "    [Plate] public partial class P1 { }", qAttributes: "\n[Input(\"Cov\")] " + Marker), "Cov", "[Input] on plate 'P1' of the model 'M'" },
            // Across P and Q: a group of Q named like a data variable of P.
            new object[] { Problem("    [Latent] static Normal Mu()" + Std + "\n    [Data] static Normal Obs(Tensor mu) => new(mu, 1.0);", "    [Latent(Group = \"Obs\")] static Normal Mu()" + Std + " " + Marker), "Obs", "data variable" },
        };

        [TestCaseSource(nameof(DuplicateCases))]
        public void ALAN013_DuplicateNames(string source, string name, string other)
        {
            var r = GeneratorHarness.Run(source);
            var d = ExpectOnly(r, "ALAN013", name, other);
            Assert.That(r.WithId("ALAN013"), Has.Length.EqualTo(1), "reported once");
            Assert.That(d.GetMessage(CultureInfo.InvariantCulture), Does.Contain("rename"));
        }

        [Test]
        public void ALAN013_NotReportedForMirroredNames()
        {
            // Same latents, plates, groups, inputs (same plate) and shared explicit parameter names in P and Q are expected.
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal Mu()" + Std + "\n    [Plate, Input(\"Cov\")] public partial class P1 { [Data] static Normal Obs(Tensor mu, Tensor cov) => new(mu + cov, 1.0); }",
                "    [Latent(Group = \"g\")] static Normal Mu([Param(0.0, Name = \"s\")] Tensor loc, [Param(0.0, Name = \"s\")] Tensor scale) => new(loc, scale.exp());\n    [Plate, Input(\"Cov\")] public partial class P1 { }"));
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
        }

        // ------------------------------------------------------------------ ALAN014, ALAN020

        [Test]
        public void ALAN014_ProblemTypeIsNotAProgramRoot()
        {
            var source = IntroModel.Replace("[Problem(typeof(Intro), typeof(IntroGuide))]", "public class NotAPlate { }\n[Problem(typeof(NotAPlate), typeof(IntroGuide))]");
            ExpectOnly(GeneratorHarness.Run(source), "ALAN014", "IntroProblem", "'NotAPlate'", "P (the generative model)");
        }

        [Test]
        public void ALAN014_ProblemTypeIsANestedPlate()
        {
            var source = IntroModel.Replace("typeof(IntroGuide))]", "typeof(Intro.P1))]");
            ExpectOnly(GeneratorHarness.Run(source), "ALAN014", "IntroProblem", "Intro.P1", "Q (the proposal)");
        }

        [Test]
        public void ALAN020_NestedProblem()
        {
            var source = IntroModel.Replace("[Problem(typeof(Intro), typeof(IntroGuide))]\npublic partial class IntroProblem { }",
                "public static partial class Outer\n{\n    [Problem(typeof(Intro), typeof(IntroGuide))]\n    public partial class IntroProblem { }\n}");
            Assert.That(source, Does.Contain("Outer"));
            ExpectOnly(GeneratorHarness.Run(source), "ALAN020", "IntroProblem", "nested");
        }

        // ------------------------------------------------------------------ ALAN015, ALAN016

        [Test]
        public void ALAN015_QemMixedWithNonQem()
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static Normal Mu([QemParam(0.0)] Tensor loc,\n                              [Param(0.0)] Tensor scale) => new(loc, scale);"));
            ExpectOnly(r, "ALAN015", "scale", "'Mu'", "'loc'", "[QemParam");
        }

        [Test]
        public void ALAN025_ProgramInsideANonPartialType()
        {
            var source = GeneratorHarness.Usings + @"
public static class Models
{
    [Plate]
    public partial class Inner
    {
        [Latent] static Normal Mu() => new(0.0, 1.0);
    }
}
";
            var r = GeneratorHarness.Run(source);
            ExpectOnly(r, "ALAN025", "Models", "partial", "'Inner'");
            Assert.That(r.CompilationErrors, Is.Empty, "no accessor partial is emitted into the non-partial type");
        }

        [Test]
        public void ALAN023_QemOnUnsupportedFamily()
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static Laplace Mu([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);"));
            ExpectOnly(r, "ALAN023", "Mu", "Laplace", "Normal");
        }

        [Test]
        public void ALAN024_QemArgumentsMustCoverTheFamily()
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static Normal Mu([QemParam(0.0)] Tensor loc) => new(loc, 1.0);"));
            ExpectOnly(r, "ALAN024", "Mu", "Normal", "loc, scale");
        }

        [Test]
        public void ALAN016_GroupSpansPlates()
        {
            var r = GeneratorHarness.Run(Program("    [Latent(Group = \"g\")] static Normal A()" + Std + "\n    [Plate] public partial class P1 { [Latent(Group = \"g\")] static Normal B()" + Std + " }"));
            ExpectOnly(r, "ALAN016", "B", "'g'", "'P1'", "'M'");
        }

        // ------------------------------------------------------------------ ALAN019, ALAN022

        [Test]
        public void ALAN019_PrivateRootPlate()
        {
            var r = GeneratorHarness.Run(GeneratorHarness.Usings + "public static partial class Holder\n{\n    [Plate] private partial class M { [Latent] static Normal Mu()" + Std + " }\n}\n");
            ExpectOnly(r, "ALAN019", "M", "public or internal");
        }

        [Test]
        public void ALAN019_ProtectedNestedPlate_ReportedOnce()
        {
            var r = GeneratorHarness.Run(Program("    [Plate] protected partial class P1 { [Plate] public partial class P2 { } }"));
            ExpectOnly(r, "ALAN019", "P1");
            Assert.That(r.WithId("ALAN019"), Has.Length.EqualTo(1));
        }

        [Test]
        public void ALAN022_InvalidPlateParameterName()
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static Normal Mu()" + Std, "\n[Param(\"my scale\", 0.0)]"));
            ExpectOnly(r, "ALAN022", "my scale", "[Param]", "'M'");
        }

        [Test]
        public void ALAN022_EmptyInputName()
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static Normal Mu()" + Std, "\n[Input(\"\")] " + Marker));
            ExpectOnly(r, "ALAN022", "", "[Input]", "plate 'M'");
        }

        // ------------------------------------------------------------------ ordering, uniqueness

        [Test]
        public void EachProblemIsReportedOnce_AndDeterministically()
        {
            var source = Problem(
                "    [Latent] Normal Mu(Tensor nope) => new(0.0, 1.0);\n    [Latent] static Normal X(Tensor y) => new(y, 1.0);\n    [Latent] static Normal Y()" + Std,
                "    [Latent] static Gamma Mu() => new(1.0, 1.0);");
            var a = GeneratorHarness.Run(source);
            var b = GeneratorHarness.Run(source);
            var ids = a.Diagnostics.Select(d => d.ToString()).ToArray();
            Assert.That(ids, Is.EqualTo(b.Diagnostics.Select(d => d.ToString()).ToArray()));
            Assert.That(ids, Is.Unique);
            Assert.That(a.Diagnostics.Select(d => d.Id).OrderBy(x => x),
                Is.EqualTo(new[] { "ALAN002", "ALAN004", "ALAN005", "ALAN009", "ALAN009", "ALAN012" }), a.Describe());
        }
    }
}
