using System.Globalization;
using System.Linq;
using NUnit.Framework;
using static Alan.Generator.Tests.DiagnosticsTests;

namespace Alan.Generator.Tests
{
    /// <summary>
    /// A Transformed variable's support is its bijector's, read from the static type of the bijector argument; P/Q support
    /// agreement (ALAN012) then applies unchanged. ALAN046/ALAN047 report bijector and base types the generator cannot use;
    /// QEM on a Transformed is ALAN023 naming it.
    /// </summary>
    [TestFixture]
    public class TransformedDiagnosticsTests
    {
        private const string GammaPrior = "    [Latent] static Gamma Tau() => new(2.0, 1.0);";

        private static string Guide(string returned) =>
            "    [Latent] static Transformed Tau([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale)\n        => " + returned + ";";

        private static void AssertCompiles(HarnessResult r)
        {
            Assert.That(r.Exception, Is.Null);
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
            Assert.That(r.CompilationErrors, Is.Empty, string.Join("\n", r.CompilationErrors));
        }

        [TestCase("new(new Normal(loc, logScale.exp()), Bijector.Exp)")]
        [TestCase("new Transformed(new Normal(loc, logScale.exp()), Bijector.Softplus)")]
        [TestCase("new Alan.Transformed(bijector: Bijector.Exp, baseDistribution: new Normal(loc, logScale.exp()))")]
        [TestCase("(new(new StudentT(3.0, loc, logScale.exp()), Bijector.Exp))")]
        public void APositivePriorAcceptsAnExpOrSoftplusGuide(string returned)
        {
            AssertCompiles(GeneratorHarness.Run(Problem(GammaPrior, Guide(returned))));
        }

        [Test]
        public void ABlockBodyThatOnlyReturnsTheTransformedIsRead()
        {
            var q = "    [Latent] static Transformed Tau([Param(0.0)] Tensor loc)\n    {\n        return new(new Normal(loc, 1.0), Bijector.Exp);\n    }";
            AssertCompiles(GeneratorHarness.Run(Problem(GammaPrior, q)));
        }

        [Test]
        public void APositivePriorRejectsAUnitIntervalGuide()
        {
            var r = GeneratorHarness.Run(Problem(GammaPrior, Guide("new(new Normal(loc, logScale.exp()), Bijector.UnitInterval)")));
            var d = ExpectOnly(r, "ALAN012", "Tau", "Positive", "Gamma", "UnitInterval", "Transformed(Normal, UnitInterval)");
            Assert.That(r.LineOf(d), Does.Contain("Transformed"), "reported on Q's declaration");
        }

        [TestCase("Beta Theta() => new(2.0, 3.0);", "new(new Normal(loc, 1.0), Bijector.UnitInterval)")]
        [TestCase("Uniform Theta() => new(-1.0, 2.0);", "new(new Normal(loc, 1.0), Bijector.Interval(-1.0, 2.0))")]
        [TestCase("Uniform Theta() => new(-1.0, 2.0);", "new(new Normal(loc, 1.0), Bijector.LowerBound(-1.0))")]
        [TestCase("Dirichlet Theta() => new(torch.ones(3));", "new(new Normal(loc, 1.0), Bijector.StickBreaking)")]
        [TestCase("Transformed Theta() => new(new Normal(torch.zeros(3), 1.0), Bijector.Ordered);", "new(new Normal(loc, 1.0), Bijector.Ordered)")]
        [TestCase("Transformed Theta() => new(new Normal(torch.zeros(3), 1.0), Bijector.PositiveOrdered);", "new(new Normal(loc, 1.0), Bijector.PositiveOrdered)")]
        [TestCase("HalfNormal Theta() => new(1.0);", "new(new Normal(loc, 1.0), (ExpBijector)Bijector.Exp)")]
        public void EachBijectorGivesItsSupport(string p, string returned)
        {
            var q = "    [Latent] static Transformed Theta([Param(0.0, Shape = new long[] { 2 })] Tensor loc) => " + returned + ";";
            AssertCompiles(GeneratorHarness.Run(Problem("    [Latent] static " + p, q)));
        }

