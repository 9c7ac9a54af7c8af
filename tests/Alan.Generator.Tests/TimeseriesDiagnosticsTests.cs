using System.Linq;
using NUnit.Framework;
using static Alan.Generator.Tests.DiagnosticsTests;

namespace Alan.Generator.Tests
{
    /// <summary>The timeseries rules (DESIGN 4.10): one model per diagnostic ALAN036-ALAN041.</summary>
    [TestFixture]
    public class TimeseriesDiagnosticsTests
    {
        private const string Guide = @"
    [Latent] static Normal X0() => new(0.0, 1.0);
    [Plate] public partial class T
    {
        [Latent] static Normal X([Param(0.0)] Tensor loc) => new(loc, 1.0);
    }";

        /// <summary>P: X0 at the root, a chain X along T (declared by <paramref name="x"/>) and data Y.</summary>
        private static string Model(string x, string extra = "") => $@"
    [Latent] static Normal X0() => new(0.0, 1.0);
    {extra}
    [Plate] public partial class T
    {{
        {x}
        [Data] static Normal Y(Tensor x) => new(x, 0.5);
    }}";

        [Test]
        public void ALAN036_PrevWithoutTimeseries()
        {
            var r = GeneratorHarness.Run(Problem(Model("[Latent] static Normal X(Tensor prev) => new(prev, 1.0);"), Guide));
            ExpectOnly(r, "ALAN036", "X", "'prev'", "not a timeseries", "Timeseries(\"Init\")");
        }

        [Test]
        public void ALAN036_PrevBindsAnExistingLatentNamedPrev()
        {
            // 'prev' is an ordinary argument when a latent 'Prev' is in scope: no timeseries rule applies.
            var model = Model("[Latent] static Normal X(Tensor prev) => new(prev, 1.0);", "[Latent] static Normal Prev() => new(0.0, 1.0);");
            var guide = Guide + "\n    [Latent] static Normal Prev() => new(0.0, 1.0);";
            var r = GeneratorHarness.Run(Problem(model, guide));
            Assert.That(r.Diagnostics.Where(d => d.Id == "ALAN036"), Is.Empty, r.Describe());
        }

        [Test]
        public void ALAN037_TimeseriesWithoutPrev()
        {
            var r = GeneratorHarness.Run(Problem(Model("[Latent, Timeseries(\"X0\")] static Normal X() => new(0.0, 1.0);"), Guide));
            ExpectOnly(r, "ALAN037", "X", "[Timeseries(\"X0\")]", "no argument named 'prev'", "Tensor prev");
        }

        [Test]
        public void ALAN038_InitMisspelt_SuggestsTheClosestLatent()
        {
            var r = GeneratorHarness.Run(Problem(Model("[Latent, Timeseries(\"Xo\")] static Normal X(Tensor prev) => new(prev, 1.0);"), Guide));
            ExpectOnly(r, "ALAN038", "X", "'Xo'", "names no latent", "did you mean 'X0'?");
        }

        [Test]
        public void ALAN038_InitEmpty()
        {
            var r = GeneratorHarness.Run(Problem(Model("[Latent, Timeseries(\"\")] static Normal X(Tensor prev) => new(prev, 1.0);"), Guide));
            ExpectOnly(r, "ALAN038", "X", "is empty");
        }

        [Test]
        public void ALAN038_InitNotInTheImmediatelyEnclosingPlate()
        {
            var model = @"
    [Latent] static Normal X0() => new(0.0, 1.0);
    [Plate] public partial class R
    {
        [Plate] public partial class T
        {
            [Latent, Timeseries(""X0"")] static Normal X(Tensor prev) => new(prev, 1.0);
        }
    }";
            var guide = @"
    [Latent] static Normal X0() => new(0.0, 1.0);
    [Plate] public partial class R
    {
        [Plate] public partial class T { [Latent] static Normal X() => new(0.0, 1.0); }
    }";
            var r = GeneratorHarness.Run(Problem(model, guide));
            ExpectOnly(r, "ALAN038", "X", "'X0'", "lives in plate 'M', not in 'R'", "immediately enclosing 'T'", "declare the initial state in 'R'");
        }

