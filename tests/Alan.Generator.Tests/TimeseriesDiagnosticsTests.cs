using System.Linq;
using NUnit.Framework;
using static Alan.Generator.Tests.DiagnosticsTests;

namespace Alan.Generator.Tests
{
    /// <summary>The timeseries rules (DESIGN 4.10): one model per diagnostic ALAN036-ALAN041, ALAN048 and ALAN049; observed chains that compile.</summary>
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

        /// <summary>P: X0 at the root and an observed chain Y along T reading <c>prev</c>..; <paramref name="attributes"/> on the root.</summary>
        private static string Observed(string y, string rootExtra = "", string plateAttributes = "") => $@"
    [Latent] static Normal X0() => new(0.0, 1.0);
    {rootExtra}
    [Plate{plateAttributes}] public partial class T
    {{
        {y}
    }}";

        private const string ObservedGuide = "    [Latent] static Normal X0() => new(0.0, 1.0);";

        [Test]
        public void ObservedTimeseries_WithALatentOrAnInputInit_CompilesWithoutDiagnostics()
        {
            foreach (var (model, attributes) in new[]
            {
                (Observed("[Data, Timeseries(\"X0\")] static Normal Y(Tensor prev, Tensor x0) => new(0.5 * prev + x0, 1.0);"), ""),
                (Observed("[Data, Timeseries(\"Init\")] static Normal Y(Tensor prev, Tensor prev2, Tensor x0) => new(x0 + 0.5 * prev - 0.2 * prev2, 1.0);"),
                    "[Input(\"Init\", Shape = new long[] { 2 })]"),
                (Observed("[Data, Timeseries(\"Init\")] static Poisson Y(Tensor prev, Tensor x0) => new((0.1 * prev + x0).exp());"), "[Input(\"Init\")]"),
            })
            {
                var r = GeneratorHarness.Run(Problem(model, ObservedGuide, pAttributes: attributes));
                Assert.That(r.Diagnostics, Is.Empty, r.Describe());
                Assert.That(r.GeneratedCodeErrors(), Is.Empty, r.DescribeGeneratedCodeErrors());
            }
        }

        /// <summary>P: a self-starting chain X along T whose first element is drawn from <paramref name="start"/>.</summary>
        private static string SelfStarting(string start, string x = "[Latent, Timeseries(nameof(Start))] static Normal X(Tensor prev) => new(0.8 * prev, 0.6);") => $@"
    [Latent] static Normal Mu() => new(0.0, 1.0);
    [Plate] public partial class T
    {{
        {start}
        {x}
        [Data] static Normal Y(Tensor x) => new(x, 0.5);
    }}";

        private const string SelfStartingGuide = @"
    [Latent] static Normal Mu() => new(0.0, 1.0);
    [Plate] public partial class T
    {
        [Latent] static Normal X([Param(0.0)] Tensor loc) => new(loc, 1.0);
    }";

        [Test]
        public void SelfStartingChain_WithAStartReadingALatentAndAChainedQ_CompilesWithoutDiagnostics()
        {
            var chainedGuide = SelfStartingGuide.Replace("[Latent] static Normal X([Param(0.0)] Tensor loc) => new(loc, 1.0);",
                "static Normal Start() => new(0.0, 2.0);\n        [Latent, Timeseries(nameof(Start))] static Normal X(Tensor prev) => new(0.5 * prev, 1.0);");
            foreach (var guide in new[] { SelfStartingGuide, chainedGuide })
            {
                var r = GeneratorHarness.Run(Problem(SelfStarting("static Normal Start(Tensor mu) => new(mu, 1.0);"), guide));
                Assert.That(r.Diagnostics, Is.Empty, r.Describe());
                Assert.That(r.GeneratedCodeErrors(), Is.Empty, r.DescribeGeneratedCodeErrors());
            }
        }

        [Test]
        public void ALAN038_StartMethodReturnsNoDistribution()
        {
            var r = GeneratorHarness.Run(Problem(SelfStarting("static Tensor Start() => zeros(1);"), SelfStartingGuide));
            ExpectOnly(r, "ALAN038", "X", "'Start'", "returning 'TorchSharp.torch.Tensor', not an Alan distribution");
        }