        [Test]
        public void OrderedAndPositiveOrderedAreDifferentSupports()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Transformed Theta() => new(new Normal(torch.zeros(3), 1.0), Bijector.Ordered);",
                "    [Latent] static Transformed Theta() => new(new Normal(torch.zeros(3), 1.0), Bijector.PositiveOrdered);"));
            ExpectOnly(r, "ALAN012", "Theta", "Ordered", "PositiveOrdered");
        }

        [Test]
        public void ALAN046_ABijectorOfTheBaseTypeHasNoKnownSupport()
        {
            var q = "    static readonly Bijector Positive = Bijector.Exp;\n"
                + "    [Latent] static Transformed Tau([Param(0.0)] Tensor loc) => new(new Normal(loc, 1.0), Positive);";
            var r = GeneratorHarness.Run(Problem(GammaPrior, q));
            var d = ExpectOnly(r, "ALAN046", "Tau", "static type 'Bijector'", "Bijector.Exp", "ExpBijector");
            Assert.That(d.Descriptor.Title.ToString(CultureInfo.InvariantCulture), Is.EqualTo("Bijector type is not known at compile time"));
        }

        [Test]
        public void ALAN046_AConditionalBetweenBijectorsHasNoOneSupport()
        {
            var q = "    [Latent] static Transformed Tau([Param(0.0)] Tensor loc)\n"
                + "        => new(new Normal(loc, 1.0), loc.numel() > 1 ? Bijector.Exp : Bijector.Softplus);";
            ExpectOnly(GeneratorHarness.Run(Problem(GammaPrior, q)), "ALAN046", "Tau", "static type 'Bijector'");
        }

        [Test]
        public void ALAN046_AReturnTheGeneratorCannotReadIsReported()
        {
            var q = "    [Latent] static Transformed Tau([Param(0.0)] Tensor loc)\n    {\n"
                + "        var t = new Transformed(new Normal(loc, 1.0), Bijector.Exp);\n        return t;\n    }";
            var r = GeneratorHarness.Run(Problem(GammaPrior, q));
            ExpectOnly(r, "ALAN046", "Tau", "cannot be read", "new Transformed(new Normal(loc, scale), Bijector.Exp)");
        }

        [Test]
        public void ALAN047_TheBaseMustBeRealValued()
        {
            var r = GeneratorHarness.Run(Problem(GammaPrior, Guide("new(new Gamma(loc.exp(), logScale.exp()), Bijector.Exp)")));
            ExpectOnly(r, "ALAN047", "Tau", "Gamma", "not real-valued", "Normal");
        }

        [Test]
        public void ALAN047_TheBaseTypeMustBeKnown()
        {
            var q = "    [Latent] static Transformed Tau([Param(0.0)] Tensor loc)\n"
                + "        => new(true ? new Normal(loc, 1.0) : new Cauchy(loc, 1.0), Bijector.Exp);";
            var r = GeneratorHarness.Run(Problem(GammaPrior, q));
            ExpectOnly(r, "ALAN047", "Tau", "static type 'Distribution'", "not an Alan distribution type");
        }

        [Test]
        public void ALAN023_QemOnATransformedSaysItHasNoFamily()
        {
            var q = "    [Latent] static Transformed Tau([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale)\n"
                + "        => new(new Normal(loc, scale), Bijector.Exp);";
            var r = GeneratorHarness.Run(Problem(GammaPrior, q));
            ExpectOnly(r, "ALAN023", "Tau", "no moment-matching update for Transformed(Normal, Exp)", "use [Param]", "Gamma");
        }

        [Test]
        public void AReparameterisedBaseMakesAReparameterisedLatent()
        {
            // A discrete base is rejected by ALAN047 before reparameterisation matters; a StudentT base is pathwise.
            var r = GeneratorHarness.Run(Problem(GammaPrior, Guide("new(new StudentT(3.0, loc, logScale.exp()), Bijector.Exp)")));
            AssertCompiles(r);
            var sampling = r.GeneratedSources.Single(kv => kv.Key.Contains("Sampling")).Value;
            Assert.That(sampling, Does.Not.Contain("cannot be sampled with reparameterisation"), "no discrete-latent guard for Tau");
        }
    }
}
