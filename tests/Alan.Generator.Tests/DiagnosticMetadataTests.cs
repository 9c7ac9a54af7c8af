extern alias CodeFixes;
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using CodeFixes::Alan.CodeFixes;
using Alan.Generator.Check;
using Alan.Generator.Model;
using NUnit.Framework;
using static Alan.Generator.Tests.DiagnosticsTests;

namespace Alan.Generator.Tests
{
    /// <summary>
    /// What the IDE shows besides the message: help links, the analyzer release tracking files
    /// (src/Alan.Generator/AnalyzerReleases.*.md, checked by RS2000-RS2008 for the IDs and here for category and
    /// severity), the diagnostics page docs/diagnostics.md, and the properties the code fixes read.
    /// </summary>
    [TestFixture]
    public class DiagnosticMetadataTests
    {
        private static string RepositoryRoot => Path.GetFullPath(Path.Combine(Approval.SourceDirectory(), "..", ".."));

        private static string Read(params string[] path) => File.ReadAllText(Path.Combine(new[] { RepositoryRoot }.Concat(path).ToArray()));

        // ------------------------------------------------------------------ help links

        [Test]
        public void EveryDescriptor_LinksToTheDiagnosticsPage()
        {
            Assert.That(RepositoryInfo.DiagnosticsHelpLink, Is.EqualTo(RepositoryInfo.Url + "/blob/main/docs/diagnostics.md"));
            Assert.That(RepositoryInfo.Url, Does.StartWith("https://github.com/"));
            foreach (var d in Diagnostics.All)
                Assert.That(d.HelpLinkUri, Is.EqualTo(RepositoryInfo.DiagnosticsHelpLink), d.Id);
        }

        [Test]
        public void ReportedDiagnostics_CarryTheHelpLink()
        {
            var r = GeneratorHarness.Run(IntroModel.Replace("public partial class IntroProblem", "public class IntroProblem"));
            var d = r.WithId("ALAN017").Single();
            Assert.That(d.Descriptor.HelpLinkUri, Is.EqualTo(RepositoryInfo.DiagnosticsHelpLink));
        }

        [Test]
        public void DiagnosticsPage_HasARowAndASectionWithAnExamplePerTrackedRule()
        {
            var page = Read("docs", "diagnostics.md");
            var tracked = Rows("AnalyzerReleases.Shipped.md").Concat(Rows("AnalyzerReleases.Unshipped.md")).Select(r => r.Id).ToList();
            Assert.That(tracked, Is.Not.Empty);
            foreach (var id in tracked)
            {
                Assert.That(page, Does.Contain("| " + id + " |"), id + ": a row in the table");
                // "### ALAN004: title", followed (before the next section) by a C#, XML or shell example.
                var section = Regex.Match(page, @"^### " + id + @"\b.*?(?=^### |\z)", RegexOptions.Multiline | RegexOptions.Singleline);
                Assert.That(section.Success, Is.True, id + ": a section");
                Assert.That(section.Value, Does.Match("```(csharp|xml|bash|text)"), id + ": an example");
            }
            Assert.That(Read("README.md"), Does.Contain("docs/diagnostics.md"), "the README links the page");
        }

        // ------------------------------------------------------------------ release tracking

        private sealed record Row(string File, string Id, string Category, string Severity, string Notes);

        private static List<Row> Rows(string file)
        {
            var rows = new List<Row>();
            foreach (var line in Read("src", "Alan.Generator", file).Split('\n'))
            {
                var cells = line.Split('|').Select(c => c.Trim()).ToArray();
                if (cells.Length == 4 && cells[0].StartsWith("ALAN", StringComparison.Ordinal))
                    rows.Add(new Row(file, cells[0], cells[1], cells[2], cells[3]));
            }
            return rows;
        }

        [Test]
        public void ReleaseTracking_ListsEveryRuleOnceWithItsCategorySeverityAndTitle()
        {
            var rows = Rows("AnalyzerReleases.Shipped.md").Concat(Rows("AnalyzerReleases.Unshipped.md")).ToList();
            Assert.That(rows.Select(r => r.Id), Is.Unique);
            Assert.That(rows.Select(r => r.Id), Is.EquivalentTo(Diagnostics.All.Select(d => d.Id)));
            foreach (var d in Diagnostics.All)
            {
                var row = rows.Single(r => r.Id == d.Id);
                Assert.Multiple(() =>
                {
                    Assert.That(row.Category, Is.EqualTo(d.Category), d.Id);
                    Assert.That(row.Severity, Is.EqualTo(d.DefaultSeverity.ToString()), d.Id);
                    Assert.That(row.Notes, Is.EqualTo(d.Title.ToString(System.Globalization.CultureInfo.InvariantCulture)), d.Id);
                });
            }
        }

