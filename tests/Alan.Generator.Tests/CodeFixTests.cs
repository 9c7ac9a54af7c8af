extern alias CodeFixes;
using System;
using System.Linq;
using System.Threading.Tasks;
using CodeFixes::Alan.CodeFixes;
using NUnit.Framework;
using static Alan.Generator.Tests.DiagnosticsTests;

namespace Alan.Generator.Tests
{
    /// <summary>
    /// The code fixes of Alan.CodeFixes, by the Roslyn testing pattern (<see cref="CodeFixHarness"/>): the generator's
    /// diagnostic, the fix applied in a workspace, the resulting source compared with the expected text, and the fixed
    /// model run through the generator again (no diagnostic left, generated code compiles).
    /// </summary>
    [TestFixture]
    public class CodeFixTests
    {
        private const string Std = " => new(0.0, 1.0);";
        private const string LearnableMu = "[Latent] static Normal Mu([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());";

        private static readonly AddPartialCodeFixProvider Partial = new AddPartialCodeFixProvider();
        private static readonly RenameArgumentCodeFixProvider Rename = new RenameArgumentCodeFixProvider();
        private static readonly AddMissingLatentCodeFixProvider AddLatent = new AddMissingLatentCodeFixProvider();
        private static readonly WriteOutDerivedGuideCodeFixProvider WriteOut = new WriteOutDerivedGuideCodeFixProvider();

        private static string Replace(string text, string from, string to)
        {
            Assert.That(text, Does.Contain(from), "test source");
            return text.Replace(from, to);
        }

        // ------------------------------------------------------------------ add partial (ALAN001, ALAN017, ALAN025)

        [Test]
        public async Task ALAN001_RootPlate_GetsPartialAfterItsModifiers()
        {
            var broken = Replace(IntroModel, "public partial class Intro\n", "public class Intro\n");
            var fixedText = await CodeFixHarness.ApplyAsync(Partial, "ALAN001", broken);
            Assert.That(fixedText, Is.EqualTo(IntroModel));
            CodeFixHarness.AssertAccepted(fixedText);
        }

        [Test]
        public async Task ALAN001_PlateWithoutModifiers_GetsPartialBeforeTheKeyword()
        {
            var broken = Replace(IntroModel, "public partial class IntroGuide\n", "class IntroGuide\n");
            var fixedText = await CodeFixHarness.ApplyAsync(Partial, "ALAN001", broken);
            Assert.That(fixedText, Is.EqualTo(IntroModel.Replace("public partial class IntroGuide\n", "partial class IntroGuide\n")));
            CodeFixHarness.AssertAccepted(fixedText);
        }

        [Test]
        public async Task ALAN001_NestedPlate()
        {
            var broken = Replace(IntroModel, "    public partial class P1\n", "    public class P1\n");
            var fixedText = await CodeFixHarness.ApplyAsync(Partial, "ALAN001", broken);
            Assert.That(fixedText, Is.EqualTo(IntroModel));
            CodeFixHarness.AssertAccepted(fixedText);
        }

        [Test]
        public async Task ALAN017_ProblemClass()
        {
            var broken = Replace(IntroModel, "public partial class IntroProblem", "public class IntroProblem");
            var fixedText = await CodeFixHarness.ApplyAsync(Partial, "ALAN017", broken);
            Assert.That(fixedText, Is.EqualTo(IntroModel));
            CodeFixHarness.AssertAccepted(fixedText);
        }

        private const string Contained = GeneratorHarness.Usings + @"
/// <summary>Models.</summary>
public static partial class Models
{
    [Plate]
    public partial class M
    {
        [Latent] static Normal Mu() => new(0.0, 1.0);
    }

    [Plate]
    public partial class G
    {
        " + LearnableMu + @"
    }
}

[Problem(typeof(Models.M), typeof(Models.G))]
public partial class Prob { }
";

        [Test]
        public async Task ALAN025_EnclosingType_PartialGoesAfterStatic()
        {
            var broken = Replace(Contained, "public static partial class Models", "public static class Models");
            var fixedText = await CodeFixHarness.ApplyAsync(Partial, "ALAN025", broken);
            Assert.That(fixedText, Is.EqualTo(Contained));
            CodeFixHarness.AssertAccepted(fixedText);
        }

        [Test]
        public async Task AddPartial_IsNotOfferedForAnAlreadyPartialType()
        {
            // ALAN001 is reported on the non-partial root; the fix is offered once, for it.
            var broken = Replace(IntroModel, "public partial class Intro\n", "public class Intro\n");
            var (workspace, _, _, actions) = await CodeFixHarness.OfferedAsync(Partial, "ALAN001", new[] { broken });
            workspace.Dispose();
            Assert.That(actions.Select(a => a.Title), Is.EqualTo(new[] { "Make 'Intro' partial" }));
        }

