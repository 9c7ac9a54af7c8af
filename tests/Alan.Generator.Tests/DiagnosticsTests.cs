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
        internal static Diagnostic Expect(HarnessResult r, string id, string member, bool only, params string[] inMessage)
        {
            Assert.That(r.Exception, Is.Null, "generator threw");
            Assert.That(r.WithId(Diagnostics.InternalError.Id), Is.Empty, r.Describe());
            var candidates = r.WithId(id);
            Assert.That(candidates, Is.Not.Empty, $"expected {id}; got:\n{r.Describe()}");
            var d = candidates.FirstOrDefault(x => x.GetMessage(CultureInfo.InvariantCulture).Contains("'" + member + "'")) ?? candidates[0];
            var message = d.GetMessage(CultureInfo.InvariantCulture);
            Assert.Multiple(() =>
            {
                Assert.That(d.Severity, Is.EqualTo(d.Descriptor.DefaultSeverity));
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

        internal static Diagnostic ExpectOnly(HarnessResult r, string id, string member, params string[] inMessage) =>
            Expect(r, id, member, true, inMessage);

        // ------------------------------------------------------------------ descriptors

        [Test]
        public void Descriptors_HaveUniqueStableIdsAndAreFindable()
        {
            var ids = Diagnostics.All.Select(d => d.Id).ToArray();
            Assert.That(ids, Is.Unique);
            Assert.That(ids, Does.Contain("ALAN999"));
            for (int i = 1; i <= 35; i++) Assert.That(ids, Does.Contain($"ALAN{i:000}"));
            foreach (var d in Diagnostics.All)
            {
                Assert.That(Diagnostics.Find(d.Id), Is.SameAs(d));
                // ALAN042 (the cost report) and ALAN050 (a matrix parameter that starts singular) are warnings; ALAN055 (a derived guide), ALAN056 and ALAN057
                // (temporary TorchSharp Scalars in model code, docs/threads-and-randomness.md) are infos; every other rule is an error.
                var expected = d.Id is "ALAN042" or "ALAN050" ? DiagnosticSeverity.Warning
                    : d.Id is "ALAN055" or "ALAN056" or "ALAN057" ? DiagnosticSeverity.Info
                    : DiagnosticSeverity.Error;
                Assert.That(d.DefaultSeverity, Is.EqualTo(expected), d.Id);
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
        public void ALAN012_TruncatedNormalIsAnIntervalLatent()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static TruncatedNormal Mu() => new(0.0, 1.0, -1.0, 2.0);",
                "    [Latent] static Normal Mu()" + Std));
            ExpectOnly(r, "ALAN012", "Mu", "Interval", "Real", "TruncatedNormal", "Normal");
        }

        [TestCase("TruncatedNormal Mu() => new(0.5, 2.0, -1.0, 2.0);", "TruncatedNormal Mu() => new(0.0, 1.0, -1.0, 2.0);")]
        [TestCase("HalfStudentT Mu() => new(3.0, 1.0);", "HalfNormal Mu() => new(1.0);")]
        [TestCase("HalfStudentT Mu() => new(3.0, 1.0);", "LogNormal Mu() => new(0.0, 1.0);")]
        [TestCase("HalfStudentT Mu() => new(3.0, 1.0);", "Gamma Mu() => new(2.0, 1.0);")]
        public void ALAN012_MatchingSupportsOfTheNewFamiliesCompile(string p, string q)
        {
            var r = GeneratorHarness.Run(Problem("    [Latent] static " + p, "    [Latent] static " + q));
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
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
            // The list is read from the runtime's [QemFamily] attributes, in family order.
            Assert.That(r.WithId("ALAN023").Single().GetMessage(System.Globalization.CultureInfo.InvariantCulture),
                Does.EndWith("one of: Normal, Bernoulli, Exponential, HalfNormal, Poisson, Gamma, Beta, Dirichlet, MultivariateNormal"));
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

        [Test]
        public void ALAN022_NullInputName()
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static Normal Mu()" + Std, "\n[Input(null!)] " + Marker));
            ExpectOnly(r, "ALAN022", "", "[Input]", "plate 'M'");
        }

        [Test]
        public void ALAN022_InvalidGroupName()
        {
            var r = GeneratorHarness.Run(Program("    [Latent(Group = \"a b\")] static Normal Mu()" + Std));
            ExpectOnly(r, "ALAN022", "Mu", "'a b'", "Group = \"g\"");
        }

        [Test]
        public void ALAN022_InvalidArgumentParameterName()
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static Normal Mu(\n        [Param(0.0, Name = \"x-y\")] Tensor loc) => new(loc, 1.0);"));
            ExpectOnly(r, "ALAN022", "loc", "'x-y'", "'Mu'", "Name = \"Scale\"");
        }

        // ------------------------------------------------------------------ ALAN003 (a [Distribution] that is no Alan distribution)

        [Test]
        public void ALAN003_DistributionAttributeOnANonAlanType()
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static NotAlan Mu() => new();") + "\n[Distribution(Support.Real)] public sealed class NotAlan { }\n");
            ExpectOnly(r, "ALAN003", "Mu", "'NotAlan'", "not an Alan distribution");
        }

        // ------------------------------------------------------------------ ALAN026-ALAN035

        [Test]
        public void ALAN026_GenericRootPlate()
        {
            var r = GeneratorHarness.Run(GeneratorHarness.Usings + "[Plate] public partial class M<T>\n{\n    [Latent] static Normal Mu()" + Std + "\n}\n");
            ExpectOnly(r, "ALAN026", "M", "has type parameters", "without type parameters");
            Assert.That(r.GeneratedSources, Is.Empty, "no partials of a different, non-generic class");
        }

        [Test]
        public void ALAN026_GenericNestedPlate()
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static Normal Mu()" + Std + "\n    [Plate] public partial class P1<T> { }"));
            ExpectOnly(r, "ALAN026", "P1", "has type parameters");
        }

        [Test]
        public void ALAN026_ProgramInAGenericType()
        {
            var r = GeneratorHarness.Run(GeneratorHarness.Usings + "public partial class Outer<T>\n{\n    [Plate] public partial class M { [Latent] static Normal Mu()" + Std + " } " + Marker + "\n}\n");
            ExpectOnly(r, "ALAN026", "M", "nested in the generic type 'Outer<T>'");
        }

        [TestCase("    [Latent] static Normal Ess()" + Std, "Ess", "latent")]
        [TestCase("    [Latent] static Normal Moments()" + Std, "Moments", "latent")]
        [TestCase("    [Latent] static Normal Extend()" + Std, "Extend", "latent")]
        [TestCase("    [Latent] static Normal Sizes()" + Std, "Sizes", "latent")]
        [TestCase("    [Latent] static new Normal ToString()" + Std, "ToString", "latent")]
        [TestCase("    [Latent] static Normal GetHashCode()" + Std, "GetHashCode", "latent")]
        [TestCase("    [Latent] static Normal MomentSet()" + Std, "MomentSet", "latent")]
        [TestCase("    [Latent] static Normal __v()" + Std, "__v", "latent")]
        [TestCase("    [Plate] public partial class PlateSizes { }", "PlateSizes", "plate class")]
        [TestCase("    [Plate] public partial class P1 { [Data] static Normal Observations()" + Std + " }", "Observations", "data variable")]
        public void ALAN027_NameOfAGeneratedMember(string body, string name, string what)
        {
            var r = GeneratorHarness.Run(Program(body));
            ExpectOnly(r, "ALAN027", name, "of the " + what, "rename it", "Ess, Moments, Extend, Sizes", "ToString", "PlateSizes, Observations, Inputs");
        }

        /// <summary>
        /// The reserved names are read off the generated code: for every snapshot model, each member of a generated type
        /// that also has members named after the model's plates, variables or inputs (and that type's name), each member
        /// inherited from object, and each type and member the problem class declares, is reserved.
        /// </summary>
        [TestCaseSource(typeof(GeneratedCodeSnapshotTests), nameof(GeneratedCodeSnapshotTests.Cases))]
        public void ALAN027_ReservedNamesCoverTheGeneratedMembers(GeneratedCodeSnapshotTests.Case model)
        {
            var r = GeneratorHarness.Run(model.Source);
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
            var userNames = new System.Collections.Generic.HashSet<string>(r.InputCompilation.SyntaxTrees
                .SelectMany(t => t.GetRoot().DescendantNodes())
                .SelectMany(n => n switch
                {
                    Microsoft.CodeAnalysis.CSharp.Syntax.MethodDeclarationSyntax m => new[] { m.Identifier.ValueText },
                    Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax c => new[] { c.Identifier.ValueText },
                    Microsoft.CodeAnalysis.CSharp.Syntax.AttributeSyntax a when a.Name.ToString() == "Input" =>
                        a.ArgumentList!.Arguments.Select(x => x.Expression.ToString().Trim('"')).ToArray(),
                    _ => new string[0],
                }));
            var problemTree = r.Compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith(".Problem.g.cs"));
            var problem = (INamedTypeSymbol)r.Compilation.GetSemanticModel(problemTree).GetDeclaredSymbol(
                problemTree.GetRoot().DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.ClassDeclarationSyntax>().First())!;

            static bool Named(ISymbol m) =>
                Microsoft.CodeAnalysis.CSharp.SyntaxFacts.IsValidIdentifier(m.Name) && !m.Name.StartsWith("__")
                && m is not IMethodSymbol { MethodKind: not MethodKind.Ordinary };
            var reservedForMembers = new System.Collections.Generic.List<string>();
            foreach (var type in problem.GetTypeMembers())
            {
                var members = type.GetMembers().Where(Named).Select(m => m.Name).Distinct().ToList();
                if (!members.Any(userNames.Contains)) continue; // no member named after the model
                // The layout constants (Dim.NonMp, Dim.K_<group>, Dim.<plate>) are uniquified by the planner
                // (a clash gets a "_2" suffix); only the class's own name can clash with a plate's constant.
                if (type.Name == "Dim") { reservedForMembers.Add(type.Name); continue; }
                reservedForMembers.Add(type.Name);
                reservedForMembers.AddRange(members.Where(m => !userNames.Contains(m)));
            }
            reservedForMembers.AddRange(r.Compilation.GetSpecialType(SpecialType.System_Object).GetMembers().Where(Named).Select(m => m.Name));
            Assert.That(reservedForMembers, Does.Contain("Ess").And.Contain("Extend").And.Contain("ToString"), "the scan finds the result types");
            Assert.That(reservedForMembers.Where(n => !ReservedNames.IsReservedForMember(n)).Distinct(), Is.Empty, "generated names a plate, variable or input may clash with");

            var problemTrees = new System.Collections.Generic.HashSet<SyntaxTree>(r.Compilation.SyntaxTrees.Where(t => t.FilePath.Contains(".Problem.")));
            var problemMembers = problem.GetMembers().Where(m => Named(m) && !m.IsImplicitlyDeclared && m.Locations.Any(l => l.SourceTree != null && problemTrees.Contains(l.SourceTree))).Select(m => m.Name).ToList();
            // And what the runtime's base classes (Alan.CompilerServices.Problems.InferenceProblem) give every problem: Sample, Latents, ...
            for (var b = problem.BaseType; b != null && b.ContainingNamespace.ToDisplayString().StartsWith("Alan.CompilerServices", System.StringComparison.Ordinal); b = b.BaseType)
                problemMembers.AddRange(b.GetMembers().Where(m => Named(m) && m.DeclaredAccessibility is Accessibility.Public or Accessibility.Protected or Accessibility.ProtectedOrInternal).Select(m => m.Name));
            Assert.That(problemMembers, Does.Contain("PlateSizes").And.Contain("Sample"));
            Assert.That(problemMembers.Where(n => !ReservedNames.IsReservedForProblemClass(n)).Distinct(), Is.Empty, "generated names the problem class may clash with");
        }

        [Test]
        public void ALAN027_InputNamedInputs()
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static Normal Mu(Tensor inputs) => new(inputs, 1.0);", "\n[Input(\"Inputs\")]"));
            ExpectOnly(r, "ALAN027", "Inputs", "[Input] on plate 'M'");
        }

        [Test]
        public void ALAN027_ProblemClassNamedLikeAGeneratedType()
        {
            var source = Problem("    [Latent] static Normal Mu()" + Std, "    [Latent] static Normal Mu()" + Std).Replace("public partial class Prob", "public partial class PlateSizes");
            var r = GeneratorHarness.Run(source);
            ExpectOnly(r, "ALAN027", "PlateSizes", "problem class", "ProblemSample", "SamplePrior");
        }

        [TestCase("public static partial class Prob", "is static", "remove the 'static' modifier")]
        [TestCase("public partial class Prob<T>", "has type parameters", "remove them")]
        [TestCase("public partial record Prob", "is a record", "'partial class'")]
        [TestCase("public partial class Prob : Base", "derives from 'Base'", "remove the base class")]
        public void ALAN028_ProblemClassTheGeneratorCannotComplete(string declaration, string what, string fix)
        {
            var source = Problem("    [Latent] static Normal Mu()" + Std, "    [Latent] static Normal Mu()" + Std).Replace("public partial class Prob", declaration) + "public class Base { }\n";
            var r = GeneratorHarness.Run(source);
            ExpectOnly(r, "ALAN028", "Prob", what, fix);
            Assert.That(r.GeneratedSources.Keys.Where(k => k.EndsWith(".Problem.g.cs")), Is.Empty);
        }

        [Test]
        public void ALAN028_ReportedForAnExplicitModuleBase()
        {
            // The generated part derives the class from Alan.CompilerServices.Problems.InferenceProblem (a torch.nn.Module):
            // a base class in the user's part, even torch.nn.Module, would contradict it.
            var source = Problem("    [Latent] static Normal Mu()" + Std, "    [Latent] static Normal Mu()" + Std).Replace("public partial class Prob", "public partial class Prob : torch.nn.Module");
            var r = GeneratorHarness.Run(source);
            ExpectOnly(r, "ALAN028", "Prob", "derives from 'TorchSharp.torch.nn.Module'", "remove the base class");
        }

        [Test]
        public void ALAN029_GenericVariableMethod()
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static Normal Mu<T>()" + Std));
            ExpectOnly(r, "ALAN029", "Mu", "[Latent]", "type parameters", "remove them");
        }

        [TestCase("ref")]
        [TestCase("out")]
        [TestCase("in")]
        public void ALAN030_ArgumentByReference(string modifier)
        {
            var body = modifier == "out"
                ? "    [Latent] static Normal Mu()" + Std + "\n    [Latent] static Normal X(\n        out Tensor mu) { mu = torch.zeros(1); return new(mu, 1.0); }"
                : "    [Latent] static Normal Mu()" + Std + "\n    [Latent] static Normal X(\n        " + modifier + " Tensor mu) => new(mu, 1.0);";
            var r = GeneratorHarness.Run(Program(body));
            ExpectOnly(r, "ALAN030", "mu", "'X'", "'" + modifier + "'", "remove the '" + modifier + "' modifier");
        }

        [TestCase("[Param(double.NaN)] Tensor loc", "double.NaN", "[Param]")]
        [TestCase("[Param(double.PositiveInfinity)] Tensor loc", "double.PositiveInfinity", "[Param]")]
        [TestCase("[QemParam(double.NegativeInfinity)] Tensor loc, [QemParam(1.0)] Tensor scale", "double.NegativeInfinity", "[QemParam]")]
        public void ALAN031_NonFiniteArgumentParameterInit(string arguments, string value, string attribute)
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static Normal Mu(\n        " + arguments + ") => new(loc, 1.0);"));
            ExpectOnly(r, "ALAN031", "loc", attribute, "'Mu'", value, "finite initial value");
        }

        [Test]
        public void ALAN031_NonFinitePlateParameterInit()
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static Normal Mu(Tensor s) => new(s, 1.0);", "\n[Param(\"S\", double.NaN)]"));
            ExpectOnly(r, "ALAN031", "S", "on plate 'M'", "double.NaN");
        }

        [TestCase("new long[] { -1 }")]
        [TestCase("new long[] { 3, 0 }")]
        public void ALAN032_NonPositiveShape(string shape)
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static Normal Mu(\n        [Param(0.0, Shape = " + shape + ")] Tensor loc) => new(loc, 1.0);"));
            ExpectOnly(r, "ALAN032", "loc", "'Mu'", shape, "at least 1");
        }

        [Test]
        public void ALAN032_NonPositivePlateParameterShape()
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static Normal Mu(Tensor s) => new(s, 1.0);", "\n[Param(\"S\", 0.0, Shape = new long[] { 0 })]"));
            ExpectOnly(r, "ALAN032", "S", "new long[] { 0 }");
        }

        [Test]
        public void ALAN033_LatentAndData()
        {
            var r = GeneratorHarness.Run(Program("    [Latent, Data] static Normal Mu()" + Std));
            ExpectOnly(r, "ALAN033", "Mu", "both [Latent] and [Data]", "keep one");
        }

        [Test]
        public void ALAN034_PlateNestedInAHelperClass()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal Mu()" + Std + "\n    public partial class Helper\n    {\n        [Plate] public partial class P1 { [Data] static Normal Obs(Tensor mu) => new(mu, 1.0); }\n    }",
                "    [Latent] static Normal Mu()" + Std));
            ExpectOnly(r, "ALAN034", "P1", "nested in 'Helper'", "no program includes it", "directly in the plate class 'M'");
        }

        [Test]
        public void ALAN034_LatentInANonPlateClass()
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static Normal Mu()" + Std + "\n    public static class Helper\n    {\n        [Latent] static Normal Z()" + Std + "\n    }"));
            ExpectOnly(r, "ALAN034", "Z", "[Latent] method", "declared in 'Helper'", "such as 'M'");
        }

        [Test]
        public void ALAN034_DataOutsideAnyPlate()
        {
            var r = GeneratorHarness.Run(GeneratorHarness.Usings + "public static class Stray\n{\n    [Data] static Normal Obs()" + Std + "\n}\n");
            ExpectOnly(r, "ALAN034", "Obs", "[Data] method", "'Stray'");
        }

        [Test]
        public void ALAN034_LatentLocalFunction()
        {
            var r = GeneratorHarness.Run(Program("    static void F()\n    {\n        [Latent] static Normal Z()" + Std + "\n    }"));
            ExpectOnly(r, "ALAN034", "Z", "local function of 'F'");
        }

        private static string Latents(int count) =>
            string.Concat(Enumerable.Range(0, count).Select(i => $"    [Latent] static Normal A{i}()" + Std + "\n"));

        [Test]
        public void ALAN035_TooManyParticleGroups()
        {
            var r = GeneratorHarness.Run(Problem(Latents(30), Latents(30)));
            ExpectOnly(r, "ALAN035", "Prob", "31 leading tensor dimensions", "30 particle groups of 'G'", "0 plates", "25", "Group");
        }

        [Test]
        public void ALAN035_GroupsShareADimension()
        {
            var grouped = Latents(30).Replace("[Latent]", "[Latent(Group = \"g\")]");
            var r = GeneratorHarness.Run(Problem(Latents(30), grouped));
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
        }

        [Test]
        public void ALAN035_TooManyPlates()
        {
            var body = "[Data] static Normal Obs()" + Std;
            for (int i = 25; i >= 0; i--) body = $"[Plate] public partial class P{i} {{ {body} }}";
            var r = GeneratorHarness.Run(Problem("    " + body, ""));
            ExpectOnly(r, "ALAN035", "Prob", "27 leading tensor dimensions", "0 particle groups", "26 plates");
        }

        [Test]
        public void ALAN035_RankOf25IsAccepted()
        {
            var r = GeneratorHarness.Run(Problem(Latents(24), Latents(24)));
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
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
