using System;
using System.Globalization;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using NUnit.Framework;

namespace Alan.Package.Tests
{
    /// <summary>
    /// The NuGet package as a user meets it: `dotnet pack` of src/Alan.Compiled into a temporary feed, then console
    /// projects with only PackageReferences (Alan.Compiled, TorchSharp-cpu), built and run with the dotnet CLI. On a
    /// Linux whose libstdc++ lacks GLIBCXX_3.4.32 (Debian 12, this project's CI) the run also proves that the
    /// package's buildTransitive targets patched TorchSharp's native library, for a direct and a transitive consumer.
    /// About a minute on 2 cores, plus the first Release build of src/ (under a minute).
    /// </summary>
    [TestFixture, Category("Package"), NonParallelizable]
    public class PackageConsumerTests
    {
        private const string TorchSharpVersion = "0.107.0";
        private static readonly double[] Data = { 0.5, -1.25, 2.0, 0.75 };

        private string _work = "";
        private string _repository = "";
        private string _feed = "";
        private string _packages = "";
        private string _version = "";
        private DotnetCli _cli = null!;

        [OneTimeSetUp]
        public void PackIntoTemporaryFeed()
        {
            _repository = ConsumerProject.RepositoryRoot();
            _work = Path.Combine(Path.GetTempPath(), "alan-package-" + Guid.NewGuid().ToString("N")[..12]);
            _feed = Path.Combine(_work, "feed");
            _packages = Path.Combine(_work, "packages");
            Directory.CreateDirectory(_feed);
            _cli = new DotnetCli(_packages);

            string userPackages = UserGlobalPackagesFolder();
            string globalJsonPath = Path.Combine(_repository, "global.json");
            ConsumerProject.WriteSolutionRoot(_work, _feed, _packages, userPackages,
                File.Exists(globalJsonPath) ? File.ReadAllText(globalJsonPath) : null);

            // Packing builds this repository's projects: with the user's packages folder, as any build of them.
            var pack = new DotnetCli(packagesFolder: null).Run(_repository, new[] { "pack", Path.Combine("src", "Alan.Compiled", "Alan.Compiled.csproj"),
                "-c", "Release", "-o", _feed }.Concat(DotnetCli.SelfContainedBuildFlags).ToArray());
            Assert.That(pack.ExitCode, Is.Zero, pack.ToString());

            string[] packed = Directory.GetFiles(_feed, "Alan.Compiled.*.nupkg");
            Assert.That(packed, Has.Length.EqualTo(1), "expected exactly one Alan.Compiled package in " + _feed);
            _version = Path.GetFileNameWithoutExtension(packed[0])["Alan.Compiled.".Length..];
        }

        [OneTimeTearDown]
        public void DeleteTemporaryFolder()
        {
            if (_work.Length > 0 && Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
        }

        [Test]
        public void Package_HoldsRuntimeAttributesAnalyzersAndTransitiveTargets_AndDependsOnManagedTorchSharpOnly()
        {
            using var zip = ZipFile.OpenRead(Path.Combine(_feed, $"Alan.Compiled.{_version}.nupkg"));
            var entries = zip.Entries.Select(e => e.FullName).ToHashSet();
            Assert.That(entries, Is.SupersetOf(new[]
            {
                "lib/net10.0/Alan.Runtime.dll", "lib/net10.0/Alan.Runtime.xml", "lib/net10.0/Alan.Runtime.pdb",
                "lib/net10.0/Alan.Attributes.dll", "lib/net10.0/Alan.Attributes.xml", "lib/net10.0/Alan.Attributes.pdb",
                "analyzers/dotnet/cs/Alan.Generator.dll", "analyzers/dotnet/cs/Alan.CodeFixes.dll",
                "buildTransitive/Alan.Compiled.targets", "buildTransitive/TorchSharpGlibcxxFix.targets", "buildTransitive/AlanNativeHeap.targets",
                "README.md", "LICENSE",
            }));
            // The generator and code fixes are analyzers only, never compile references.
            Assert.That(entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal) || e.StartsWith("ref/", StringComparison.Ordinal)),
                Has.None.Contains("Alan.Generator").And.None.Contains("Alan.CodeFixes"));

            var nuspecEntry = zip.Entries.Single(e => e.FullName == "Alan.Compiled.nuspec");
            using var stream = nuspecEntry.Open();
            var metadata = XDocument.Load(stream).Root!.Elements().Single(e => e.Name.LocalName == "metadata");
            string Value(string name) => metadata.Elements().Single(e => e.Name.LocalName == name).Value;
            Assert.That(Value("readme"), Is.EqualTo("README.md"));
            Assert.That(Value("license"), Is.EqualTo("MIT"));
            var repository = metadata.Elements().Single(e => e.Name.LocalName == "repository");
            Assert.That(repository.Attribute("url")?.Value, Is.EqualTo("https://github.com/alan-compiled/alan-compiled"));
            var dependencies = metadata.Descendants().Where(e => e.Name.LocalName == "dependency")
                .Select(e => (Id: e.Attribute("id")!.Value, Version: e.Attribute("version")!.Value)).ToList();
            Assert.That(dependencies, Is.EqualTo(new[] { ("TorchSharp", TorchSharpVersion) }),
                "the package depends on the managed TorchSharp only; the user picks the backend");
        }