        // ------------------------------------------------------------------ rename an unbound argument (ALAN004)

        private static string Misspelt(string p, string q = "    [Latent] static Normal StateMean()" + Std + "\n    [Latent] static Normal X()" + Std) =>
            Problem("    [Latent] static Normal StateMean()" + Std + "\n" + p, q);

        [Test]
        public async Task ALAN004_RenamesTheArgumentAndItsUses_KeepingLowerCase()
        {
            var broken = Misspelt("    [Latent] static Normal X(Tensor stateMaen) => new(stateMaen, 1.0);");
            var fixedText = await CodeFixHarness.ApplyAsync(Rename, "ALAN004", broken, RenameArgumentCodeFixProvider.EquivalenceKey);
            Assert.That(fixedText, Is.EqualTo(broken.Replace("stateMaen", "stateMean")));
            CodeFixHarness.AssertAccepted(fixedText);
        }

        [Test]
        public async Task ALAN004_RenamesEveryUseInABlockBody()
        {
            var broken = Misspelt("    [Latent] static Normal X(Tensor stateMaen)\n    {\n        var m = stateMaen * 2.0;\n        return new(m + stateMaen, 1.0);\n    }");
            var fixedText = await CodeFixHarness.ApplyAsync(Rename, "ALAN004", broken);
            Assert.That(fixedText, Is.EqualTo(broken.Replace("stateMaen", "stateMean")));
            CodeFixHarness.AssertAccepted(fixedText);
        }

        [Test]
        public async Task ALAN004_KeepsAnUpperCaseArgumentUpperCase()
        {
            var broken = Misspelt("    [Latent] static Normal X(Tensor StateMaen) => new(StateMaen, 1.0);");
            var fixedText = await CodeFixHarness.ApplyAsync(Rename, "ALAN004", broken);
            Assert.That(fixedText, Is.EqualTo(broken.Replace("StateMaen", "StateMean")));
            CodeFixHarness.AssertAccepted(fixedText);
        }

        [Test]
        public async Task ALAN004_ALoweredKeywordIsEscaped()
        {
            var broken = Problem(
                "    [Latent] static Normal Int()" + Std + "\n    [Latent] static Normal X(Tensor inr) => new(inr, 1.0);",
                "    [Latent] static Normal Int()" + Std + "\n    [Latent] static Normal X()" + Std);
            var fixedText = await CodeFixHarness.ApplyAsync(Rename, "ALAN004", broken);
            Assert.That(fixedText, Is.EqualTo(broken.Replace("Tensor inr) => new(inr,", "Tensor @int) => new(@int,")));
            CodeFixHarness.AssertAccepted(fixedText);
        }

        [Test]
        public async Task ALAN004_WithoutSuggestion_OffersNoFix()
        {
            var broken = Problem("    [Latent] static Normal Mu(Tensor zzzzzzzzzz) => new(zzzzzzzzzz, 1.0);", "    [Latent] static Normal Mu()" + Std);
            var (workspace, _, diagnostic, actions) = await CodeFixHarness.OfferedAsync(Rename, "ALAN004", new[] { broken });
            workspace.Dispose();
            Assert.That(diagnostic.Properties.ContainsKey("Suggestion"), Is.False);
            Assert.That(actions, Is.Empty);
        }

        [TestCase("stateMaen", "StateMean", ExpectedResult = "stateMean")]
        [TestCase("StateMaen", "StateMean", ExpectedResult = "StateMean")]
        [TestCase("mu", "mU", ExpectedResult = "mU")]
        [TestCase("sigmaa", "Sigma", ExpectedResult = "sigma")]
        [TestCase("_x", "X", ExpectedResult = "X")]
        public string ALAN004_NewNameKeepsTheCasingStyle(string oldName, string suggestion) =>
            RenameArgumentCodeFixProvider.NewName(oldName, suggestion);

        // ------------------------------------------------------------------ add the missing latent to Q (ALAN009)

        private static readonly string IntroWithoutQMu = Replace(IntroModel,
            "    [Latent] static Normal Mu([Param(0.0)] Tensor loc,\n                              [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());\n", "");

        [Test]
        public async Task ALAN009_Normal_AddsALearnableProposal()
        {
            var fixedText = await CodeFixHarness.ApplyAsync(AddLatent, "ALAN009", IntroWithoutQMu, AddMissingLatentCodeFixProvider.LearnableEquivalenceKey);
            Assert.That(fixedText, Is.EqualTo(Replace(IntroWithoutQMu,
                "public partial class IntroGuide\n{\n", "public partial class IntroGuide\n{\n    " + LearnableMu + "\n")));
            CodeFixHarness.AssertAccepted(fixedText);
        }