        [Test]
        public void ALAN038_StartMethodReadsPrev()
        {
            var r = GeneratorHarness.Run(Problem(SelfStarting("static Normal Start(Tensor prev) => new(prev, 1.0);"), SelfStartingGuide));
            ExpectOnly(r, "ALAN038", "X", "'Start'", "reads 'prev'", "no previous element");
        }

        [Test]
        public void ALAN039_StartMethodOfAnotherEventRank()
        {
            var r = GeneratorHarness.Run(Problem(SelfStarting("static MultivariateNormal Start() => new(zeros(2), scaleTril: eye(2));"), SelfStartingGuide));
            ExpectOnly(r, "ALAN039", "X", "'Start' is a MultivariateNormal (event rank 1)");
        }

        [Test]
        public void ALAN038_ObservedTimeseriesStartingFromAMethod()
        {
            var model = Observed("static Normal Start() => new(0.0, 1.0);\n        [Data, Timeseries(nameof(Start))] static Normal Y(Tensor prev) => new(prev, 1.0);");
            var r = GeneratorHarness.Run(Problem(model, ObservedGuide));
            ExpectOnly(r, "ALAN038", "Y", "'Start'", "is a method", "an observed timeseries starts from a latent or an [Input]");
        }

        [Test]
        public void ALAN040_TimeseriesDataInAProgramRoot()
        {
            var model = "    [Latent] static Normal X0() => new(0.0, 1.0);\n    [Data, Timeseries(\"X0\")] static Normal Y(Tensor prev) => new(prev, 1.0);";
            var r = GeneratorHarness.Run(Problem(model, ObservedGuide));
            ExpectOnly(r, "ALAN040", "Y", "program root 'M'", "move it into the sub-plate");
        }

        [Test]
        public void ALAN048_LagBeyondPrevOnALatentChain()
        {
            var r = GeneratorHarness.Run(Problem(Model("[Latent, Timeseries(\"X0\")] static Normal X(Tensor prev, Tensor prev2) => new(prev - 0.2 * prev2, 1.0);"), Guide));
            ExpectOnly(r, "ALAN048", "X", "'prev2'", "2 elements back", "reads only 'prev'");
        }

        [Test]
        public void ALAN049_InputInitWithoutTheLagsOfTheOrder()
        {
            var model = Observed("[Data, Timeseries(\"Init\")] static Normal Y(Tensor prev, Tensor prev2) => new(0.5 * prev - 0.2 * prev2, 1.0);");
            var r = GeneratorHarness.Run(Problem(model, ObservedGuide, pAttributes: "[Input(\"Init\")]"));
            ExpectOnly(r, "ALAN049", "Y", "up to 2 elements back", "'Init'", "Shape = new long[] { 2 }", "oldest first");
        }

        [Test]
        public void ALAN049_LatentInitOfAnotherEventRank()
        {
            var model = Observed("[Data, Timeseries(\"V0\")] static Normal Y(Tensor prev) => new(prev, 1.0);",
                "[Latent] static MultivariateNormal V0() => new(zeros(2), scaleTril: eye(2));");
            var guide = ObservedGuide + "\n    [Latent] static MultivariateNormal V0() => new(zeros(2), scaleTril: eye(2));";
            var r = GeneratorHarness.Run(Problem(model, guide));
            ExpectOnly(r, "ALAN049", "Y", "up to 1 element back", "'V0'", "MultivariateNormal (event rank 1)", "event shape of 'Y'");
        }

        [Test]
        public void ALAN038_ObservedInitNamesNothing_SuggestsAnInput()
        {
            var model = Observed("[Data, Timeseries(\"Inti\")] static Normal Y(Tensor prev) => new(prev, 1.0);");
            var r = GeneratorHarness.Run(Problem(model, ObservedGuide, pAttributes: "[Input(\"Init\")]"));
            ExpectOnly(r, "ALAN038", "Y", "names no latent or input", "did you mean 'Init'?");
        }

        [Test]
        public void ALAN038_ObservedInitIsAnInputOfAnotherPlate()
        {
            var model = Observed("[Data, Timeseries(\"Init\")] static Normal Y(Tensor prev) => new(prev, 1.0);", plateAttributes: ", Input(\"Init\")");
            var r = GeneratorHarness.Run(Problem(model, ObservedGuide));
            ExpectOnly(r, "ALAN038", "Y", "is an [Input] of plate 'T'", "declare the initial values on 'M'");
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