        [Test]
        public void ConsumerProject_BuildsAndRuns_PrintingTheExactLogEvidence()
        {
            string project = ConsumerProject.Write(_work, "Consumer", exe: true, new[] { AlanCompiled, TorchSharpCpu }, projects: new string[0],
                ("Program.cs", ConsumerProject.ConjugateNormalMain(Data)), ("Models.cs", ConsumerProject.ConjugateNormalModels(Data)));

            var build = _cli.Run(project, Build);
            Assert.That(build.ExitCode, Is.Zero, build.ToString());
            // The library and the generator came from the package, restored into the private folder (nothing else is
            // downloaded there: TorchSharp and libtorch are read from the user's folder).
            Assert.That(Path.Combine(_packages, "alan.compiled", _version, "analyzers", "dotnet", "cs", "Alan.Generator.dll"), Does.Exist);
            Assert.That(Directory.GetDirectories(_packages).Select(Path.GetFileName), Is.EquivalentTo(new[] { "alan.compiled" }));

            var (logZ, reusingHeap) = RunAndReadLogEvidence(project, "Consumer");
            Assert.That(logZ, Is.EqualTo(ConsumerProject.ConjugateNormalLogEvidence(Data)).Within(1e-10));
            Assert.That(reusingHeap, Is.True, "an executable that declares a problem gets the reusing heap by default (buildTransitive/AlanNativeHeap.targets)");
        }

        /// <summary>
        /// A model library referencing only Alan.Compiled, used by an application that picks the backend: the package's
        /// assets (and its buildTransitive native fix) reach the application through the project reference.
        /// </summary>
        [Test]
        public void ModelLibrary_UsedByAnApplication_RunsThroughTheTransitiveReference()
        {
            ConsumerProject.Write(_work, "ModelLibrary", exe: false, new[] { AlanCompiled }, projects: new string[0],
                ("Models.cs", ConsumerProject.ConjugateNormalModels(Data)));
            string app = ConsumerProject.Write(_work, "ModelApplication", exe: true, new[] { TorchSharpCpu }, new[] { "ModelLibrary" },
                ("Program.cs", ConsumerProject.ConjugateNormalMain(Data)));

            var build = _cli.Run(app, Build);
            Assert.That(build.ExitCode, Is.Zero, build.ToString());

            var (logZ, reusingHeap) = RunAndReadLogEvidence(app, "ModelApplication");
            Assert.That(logZ, Is.EqualTo(ConsumerProject.ConjugateNormalLogEvidence(Data)).Within(1e-10));
            Assert.That(reusingHeap, Is.False, "a class library does not turn the reusing heap on, and the application declares no problem");
        }

        [Test]
        public void ConsumerProject_WithAMisspeltArgument_FailsWithAlan004FromThePackagedGenerator()
        {
            string project = ConsumerProject.Write(_work, "Misspelt", exe: true, new[] { AlanCompiled, TorchSharpCpu }, projects: new string[0],
                ("Program.cs", ConsumerProject.ConjugateNormalMain(Data)), ("Models.cs", ConsumerProject.ConjugateNormalModels(Data, dataArgument: "mux")));

            var build = _cli.Run(project, Build);

            Assert.That(build.ExitCode, Is.Not.Zero, build.ToString());
            Assert.That(build.Output, Does.Contain("error ALAN004").And.Contain("'mux'").And.Contain("'Mu'"), build.ToString());
        }

        private (string, string) AlanCompiled => ("Alan.Compiled", _version);

        private static (string, string) TorchSharpCpu => ("TorchSharp-cpu", TorchSharpVersion);

        private static string[] Build => new[] { "build", "-c", "Release" }.Concat(DotnetCli.SelfContainedBuildFlags).ToArray();

        /// <summary>Runs the built program and parses its "logZ=..." and "reusingHeap=..." lines.</summary>
        private (double LogZ, bool ReusingHeap) RunAndReadLogEvidence(string project, string name)
        {
            var run = _cli.Run(project, Path.Combine(project, "bin", "Release", "net10.0", name + ".dll"));
            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            var printed = Regex.Match(run.Output, @"logZ=(\S+)");
            var heap = Regex.Match(run.Output, @"reusingHeap=(True|False)");
            Assert.That(printed.Success && heap.Success, Is.True, run.ToString());
            return (double.Parse(printed.Groups[1].Value, CultureInfo.InvariantCulture), heap.Groups[1].Value == "True");
        }

        /// <summary>The user's global packages folder (NUGET_PACKAGES, else what `dotnet nuget locals` reports).</summary>
        private string UserGlobalPackagesFolder()
        {
            string? configured = Environment.GetEnvironmentVariable("NUGET_PACKAGES");
            if (!string.IsNullOrEmpty(configured)) return configured;
            var locals = new DotnetCli(packagesFolder: null).Run(_repository, "nuget", "locals", "global-packages", "--list");
            var match = Regex.Match(locals.Output, @"global-packages:\s*(.+)");
            Assert.That(locals.ExitCode == 0 && match.Success, Is.True, locals.ToString());
            return match.Groups[1].Value.Trim();
        }
    }
}