        [Test]
        public async Task ALAN009_Normal_CanCopyThePrior()
        {
            var fixedText = await CodeFixHarness.ApplyAsync(AddLatent, "ALAN009", IntroWithoutQMu, AddMissingLatentCodeFixProvider.CopyEquivalenceKey);
            Assert.That(fixedText, Is.EqualTo(Replace(IntroWithoutQMu,
                "public partial class IntroGuide\n{\n", "public partial class IntroGuide\n{\n    [Latent] static Normal Mu() => new(0.0, 1.0);\n")));
            CodeFixHarness.AssertAccepted(fixedText);
        }

        [Test]
        public async Task ALAN009_Bernoulli_AddsLearnableLogits()
        {
            var broken = Problem(
                "    [Latent] static Bernoulli Z() => new(probs: 0.3);\n    [Data] static Normal Obs(Tensor z) => new(z, 1.0);",
                "");
            var fixedText = await CodeFixHarness.ApplyAsync(AddLatent, "ALAN009", broken, AddMissingLatentCodeFixProvider.LearnableEquivalenceKey);
            Assert.That(fixedText, Is.EqualTo(Replace(broken,
                "public partial class G\n{\n\n}", "public partial class G\n{\n    [Latent] static Bernoulli Z([Param(0.0)] Tensor logits) => new(logits: logits);\n\n}")));
            CodeFixHarness.AssertAccepted(fixedText);
        }

        private const string GammaModel = GeneratorHarness.Usings + @"
[Plate]
public partial class M
{
    [Latent] static Normal Mu() => new(0.0, 1.0);

    [Plate]
    public partial class P1
    {
        [Latent] static Gamma Tau() => new(2.0, 1.0);
        [Data] static Normal Obs(Tensor mu, Tensor tau) => new(mu, tau.rsqrt());
    }
}

[Problem(typeof(M), typeof(G))]
public partial class Prob { }
";

        private const string GammaGuide = GeneratorHarness.Usings + @"
[Plate]
public partial class G
{
    " + LearnableMu + @"
}
";

