using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Alan.Generator.Tests
{
    /// <summary>
    /// Approved snapshots of the generated code (DESIGN 5.1, "readable code"). Each model is run through the
    /// generator; it must report no diagnostics, the output compilation must have no errors, and every generated
    /// file must equal its snapshot in <c>Snapshots/</c>. After an intended change of the emitter, rerun with
    /// <c>ALAN_ACCEPT_SNAPSHOTS=1</c> (see <see cref="Approval"/>) and review the diff of the snapshots.
    /// </summary>
    [TestFixture]
    public class GeneratedCodeSnapshotTests
    {
        public sealed class Case
        {
            public Case(string name, string source, string[] snapshots, params string[] expectedHintNames)
            {
                Name = name;
                Source = source;
                Snapshots = snapshots;
                ExpectedHintNames = expectedHintNames;
            }

            public string Name { get; }
            public string Source { get; }

            /// <summary>
            /// The generated files this case approves, by their part ("Problem" for the main file, "Accessors" for both
            /// programs' accessors, else a <see cref="ProblemParts"/> entry): the ones its feature shapes, so one emitter
            /// change touches few snapshots. Every file of every case is still compiled and checked below.
            /// </summary>
            public string[] Snapshots { get; }
            public string[] ExpectedHintNames { get; }
            public override string ToString() => Name;
        }

        /// <summary>The partial files of every problem, after the main "X.Problem.g.cs".</summary>
        internal static readonly string[] ProblemParts = { "Sampling", "Estimator", "Posterior", "Prediction", "Qem", "Results" };

        /// <summary>Every file: the reference models (Intro, Radon) approve all of their generated code.</summary>
        private static readonly string[] All = new[] { "Problem", "Accessors" }.Concat(ProblemParts).ToArray();

        /// <summary>
        /// The files of a case. The cases compile as a class library without MSBuild properties, so their native heap
        /// policy is system and they get no module initializer (see <see cref="NativeHeapPolicyTests"/>).
        /// </summary>
        private static string[] With(string problem, params string[] accessors) =>
            accessors.Concat(new[] { problem + ".Problem.g.cs" })
                .Concat(ProblemParts.Select(p => problem + ".Problem." + p + ".g.cs")).ToArray();

        /// <summary>The one file per assembly whose native heap policy is reuse: its module initializer.</summary>
        internal const string ModuleInitializerHintName = "Alan.ModuleInitializer.g.cs";

        public static readonly Case[] Cases =
        {
            new Case("Intro", SnapshotModels.Intro, All, With("IntroProblem", "Intro.Accessors.g.cs", "IntroGuide.Accessors.g.cs")),
            // Groups: one particle dim for several latents, in sampling and in the factors.
            new Case("Grouped", SnapshotModels.Grouped, new[] { "Sampling", "Estimator" },
                With("Snapshots.Grouped.GroupedProblem", "Snapshots.Grouped.Guide.Accessors.g.cs", "Snapshots.Grouped.Model.Accessors.g.cs")),
            new Case("Radon", SnapshotModels.Radon, All,
                With("Snapshots.Radon.RadonProblem", "Snapshots.Radon.Radon.Accessors.g.cs", "Snapshots.Radon.RadonGuide.Accessors.g.cs")),
            // Event shapes: parameters and inputs with event dims, validated and placed by the constructor.
            new Case("Vector", SnapshotModels.Vector, new[] { "Problem", "Estimator" },
                With("Snapshots.Vector.BusProblem", "Snapshots.Vector.Bus.Accessors.g.cs", "Snapshots.Vector.BusGuide.Accessors.g.cs")),
            // Timeseries: chains drawn element by element, their chain product, forward-filter backward-sample, forecasting.
            new Case("Timeseries", SnapshotModels.Timeseries, new[] { "Sampling", "Estimator", "Posterior", "Prediction" },
                With("Snapshots.Timeseries.EpidemicProblem", "Snapshots.Timeseries.Epidemic.Accessors.g.cs", "Snapshots.Timeseries.EpidemicGuide.Accessors.g.cs")),
            // A chain filtered from its Normal transition's parts: the ring takes them instead of the chain factor.
            new Case("FilteredChain", SnapshotModels.FilteredChain, new[] { "Estimator" },
                With("Snapshots.FilteredChain.OutbreakProblem", "Snapshots.FilteredChain.Outbreak.Accessors.g.cs", "Snapshots.FilteredChain.OutbreakGuide.Accessors.g.cs")),
            // Observed timeseries: lags of the observations computed once and cut like any read, drawn forward by SamplePrior.
            new Case("ObservedTimeseries", SnapshotModels.ObservedTimeseries, new[] { "Sampling", "Estimator", "Prediction" },
                With("Snapshots.ObservedTimeseries.SalesProblem", "Snapshots.ObservedTimeseries.Sales.Accessors.g.cs",
                    "Snapshots.ObservedTimeseries.SalesGuide.Accessors.g.cs")),
            // Self-starting chains: the first element drawn from and scored under its own distribution.
            new Case("SelfStarting", SnapshotModels.SelfStarting, new[] { "Sampling", "Estimator", "Prediction" },
                With("Snapshots.SelfStarting.WeatherProblem", "Snapshots.SelfStarting.Weather.Accessors.g.cs",
                    "Snapshots.SelfStarting.WeatherGuide.Accessors.g.cs")),
            // Binary fast paths: a latent summed per value, Q's mixture at 0 and 1, data summed by counts.
            new Case("Binary", SnapshotModels.Binary, new[] { "Estimator" },
                With("Snapshots.Binary.OccupancyProblem", "Snapshots.Binary.Occupancy.Accessors.g.cs", "Snapshots.Binary.OccupancyGuide.Accessors.g.cs")),
            // QEM: moving averages of each family's sufficient statistics and their conversion to parameters.
            new Case("Qem", SnapshotModels.Qem, new[] { "Problem", "Qem" },
                With("Snapshots.Qem.RegressionProblem", "Snapshots.Qem.Regression.Accessors.g.cs", "Snapshots.Qem.RegressionGuide.Accessors.g.cs")),
            // A user-defined distribution: sampled and scored through Alan.Distribution like Alan's own, in P and in Q.
            new Case("UserDistribution", SnapshotModels.UserDistribution, new[] { "Sampling", "Estimator" },
                With("Snapshots.UserDistribution.GerminationProblem", "Snapshots.UserDistribution.Germination.Accessors.g.cs",
                    "Snapshots.UserDistribution.GerminationGuide.Accessors.g.cs")),
            // Improper priors: SamplePrior refuses, Extend keeps a flat latent's draws; a Mixture's derived support checks the data.
            new Case("Improper", SnapshotModels.Improper, new[] { "Problem", "Sampling", "Prediction" },
                With("Snapshots.Improper.ClustersProblem", "Snapshots.Improper.Clusters.Accessors.g.cs", "Snapshots.Improper.ClustersGuide.Accessors.g.cs")),
            // Constraint transforms: the non-centred eight schools with a Transformed(Normal, Exp) proposal for tau.
            // A derived guide ([Problem(typeof(P))]): the guide file itself.
            new Case("AutoGuide", SnapshotModels.AutoGuide, new[] { "Guide" },
                With("Snapshots.AutoGuide.SchoolsAuto", "Snapshots.AutoGuide.Schools.Accessors.g.cs", "Snapshots.AutoGuide.SchoolsAuto.Guide.Accessors.g.cs",
                    "Snapshots.AutoGuide.SchoolsAuto.Guide.g.cs")),
            new Case("Bijectors", SnapshotModels.Bijectors, new[] { "Sampling", "Estimator" },
                With("Snapshots.Bijectors.SchoolsProblem", "Snapshots.Bijectors.Schools.Accessors.g.cs", "Snapshots.Bijectors.SchoolsGuide.Accessors.g.cs")),
        };

        /// <summary>The generator's assembly version (VersionPrefix in Directory.Build.props), named by [GeneratedCode].</summary>
        private static readonly string GeneratorVersion = typeof(AlanGenerator).Assembly.GetName().Version!.ToString();

        private static string GeneratedCodeAttribute(string version) => $"GeneratedCode(\"Alan.Generator\", \"{version}\")";

        /// <summary>
        /// The snapshots show the generator's version as "{version}", so a version bump does not change them; the test
        /// checks separately that the generated code names the real version.
        /// </summary>
        private static string WithVersionPlaceholder(string source) =>
            source.Replace(GeneratedCodeAttribute(GeneratorVersion), GeneratedCodeAttribute("{version}"));

        /// <summary>
        /// Snapshot name of a generated file: the case name, then the hint name without the models' namespace
        /// ("Snapshots.&lt;Case&gt;.") and without ".g.cs", e.g. "Radon.RadonProblem.Problem".
        /// </summary>
        internal static string SnapshotName(string model, string hintName)
        {
            var name = hintName.EndsWith(".g.cs") ? hintName.Substring(0, hintName.Length - ".g.cs".Length) : hintName;
            var ns = "Snapshots." + model + ".";
            if (name.StartsWith(ns)) name = name.Substring(ns.Length);
            return model + "." + name;
        }

        private static HarnessResult RunClean(Case c)
        {
            var r = GeneratorHarness.Run(c.Source);
            Assert.That(r.Exception, Is.Null, r.Exception?.ToString());
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
            Assert.That(r.CompilationErrors, Is.Empty, string.Join("\n", r.CompilationErrors.Select(d => d.ToString())));
            return r;
        }

        [TestCaseSource(nameof(Cases))]
        public void GeneratesExactlyTheExpectedFiles(Case c)
        {
            var r = RunClean(c);
            Assert.That(r.GeneratedSources.Keys, Is.EquivalentTo(c.ExpectedHintNames));
        }

        [Test]
        public void ModuleInitializerMatchesItsSnapshot()
        {
            var r = GeneratorHarness.RunWithBuildProperties(NativeHeapPolicyTests.Executable, Cases[0].Source);
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
            Assert.That(r.CompilationErrors, Is.Empty, string.Join("\n", r.CompilationErrors.Select(d => d.ToString())));
            Approval.Verify("ModuleInitializer", r.GeneratedSources[ModuleInitializerHintName]);
        }

        [Test]
        public void AnExecutableWithoutAProblemGetsNoModuleInitializer()
        {
            var source = GeneratorHarness.Usings + @"
[Plate]
public partial class Lone
{
    [Latent] static Normal A() => new(0.0, 1.0);
}";
            var r = GeneratorHarness.RunWithBuildProperties(NativeHeapPolicyTests.Executable, source);
            Assert.That(r.GeneratedSources.Keys, Is.EquivalentTo(new[] { "Lone.Accessors.g.cs" }), r.Describe());
        }

        /// <summary>The part a generated file belongs to: "Accessors", "Problem" (the main file) or a <see cref="ProblemParts"/> entry.</summary>
        private static string PartOf(string hintName)
        {
            if (hintName.EndsWith(".Accessors.g.cs")) return "Accessors";
            if (hintName.EndsWith(".Guide.g.cs")) return "Guide";
            if (hintName.EndsWith(".Problem.g.cs")) return "Problem";
            return ProblemParts.Single(p => hintName.EndsWith(".Problem." + p + ".g.cs"));
        }

        [TestCaseSource(nameof(Cases))]
        public void ItsFeaturesFilesMatchTheirSnapshots(Case c)
        {
            var r = RunClean(c);
            var approved = r.GeneratedSources.Where(kv => kv.Key != ModuleInitializerHintName && c.Snapshots.Contains(PartOf(kv.Key))).ToList();
            Assert.That(approved.Select(kv => PartOf(kv.Key)).Distinct(), Is.EquivalentTo(c.Snapshots), string.Join(", ", r.GeneratedSources.Keys));
            Assert.Multiple(() =>
            {
                foreach (var kv in approved) Approval.Verify(SnapshotName(c.Name, kv.Key), WithVersionPlaceholder(kv.Value));
            });
            Assert.That(r.GeneratedSources.Single(kv => kv.Key.EndsWith(".Problem.g.cs")).Value, Does.Contain(GeneratedCodeAttribute(GeneratorVersion)));
        }

        /// <summary>Every snapshot file belongs to a case's approved files: none is left behind when a case approves less.</summary>
        [Test]
        public void EverySnapshotFileIsApprovedByACase()
        {
            var expected = new HashSet<string> { "ModuleInitializer" };
            foreach (var c in Cases)
                foreach (var hint in c.ExpectedHintNames.Where(h => h != ModuleInitializerHintName && c.Snapshots.Contains(PartOf(h))))
                    expected.Add(SnapshotName(c.Name, hint));
            var files = System.IO.Directory.GetFiles(Approval.SnapshotDirectory, "*.verified.cs")
                .Select(f => System.IO.Path.GetFileName(f)).Select(f => f.Substring(0, f.Length - ".verified.cs".Length));
            Assert.That(files, Is.EquivalentTo(expected));
        }

        /// <summary>The generated files compile without warnings either (the repository treats warnings as errors).</summary>
        [TestCaseSource(nameof(Cases))]
        public void GeneratedCodeHasNoWarnings(Case c)
        {
            var r = RunClean(c);
            var generatedTrees = new HashSet<SyntaxTree>(r.Compilation.SyntaxTrees.Except(r.InputCompilation.SyntaxTrees));
            var warnings = r.Compilation.GetDiagnostics()
                .Where(d => d.Severity == DiagnosticSeverity.Warning && d.Location.SourceTree != null && generatedTrees.Contains(d.Location.SourceTree))
                .ToList();
            Assert.That(warnings, Is.Empty, string.Join("\n", warnings.Select(d => d.ToString())));
        }

        /// <summary>Every generated file starts with the auto-generated marker (DESIGN 5.1).</summary>
        [TestCaseSource(nameof(Cases))]
        public void GeneratedFilesAreMarkedAutoGenerated(Case c)
        {
            var r = RunClean(c);
            Assert.Multiple(() =>
            {
                foreach (var kv in r.GeneratedSources)
                    Assert.That(kv.Value.TrimStart().StartsWith("// <auto-generated/>"), Is.True, kv.Key);
            });
        }

        /// <summary>Generated code is read by users: no line of any generated file is wider than 160 characters.</summary>
        [TestCaseSource(nameof(Cases))]
        public void NoGeneratedLineIsWiderThan160Characters(Case c)
        {
            var r = RunClean(c);
            var wide = r.GeneratedSources
                .SelectMany(kv => kv.Value.Split('\n').Select((line, i) => (File: kv.Key, Line: i + 1, Text: line.TrimEnd('\r'))))
                .Where(l => l.Text.Length > 160)
                .Select(l => $"{l.File}:{l.Line} ({l.Text.Length} characters): {l.Text.Trim()}")
                .ToList();
            Assert.That(wide, Is.Empty, string.Join("\n", wide));
        }

        /// <summary>Running the generator twice on the same input gives byte-identical output (deterministic emission).</summary>
        [TestCaseSource(nameof(Cases))]
        public void OutputIsDeterministic(Case c)
        {
            var first = GeneratorHarness.Run(c.Source);
            var second = GeneratorHarness.Run(c.Source);
            Assert.That(second.GeneratedSources, Is.EqualTo(first.GeneratedSources));
        }
    }
}