        [Test]
        public void ALAN038_InitInTheSamePlate()
        {
            var model = @"
    [Plate] public partial class T
    {
        [Latent] static Normal X0() => new(0.0, 1.0);
        [Latent, Timeseries(""X0"")] static Normal X(Tensor prev) => new(prev, 1.0);
    }";
            var guide = @"
    [Plate] public partial class T
    {
        [Latent] static Normal X0() => new(0.0, 1.0);
        [Latent] static Normal X() => new(0.0, 1.0);
    }";
            var r = GeneratorHarness.Run(Problem(model, guide));
            ExpectOnly(r, "ALAN038", "X", "lives in plate 'T', not in 'M'");
        }

        [Test]
        public void ALAN039_InitEventRankDiffers()
        {
            var model = Model("[Latent, Timeseries(\"X0\")] static Normal X(Tensor prev) => new(prev, 1.0);")
                .Replace("[Latent] static Normal X0() => new(0.0, 1.0);",
                    "[Latent] static MultivariateNormal X0() => new(zeros(2), scaleTril: eye(2));");
            var guide = Guide.Replace("[Latent] static Normal X0() => new(0.0, 1.0);",
                "[Latent] static MultivariateNormal X0() => new(zeros(2), scaleTril: eye(2));");
            var r = GeneratorHarness.Run(Problem(model, guide));
            ExpectOnly(r, "ALAN039", "X", "a Normal (event rank 0)", "'X0' is a MultivariateNormal (event rank 1)", "same event shape");
        }

        [Test]
        public void ALAN040_TimeseriesOnData()
        {
            var model = Model("[Latent] static Normal X() => new(0.0, 1.0);")
                .Replace("[Data] static Normal Y(Tensor x)", "[Data, Timeseries(\"X0\")] static Normal Y(Tensor x)");
            var r = GeneratorHarness.Run(Problem(model, Guide));
            ExpectOnly(r, "ALAN040", "Y", "is a [Data] variable", "remove [Timeseries]");
        }

        [Test]
        public void ALAN040_TimeseriesInAProgramRoot()
        {
            var model = "    [Latent] static Normal X0() => new(0.0, 1.0);\n    [Latent, Timeseries(\"X0\")] static Normal X(Tensor prev) => new(prev, 1.0);";
            var guide = "    [Latent] static Normal X0() => new(0.0, 1.0);\n    [Latent] static Normal X() => new(0.0, 1.0);";
            var r = GeneratorHarness.Run(Problem(model, guide));
            ExpectOnly(r, "ALAN040", "X", "program root 'M'", "move it into the sub-plate");
        }

        [Test]
        public void ALAN041_ChainInAGroup()
        {
            var guide = Guide.Replace("[Latent] static Normal X(", "[Latent(Group = \"g\")] static Normal Z() => new(0.0, 1.0);\n        [Latent(Group = \"g\")] static Normal X(");
            var model = Model("[Latent, Timeseries(\"X0\")] static Normal X(Tensor prev) => new(prev, 1.0);")
                .Replace("        [Data]", "        [Latent] static Normal Z() => new(0.0, 1.0);\n        [Data]");
            var r = GeneratorHarness.Run(Problem(model, guide));
            Expect(r, "ALAN041", "X", false, "shares the particle group 'g'", "'Z'", "remove Group");
        }

        [Test]
        public void ALAN041_ChainOnlyInTheProposal()
        {
            var model = Model("[Latent] static Normal X() => new(0.0, 1.0);");
            var guide = Guide.Replace("[Latent] static Normal X([Param(0.0)] Tensor loc) => new(loc, 1.0);",
                "[Latent, Timeseries(\"X0\")] static Normal X(Tensor prev) => new(prev, 1.0);");
            var r = GeneratorHarness.Run(Problem(model, guide));
            ExpectOnly(r, "ALAN041", "X", "timeseries in the proposal 'G' but not in the model 'M'");
        }

        [Test]
        public void ALAN041_InitAlsoReadDirectlyInTheChainsPlate()
        {
            var model = Model("[Latent, Timeseries(\"X0\")] static Normal X(Tensor prev) => new(prev, 1.0);")
                .Replace("[Data] static Normal Y(Tensor x) => new(x, 0.5);", "[Data] static Normal Y(Tensor x, Tensor x0) => new(x + x0, 0.5);");
            var r = GeneratorHarness.Run(Problem(model, Guide));
            Expect(r, "ALAN041", "X", false, "'Y' of 'M' also reads directly inside plate 'T'");
        }
    }
}