        [Test]
        public void ReleaseTracking_Release010HoldsTheFirstReleasesRules()
        {
            var shipped = Read("src", "Alan.Generator", "AnalyzerReleases.Shipped.md");
            Assert.That(shipped, Does.Contain("## Release 0.1.0"));
            var expected = Enumerable.Range(1, 25).Select(i => $"ALAN{i:000}").Append("ALAN999");
            Assert.That(Rows("AnalyzerReleases.Shipped.md").Select(r => r.Id), Is.EquivalentTo(expected));
            Assert.That(Read("src", "Alan.Generator", "AnalyzerReleases.Unshipped.md"), Does.Not.Contain("## Release"));
        }

        [Test]
        public void GeneratorProject_TracksReleasesWithRS2008On()
        {
            var project = Read("src", "Alan.Generator", "Alan.Generator.csproj");
            Assert.That(project, Does.Contain("<AdditionalFiles Include=\"AnalyzerReleases.Shipped.md\" />"));
            Assert.That(project, Does.Contain("<AdditionalFiles Include=\"AnalyzerReleases.Unshipped.md\" />"));
            Assert.That(project, Does.Contain("Microsoft.CodeAnalysis.Analyzers"));
            Assert.That(project, Does.Not.Contain("RS2008"), "RS2008 must not be suppressed");
        }

        // ------------------------------------------------------------------ code fixes and their properties

        [Test]
        public void CodeFixes_HandleTheIntendedDescriptors()
        {
            Assert.That(new AddPartialCodeFixProvider().FixableDiagnosticIds,
                Is.EquivalentTo(new[] { Diagnostics.NonPartialPlate.Id, Diagnostics.NonPartialProblem.Id, Diagnostics.NonPartialContainer.Id }));
            Assert.That(new RenameArgumentCodeFixProvider().FixableDiagnosticIds, Is.EquivalentTo(new[] { Diagnostics.UnknownName.Id }));
            Assert.That(new AddMissingLatentCodeFixProvider().FixableDiagnosticIds, Is.EquivalentTo(new[] { Diagnostics.LatentMissingFromQ.Id }));
        }

        [Test]
        public void ALAN004_CarriesTheSuggestion()
        {
            var r = GeneratorHarness.Run(Problem(
                "    [Latent] static Normal StateMean() => new(0.0, 1.0);\n    [Latent] static Normal X(Tensor stateMaen) => new(stateMaen, 1.0);",
                "    [Latent] static Normal StateMean() => new(0.0, 1.0);\n    [Latent] static Normal X() => new(0.0, 1.0);"));
            var d = r.WithId("ALAN004").Single();
            Assert.That(d.Properties, Is.EquivalentTo(new Dictionary<string, string?> { [DiagnosticPropertyNames.Suggestion] = "StateMean" }));
        }

        [Test]
        public void ALAN009_CarriesWhatTheFixNeeds()
        {
            var r = GeneratorHarness.Run(GeneratorHarness.Usings + @"
namespace Ns
{
    [Plate]
    public partial class M
    {
        [Latent] static Normal Mu() => new(0.0, 1.0);
        [Plate]
        public partial class P1
        {
            [Plate]
            public partial class P2 { [Latent] static Gamma Tau() => new(2.0, 1.0); }
        }
    }

    [Plate]
    public partial class G
    {
        [Latent] static Normal Mu([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
    }

    [Problem(typeof(M), typeof(G))]
    public partial class Prob { }
}
");
            var d = r.WithId("ALAN009").Single();
            Assert.That(r.SpanText(d), Is.EqualTo("Tau"), "located on P's latent");
            Assert.That(d.Properties, Is.EquivalentTo(new Dictionary<string, string?>
            {
                [DiagnosticPropertyNames.Latent] = "Tau",
                [DiagnosticPropertyNames.DistributionType] = "global::Alan.Gamma",
                [DiagnosticPropertyNames.Distribution] = "Gamma",
                [DiagnosticPropertyNames.QType] = "global::Ns.G",
                [DiagnosticPropertyNames.QPlatePath] = "P1.P2",
            }));
        }

        [Test]
        public void OtherDiagnostics_HaveNoProperties()
        {
            var r = GeneratorHarness.Run(IntroModel.Replace("public partial class Intro\n", "public class Intro\n"));
            Assert.That(r.WithId("ALAN001").Single().Properties, Is.Empty);
        }

        [Test]
        public void DiagnosticInfo_PropertiesTakePartInEquality()
        {
            var a = new DiagnosticInfo("ALAN004", LocationInfo.None, new[] { "x" }.ToEquatableArray());
            Assert.That(a.WithProperties("Suggestion", "X"), Is.EqualTo(a.WithProperties("Suggestion", "X")));
            Assert.That(a.WithProperties("Suggestion", "X").GetHashCode(), Is.EqualTo(a.WithProperties("Suggestion", "X").GetHashCode()));
            Assert.That(a.WithProperties("Suggestion", "X"), Is.Not.EqualTo(a.WithProperties("Suggestion", "Y")));
            Assert.That(a.WithProperties("Suggestion", "X"), Is.Not.EqualTo(a));
            Assert.That(a.WithProperties(), Is.EqualTo(a), "no properties equals default");
        }
    }
}
