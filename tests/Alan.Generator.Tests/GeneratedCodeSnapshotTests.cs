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
            public Case(string name, string source, params string[] expectedHintNames)
            {
                Name = name;
                Source = source;
                ExpectedHintNames = expectedHintNames;
            }

            public string Name { get; }
            public string Source { get; }
            public string[] ExpectedHintNames { get; }
            public override string ToString() => Name;
        }

        /// <summary>The partial files of every problem, after the main "X.Problem.g.cs".</summary>
        internal static readonly string[] ProblemParts = { "Sampling", "Estimator", "Posterior", "Prediction", "Qem", "Results" };

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
            new Case("Intro", SnapshotModels.Intro, With("IntroProblem", "Intro.Accessors.g.cs", "IntroGuide.Accessors.g.cs")),
            new Case("Grouped", SnapshotModels.Grouped,
                With("Snapshots.Grouped.GroupedProblem", "Snapshots.Grouped.Guide.Accessors.g.cs", "Snapshots.Grouped.Model.Accessors.g.cs")),
            new Case("Radon", SnapshotModels.Radon,
                With("Snapshots.Radon.RadonProblem", "Snapshots.Radon.Radon.Accessors.g.cs", "Snapshots.Radon.RadonGuide.Accessors.g.cs")),
            new Case("Vector", SnapshotModels.Vector,
                With("Snapshots.Vector.BusProblem", "Snapshots.Vector.Bus.Accessors.g.cs", "Snapshots.Vector.BusGuide.Accessors.g.cs")),
            new Case("Timeseries", SnapshotModels.Timeseries,
                With("Snapshots.Timeseries.EpidemicProblem", "Snapshots.Timeseries.Epidemic.Accessors.g.cs", "Snapshots.Timeseries.EpidemicGuide.Accessors.g.cs")),
            new Case("Binary", SnapshotModels.Binary,
                With("Snapshots.Binary.OccupancyProblem", "Snapshots.Binary.Occupancy.Accessors.g.cs", "Snapshots.Binary.OccupancyGuide.Accessors.g.cs")),
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

        [TestCaseSource(nameof(Cases))]
        public void ProblemFileMatchesSnapshot(Case c)
        {
            var r = RunClean(c);
            var problem = r.GeneratedSources.Where(kv => kv.Key.Contains(".Problem.")).ToList();
            Assert.That(problem, Has.Count.EqualTo(1 + ProblemParts.Length), string.Join(", ", r.GeneratedSources.Keys));
            Assert.Multiple(() =>
            {
                foreach (var kv in problem) Approval.Verify(SnapshotName(c.Name, kv.Key), WithVersionPlaceholder(kv.Value));
            });
            Assert.That(problem.Single(kv => kv.Key.EndsWith(".Problem.g.cs")).Value, Does.Contain(GeneratedCodeAttribute(GeneratorVersion)));
        }

        [TestCaseSource(nameof(Cases))]
        public void AccessorFilesMatchSnapshots(Case c)
        {
            var r = RunClean(c);
            var accessors = r.GeneratedSources.Where(kv => kv.Key.EndsWith(".Accessors.g.cs")).ToList();
            Assert.That(accessors, Has.Count.EqualTo(2), string.Join(", ", r.GeneratedSources.Keys));
            Assert.Multiple(() =>
            {
                foreach (var kv in accessors) Approval.Verify(SnapshotName(c.Name, kv.Key), kv.Value);
            });
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