        [Test]
        public async Task ALAN009_Gamma_InAPlateQOmits_CreatesThePlateInQsFile()
        {
            var texts = await CodeFixHarness.ApplyAsync(AddLatent, "ALAN009", new[] { GammaModel, GammaGuide }, AddMissingLatentCodeFixProvider.LearnableEquivalenceKey);
            Assert.That(texts["Model.cs"], Is.EqualTo(GammaModel), "P is not edited");
            Assert.That(texts["Model1.cs"], Is.EqualTo(Replace(GammaGuide, "    " + LearnableMu + "\n", "    " + LearnableMu + @"

    [Plate]
    public partial class P1
    {
        [Latent] static Gamma Tau([Param(0.0)] Tensor logConcentration, [Param(0.0)] Tensor logRate) => new(logConcentration.exp(), logRate.exp());
    }
")));
            CodeFixHarness.AssertAccepted(texts["Model.cs"], texts["Model1.cs"]);
        }

        [Test]
        public async Task ALAN009_NoTemplate_CopiesPsMethodWhenItsDependenciesAreInQ()
        {
            var broken = Problem(
                "    [Latent] static Normal Mu()" + Std + "\n    [Latent] static StudentT Nu(Tensor mu) => new(3.0, mu, 1.0);",
                "    " + LearnableMu);
            var (workspace, _, _, actions) = await CodeFixHarness.OfferedAsync(AddLatent, "ALAN009", new[] { broken });
            workspace.Dispose();
            Assert.That(actions.Select(a => a.EquivalenceKey), Is.EqualTo(new[] { AddMissingLatentCodeFixProvider.CopyEquivalenceKey }), "StudentT has no learnable template");
            var fixedText = await CodeFixHarness.ApplyAsync(AddLatent, "ALAN009", broken);
            Assert.That(fixedText, Is.EqualTo(Replace(broken,
                "    " + LearnableMu + "\n", "    " + LearnableMu + "\n    [Latent] static StudentT Nu(Tensor mu) => new(3.0, mu, 1.0);\n")));
            CodeFixHarness.AssertAccepted(fixedText);
        }

        private const string InputModel = GeneratorHarness.Usings + @"
[Plate]
public partial class M
{
    [Plate, Input(""Cov"")]
    public partial class P1
    {
        [Latent]
        static StudentT W(Tensor cov)
        {
            var scale = cov.abs() + 1.0;
            return new(3.0, cov, scale);
        }

        [Data] static Normal Obs(Tensor w) => new(w, 1.0);
    }
}

[Plate]
public partial class G
{
    [Plate]
    public partial class P1
    {
    }
}

[Problem(typeof(M), typeof(G))]
public partial class Prob { }
";

        [Test]
        public async Task ALAN009_CopiesABlockBodyThatDependsOnAnInput()
        {
            // The formatter puts the attribute of a block-bodied method on its own line.
            var fixedText = await CodeFixHarness.ApplyAsync(AddLatent, "ALAN009", InputModel);
            Assert.That(fixedText, Is.EqualTo(Replace(InputModel, @"    public partial class P1
    {
    }", @"    public partial class P1
    {
        [Latent]
        static StudentT W(Tensor cov)
        {
            var scale = cov.abs() + 1.0;
            return new(3.0, cov, scale);
        }
    }")));
            CodeFixHarness.AssertAccepted(fixedText);
        }

        [Test]
        public async Task ALAN009_NoTemplate_DependencyMissingFromQ_OffersNoFix()
        {
            var broken = Problem(
                "    [Latent] static Normal Mu()" + Std + "\n    [Latent] static StudentT Nu(Tensor mu) => new(3.0, mu, 1.0);",
                "    // Q");
            // The second ALAN009 is Nu's: its copy would depend on Mu, which Q lacks.
            var (workspace, _, diagnostic, actions) = await CodeFixHarness.OfferedAsync(AddLatent, "ALAN009", new[] { broken }, index: 1);
            workspace.Dispose();
            Assert.That(diagnostic.Properties["Latent"], Is.EqualTo("Nu"));
            Assert.That(actions, Is.Empty);
        }

        [Test]
        public async Task ALAN009_CopyIsNotOfferedWhenItWouldNotCompileInQ()
        {
            var broken = Problem("    const double PriorScale = 2.0;\n    [Latent] static Normal Mu() => new(0.0, PriorScale);", "    // Q");
            var (workspace, _, _, actions) = await CodeFixHarness.OfferedAsync(AddLatent, "ALAN009", new[] { broken });
            workspace.Dispose();
            Assert.That(actions.Select(a => a.EquivalenceKey), Is.EqualTo(new[] { AddMissingLatentCodeFixProvider.LearnableEquivalenceKey }));
        }

        [Test]
        public async Task ALAN009_GoesBeforeTheQLatentThatDependsOnIt()
        {
            var broken = Problem(
                "    [Latent] static Normal Mu()" + Std + "\n    [Latent] static HalfNormal Sigma(Tensor mu) => new(mu.exp());",
                "    [Latent] static HalfNormal Sigma(Tensor mu) => new(mu.abs() + 1.0);");
            var fixedText = await CodeFixHarness.ApplyAsync(AddLatent, "ALAN009", broken, AddMissingLatentCodeFixProvider.LearnableEquivalenceKey);
            Assert.That(fixedText, Is.EqualTo(Replace(broken,
                "    [Latent] static HalfNormal Sigma(Tensor mu) => new(mu.abs() + 1.0);",
                "    " + LearnableMu + "\n    [Latent] static HalfNormal Sigma(Tensor mu) => new(mu.abs() + 1.0);")));
            CodeFixHarness.AssertAccepted(fixedText);
        }

        // ------------------------------------------------------------------ write out a derived guide (ALAN055)

        [Test]
        public async Task ALAN055_TheDerivedGuide_IsWrittenOutAndNamedInTheProblem()
        {
            var auto = IntroModel.Substring(0, IntroModel.IndexOf("// Q: the proposal", StringComparison.Ordinal))
                + "[Problem(typeof(Intro), AutoGuide = AutoGuide.MeanField)]\npublic partial class IntroProblem { }\n";
            var fixedText = await CodeFixHarness.ApplyAsync(WriteOut, "ALAN055", auto);
            Assert.That(fixedText, Does.Contain("[Problem(typeof(Intro), typeof(IntroProblemGuide))]"));
            Assert.That(fixedText, Does.Contain("[Plate]\npublic partial class IntroProblemGuide"));
            Assert.That(fixedText, Does.Contain("static Normal Mu([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale)"));
            Assert.That(fixedText.IndexOf("class IntroProblemGuide", StringComparison.Ordinal),
                Is.LessThan(fixedText.IndexOf("class IntroProblem ", StringComparison.Ordinal)), "the guide goes before the problem");
            CodeFixHarness.AssertAccepted(fixedText);
        }
    }
}
