using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using NUnit.Framework;

namespace Alan.Package.Tests
{
    /// <summary>
    /// Building from source: a console project in a temporary folder outside the repository references
    /// src/Alan.Runtime, src/Alan.Attributes and src/Alan.Generator (as an analyzer) by path, exactly as
    /// docs/building-from-source.md shows, with nothing else: no import, no package of ours, no Directory.Build.props of
    /// the repository. It builds and runs. On a Linux whose libstdc++ lacks GLIBCXX_3.4.32 (Debian 12, this project's CI)
    /// the run proves that the libLibTorchSharp.so in its output is the one Alan.Runtime patched and handed on. About a
    /// minute on 2 cores; the referenced projects build in place in Release, as the package tests' pack builds them.
    /// </summary>
    [TestFixture, Category("Package"), NonParallelizable]
    public class PathReferenceTests
    {
        private static readonly double[] Data = { 0.5, -1.25, 2.0, 0.75 };
        private string _work = "";

        [SetUp]
        public void CreateFolderOutsideTheRepository()
        {
            _work = Path.Combine(Path.GetTempPath(), "alan-path-reference-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(_work);
        }

        [TearDown]
        public void DeleteFolder()
        {
            if (_work.Length > 0 && Directory.Exists(_work)) Directory.Delete(_work, recursive: true);
        }

        [Test]
        public void ConsoleProjectReferencingTheSourcesByPath_BuildsAndRuns_PrintingTheExactLogEvidence()
        {
            string repository = ConsumerProject.RepositoryRoot();
            Assert.That(_work.StartsWith(repository + Path.DirectorySeparatorChar, StringComparison.Ordinal), Is.False, "the consumer lives outside the repository");
            // Stop MSBuild's upward search here, and use the repository's SDK.
            foreach (string name in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
                File.WriteAllText(Path.Combine(_work, name), "<Project />\n");
            File.Copy(Path.Combine(repository, "global.json"), Path.Combine(_work, "global.json"));

            string project = Path.Combine(_work, "PathConsumer");
            Directory.CreateDirectory(project);
            File.WriteAllText(Path.Combine(project, "PathConsumer.csproj"), ProjectFile(repository));
            File.WriteAllText(Path.Combine(project, "Program.cs"), ConsumerProject.ConjugateNormalMain(Data));
            File.WriteAllText(Path.Combine(project, "Models.cs"), ConsumerProject.ConjugateNormalModels(Data));
            var cli = new DotnetCli(packagesFolder: null); // the user's packages: TorchSharp is restored already

            var build = cli.Run(project, new[] { "build", "-c", "Release" }.Concat(DotnetCli.SelfContainedBuildFlags).ToArray());
            Assert.That(build.ExitCode, Is.Zero, build.ToString());
            var run = cli.Run(project, Path.Combine(project, "bin", "Release", "net10.0", "PathConsumer.dll"));

            Assert.That(run.ExitCode, Is.Zero, run.ToString());
            var logZ = Regex.Match(run.Output, @"logZ=(\S+)");
            Assert.That(logZ.Success, Is.True, run.ToString());
            Assert.That(double.Parse(logZ.Groups[1].Value, CultureInfo.InvariantCulture), Is.EqualTo(ConsumerProject.ConjugateNormalLogEvidence(Data)).Within(1e-10));
            Assert.That(run.Output, Does.Contain("reusingHeap=True"), "an executable that declares a problem gets the reusing heap by default");
        }

        /// <summary>The project file docs/building-from-source.md gives, with the repository's path filled in.</summary>
        private static string ProjectFile(string repository)
        {
            string src = Path.Combine(repository, "src");
            return $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <OutputType>Exe</OutputType>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <ProjectReference Include="{src}/Alan.Runtime/Alan.Runtime.csproj" />
                    <ProjectReference Include="{src}/Alan.Attributes/Alan.Attributes.csproj" />
                    <ProjectReference Include="{src}/Alan.Generator/Alan.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
                  </ItemGroup>
                </Project>
                """;
        }

    }
}
