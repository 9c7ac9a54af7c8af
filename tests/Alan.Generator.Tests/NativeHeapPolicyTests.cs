using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Alan.Generator.Tests
{
    /// <summary>
    /// Which assemblies get the module initializer that turns on the reusing native heap: the MSBuild property
    /// AlanNativeHeap (reuse or system) when set, else reuse for executables only (OutputType Exe or WinExe), never
    /// by default for a class library; an unknown value is ALAN043.
    /// </summary>
    [TestFixture]
    public class NativeHeapPolicyTests
    {
        private const string Initializer = GeneratedCodeSnapshotTests.ModuleInitializerHintName;

        /// <summary>The properties of an application project (what build/AlanNativeHeap.targets passes for one).</summary>
        internal static readonly IReadOnlyDictionary<string, string> Executable = Properties(outputType: "Exe");

        private static IReadOnlyDictionary<string, string> Properties(string outputType, string? heap = null)
        {
            var properties = new Dictionary<string, string> { ["OutputType"] = outputType };
            // An unset MSBuild property reaches the generator as an empty value.
            properties["AlanNativeHeap"] = heap ?? "";
            return properties;
        }

        private static HarnessResult Run(IReadOnlyDictionary<string, string> properties, string? source = null)
        {
            var r = GeneratorHarness.RunWithBuildProperties(properties, source ?? SnapshotModels.Intro);
            Assert.That(r.Exception, Is.Null, r.Exception?.ToString());
            return r;
        }

        private static void AssertClean(HarnessResult r)
        {
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
            Assert.That(r.GeneratedCodeErrors(), Is.Empty, r.DescribeGeneratedCodeErrors());
        }

        /// <summary>A library with a plate but no problem: it references Alan.Runtime (the harness always does).</summary>
        private const string NoProblem = GeneratorHarness.Usings + @"
[Plate]
public partial class Lone
{
    [Latent] static Normal A() => new(0.0, 1.0);
}";

        [TestCase("Exe")]
        [TestCase("WinExe")]
        [TestCase("exe")]
        public void AnExecutableWithAProblem_GetsTheInitializerByDefault(string outputType)
        {
            var r = Run(Properties(outputType));
            AssertClean(r);
            Assert.That(r.GeneratedSources.Keys, Does.Contain(Initializer));
            Assert.That(r.GeneratedSources[Initializer], Does.Contain("[global::System.Runtime.CompilerServices.ModuleInitializer]")
                .And.Contain("global::Alan.CompilerServices.Memory.NativeMemorySetup.Initialize()"));
        }

        [Test]
        public void AClassLibraryWithAProblem_GetsNoInitializerByDefault()
        {
            var r = Run(Properties("Library"));
            AssertClean(r);
            Assert.That(r.GeneratedSources.Keys, Has.Some.EndsWith(".Problem.g.cs"), "the problem itself is generated");
            Assert.That(r.GeneratedSources.Keys, Has.No.Member(Initializer));
        }

        [Test]
        public void AnExecutableThatChoosesSystem_GetsNoInitializer()
        {
            var r = Run(Properties("Exe", heap: "system"));
            AssertClean(r);
            Assert.That(r.GeneratedSources.Keys, Has.Some.EndsWith(".Problem.g.cs"));
            Assert.That(r.GeneratedSources.Keys, Has.No.Member(Initializer));
        }

        [TestCase("reuse")]
        [TestCase(" Reuse ")]
        public void AClassLibraryThatChoosesReuse_GetsTheInitializer(string heap)
        {
            var r = Run(Properties("Library", heap));
            AssertClean(r);
            Assert.That(r.GeneratedSources.Keys, Does.Contain(Initializer));
        }

        [Test]
        public void ChoosingReuseExplicitly_EmitsTheInitializerWithoutAProblemToo()
        {
            // An application whose problems live in a class library opts in with the property alone.
            var r = Run(Properties("Exe", heap: "reuse"), NoProblem);
            AssertClean(r);
            Assert.That(r.GeneratedSources.Keys, Is.EquivalentTo(new[] { "Lone.Accessors.g.cs", Initializer }));
        }

        [Test]
        public void ChoosingReuseExplicitly_WithoutAlanRuntime_EmitsNothing()
        {
            // The initializer calls Alan.Runtime: an assembly that does not reference it gets none (it would not compile).
            var compilation = GeneratorHarness.CreateCompilation("public class Plain { }")
                .WithReferences(Basic.Reference.Assemblies.Net100.References.All);
            var r = GeneratorHarness.RunAgain(GeneratorHarness.CreateDriver(Properties("Exe", heap: "reuse")), compilation);
            Assert.That(r.Exception, Is.Null);
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
            Assert.That(r.GeneratedSources, Is.Empty);
        }

        [Test]
        public void WithoutMSBuildProperties_TheCompilationsOutputKindDecides()
        {
            // A build that does not pass OutputType (the property is not compiler-visible) falls back on the output kind.
            var library = GeneratorHarness.Run(SnapshotModels.Intro);
            Assert.That(library.GeneratedSources.Keys, Has.No.Member(Initializer));

            var program = GeneratorHarness.CreateCompilation(SnapshotModels.Intro, "public static class Program { public static void Main() { } }");
            var console = GeneratorHarness.RunAgain(GeneratorHarness.CreateDriver(),
                program.WithOptions(program.Options.WithOutputKind(OutputKind.ConsoleApplication)));
            AssertClean(console);
            Assert.That(console.GeneratedSources.Keys, Does.Contain(Initializer));
        }

        [TestCase("Exe")]
        [TestCase("Library")]
        public void AnUnknownValue_IsAlan043NamingThePropertyTheValueAndTheAllowedValues(string outputType)
        {
            var r = Run(Properties(outputType, heap: "resue"));
            var d = r.WithId("ALAN043");
            Assert.That(d, Has.Length.EqualTo(1), r.Describe());
            Assert.That(d[0].Severity, Is.EqualTo(DiagnosticSeverity.Error));
            Assert.That(d[0].Location, Is.EqualTo(Location.None), "a project setting has no place in the source");
            Assert.That(d[0].GetMessage(), Does.Contain("AlanNativeHeap").And.Contain("'resue'").And.Contain("'reuse' or 'system'"));
            Assert.That(r.Diagnostics.Select(x => x.Id), Is.EqualTo(new[] { "ALAN043" }), "nothing else is wrong with the model");
            Assert.That(r.GeneratedSources.Keys, Has.No.Member(Initializer));
        }

        [Test]
        public void AnUnknownValue_IsReportedWithoutAProblemToo()
        {
            var r = Run(Properties("Library", heap: "on"), NoProblem);
            Assert.That(r.WithId("ALAN043"), Has.Length.EqualTo(1), r.Describe());
        }

        [TestCase("reuse", "Library", true)]
        [TestCase("system", "Exe", false)]
        [TestCase("", "Exe", true)]
        [TestCase("", "WinExe", true)]
        [TestCase("", "Library", false)]
        [TestCase("", "Module", false)]
        public void Resolve_FollowsThePropertyThenTheOutputType(string heap, string outputType, bool reuse)
        {
            var settings = NativeHeapSettings.Resolve(heap, outputType, OutputKind.DynamicallyLinkedLibrary);
            Assert.That(settings.Reuse, Is.EqualTo(reuse));
            Assert.That(settings.Explicit, Is.EqualTo(heap.Length > 0));
            Assert.That(settings.Error, Is.Null);
        }
    }
}
