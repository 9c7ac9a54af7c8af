using System.Globalization;
using System.Linq;
using NUnit.Framework;
using static Alan.Generator.Tests.DiagnosticsTests;

namespace Alan.Generator.Tests
{
    /// <summary>
    /// Distributions defined in user code (docs/custom-distributions.md): a complete one is accepted and its model's
    /// generated code compiles; one that lacks [Distribution], or has it without deriving from Alan.Distribution, gets
    /// ALAN003 with the fix for that case; a user [QemFamily] does not borrow the runtime's QEM update (ALAN023).
    /// </summary>
    [TestFixture]
    public class UserDistributionTests
    {
        /// <summary>A complete user distribution's body (log-density and reparameterised draw of a shifted exponential).</summary>
        private const string Body = @"
{
    public ShiftedExponential(Tensor rate) { Rate = rate; }
    public Tensor Rate { get; }
    protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
    {
        var rate = Align(Rate, batchRank, dtype);
        return rate.log() - rate * value.to_type(dtype);
    }
    protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
    {
        var rate = Align(Rate, batchShape.Length, dtype);
        var u = torch.rand(batchShape, dtype).clamp(1e-7, 1.0);
        return -u.log() / rate;
    }
}
";

        private static string Model(string distributionAttributes, string qemAttribute = "", string arguments = "Tensor rate", string construct = "new(rate)") =>
            GeneratorHarness.Usings + $@"
[Plate]
public partial class M
{{
    [Latent] static ShiftedExponential Mu({arguments}) => {construct};
}}
{distributionAttributes}{qemAttribute}
public sealed class ShiftedExponential : Distribution{Body}";

        [Test]
        public void UserDistribution_WithTheAttribute_IsAcceptedAndItsModelCompiles()
        {
            var source = Model("[Distribution(Support.Positive, Reparameterised = true)]", arguments: "", construct: "new(1.0)")
                + @"
[Plate]
public partial class G
{
    [Latent] static ShiftedExponential Mu([Param(0.0)] Tensor logRate) => new(logRate.exp());
}

[Problem(typeof(M), typeof(G))]
public partial class Prob { }
";
            var r = GeneratorHarness.Run(source);
            Assert.That(r.Exception, Is.Null);
            Assert.That(r.GeneratorRejected, Is.False, r.Describe());
            Assert.That(r.GeneratedCodeErrors(), Is.Empty, r.DescribeGeneratedCodeErrors());
            Assert.That(r.ProblemCode("Prob"), Does.Contain("Mu"));
        }

        [Test]
        public void ALAN003_UserDistributionWithoutTheAttribute_PointsAtTheAttribute()
        {
            var r = GeneratorHarness.Run(Model(""));
            var d = ExpectOnly(r, "ALAN003", "Mu", "'ShiftedExponential'", "derives from Alan.Distribution but has no [Distribution] attribute",
                "[Distribution(Support.", "public sealed class ShiftedExponential", "docs/custom-distributions.md");
            Assert.That(r.SpanText(d), Is.EqualTo("Mu"));
        }

        [Test]
        public void ALAN003_SubclassOfAMarkedDistribution_NeedsItsOwnAttribute()
        {
            // [Distribution] is not inherited: a subclass declares its own support (it may differ from its base's).
            var source = GeneratorHarness.Usings + @"
[Plate]
public partial class M
{
    [Latent] static Scaled Mu() => new(1.0);
}
[Distribution(Support.Positive, Reparameterised = true)]
public class ShiftedExponential : Distribution" + Body + @"
public sealed class Scaled : ShiftedExponential { public Scaled(Tensor rate) : base(rate) { } }
";
            ExpectOnly(GeneratorHarness.Run(source), "ALAN003", "Mu", "'Scaled'", "has no [Distribution] attribute of its own");
        }

        [Test]
        public void ALAN003_AttributeWithoutTheBaseClass_SaysToDeriveFromDistribution()
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static NotAlan Mu() => new();") + "\n[Distribution(Support.Real)] public sealed class NotAlan { }\n");
            ExpectOnly(r, "ALAN003", "Mu", "'NotAlan'", "not an Alan distribution", "does not derive from Alan.Distribution",
                "LogProbCore and SampleCore");
        }

        [Test]
        public void ALAN003_PlainType_KeepsTheBuiltInSuggestion()
        {
            var r = GeneratorHarness.Run(Program("    [Latent] static double Mu() => 0.0;"));
            var d = ExpectOnly(r, "ALAN003", "Mu", "'double'", "return a distribution type such as Alan.Normal");
            Assert.That(d.GetMessage(CultureInfo.InvariantCulture), Does.Not.Contain("[Distribution("));
        }

        [Test]
        public void ALAN023_UserQemFamily_DoesNotBorrowTheRuntimesUpdate()
        {
            // QEM's update is the runtime family's own mathematics (Exponential: rate = 1 / E[x]); a user type
            // declaring that family would be updated as if it were Alan.Exponential.
            var r = GeneratorHarness.Run(Model(
                "[Distribution(Support.Positive, Reparameterised = true)]",
                "\n[Alan.CompilerServices.QemFamily(Alan.CompilerServices.QemFamily.Exponential, \"rate\")]",
                arguments: "[QemParam(1.0)] Tensor rate"));
            var d = ExpectOnly(r, "ALAN023", "Mu", "ShiftedExponential", "use [Param]");
            Assert.That(d.GetMessage(CultureInfo.InvariantCulture), Does.EndWith(
                "one of: Normal, Bernoulli, Exponential, HalfNormal, Poisson, Gamma, Beta, Dirichlet, MultivariateNormal"));
            Assert.That(r.Diagnostics.Select(x => x.Id), Is.EqualTo(new[] { "ALAN023" }), r.Describe());
        }
    }
}
