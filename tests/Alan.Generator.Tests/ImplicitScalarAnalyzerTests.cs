extern alias CodeFixes;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alan.Generator.Analyzers;
using CodeFixes::Alan.CodeFixes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace Alan.Generator.Tests
{
    /// <summary>ALAN056/ALAN057: numbers TorchSharp turns into temporary Scalars in model code, and their code fix.</summary>
    [TestFixture]
    public class ImplicitScalarAnalyzerTests
    {
        private const string Model = GeneratorHarness.Usings + @"
[Plate]
public partial class M
{
    static readonly double Rate = 0.3;
    [Latent] static Normal Mu() => new(0.0, 1.0);
    [Plate]
    public partial class P1
    {
        [Data] static Normal Obs(Tensor mu) => new(0.5 * mu - 1, (mu * Rate).exp().clamp(min: 0.1));
    }
    [Plate]
    public partial class P2
    {
        [Data] static Normal Obs2(Tensor mu) => new(mu + mu.square(), 1.0 - mu);
    }
}
public static class Helpers
{
    public static Tensor Outside(Tensor t) => t * 2.0;
}
";

        private static ImmutableArray<Diagnostic> Analyze(string source, bool everywhere = false) =>
            Analyze(GeneratorHarness.CreateCompilation(source), everywhere);

        private static ImmutableArray<Diagnostic> Analyze(Compilation compilation, bool everywhere)
        {
            var options = new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, new ScopeOptions(everywhere));
            return compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new ImplicitScalarAnalyzer()), options)
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        private static string Text(Diagnostic d) => d.Location.SourceTree!.GetText().ToString(d.Location.SourceSpan);

        [Test]
        public void ModelCode_NumbersAreAlan056_TorchSharpsOwnTemporariesAlan057_CodeOutsidePlatesIsNotChecked()
        {
            var found = Analyze(Model).OrderBy(d => d.Location.SourceSpan.Start).ThenBy(d => d.Id).Select(d => (d.Id, Text(d))).ToList();
            Assert.That(found, Is.EqualTo(new[]
            {
                ("ALAN056", "0.5"), ("ALAN056", "1"), ("ALAN056", "Rate"), ("ALAN056", "0.1"),
                ("ALAN057", "mu + mu.square()"), ("ALAN057", "mu.square()"), ("ALAN056", "1.0"), ("ALAN057", "1.0 - mu"),
            }));
            var d = Analyze(Model).First(x => Text(x) == "0.5");
            Assert.That(d.GetMessage(), Does.Contain("'0.5' in 'P1.Obs'").And.Contain("Scalars.Of"));
            Assert.That(d.Severity, Is.EqualTo(DiagnosticSeverity.Info));
            Assert.That(Analyze(Model).First(x => Text(x) == "mu.square()").GetMessage(), Does.Contain("Tensor.square calls pow(2)"));
        }

        [Test]
        public void SoftplusAndEluConvertTheirArguments_ReportedWithoutARewrite()
        {
            const string source = GeneratorHarness.Usings + "[Plate] public partial class M { [Latent] static Normal A() => new(0.0, 1.0); " +
                "[Latent] static Normal B(Tensor a) => new(a, a.softplus()); }";
            var d = Analyze(source).Single();
            Assert.That((d.Id, Text(d)), Is.EqualTo(("ALAN057", "a.softplus()")));
            Assert.That(d.GetMessage(), Does.Contain("Tensor.softplus converts its double arguments to Scalars"));
            Assert.That(d.Properties.ContainsKey(ImplicitScalarAnalyzer.RewriteProperty), Is.False);
        }

        [Test]
        public void ScopeAll_ChecksEveryMethod()
        {
            Assert.That(Analyze(Model, everywhere: true).Select(Text), Does.Contain("2.0"));
        }

        [Test]
        public void TheRewrittenModelHasNoTemporaryScalar()
        {
            var rewritten = Model.Replace("0.5 * mu - 1", "Scalars.Of(0.5) * mu - Scalars.Of(1)")
                .Replace("(mu * Rate)", "(mu * torch.tensor(Rate))").Replace("min: 0.1", "min: Scalars.Of(0.1)")
                .Replace("mu + mu.square(), 1.0 - mu", "mu.add(mu.pow(Scalars.Of(2)), Scalars.Of(1)), -(mu - Scalars.Of(1.0))");
            Assert.That(Analyze(rewritten).Select(d => d.Id + " " + Text(d)), Is.Empty);
            Assert.That(GeneratorHarness.CreateCompilation(rewritten).GetDiagnostics().Where(x => x.Severity == DiagnosticSeverity.Error), Is.Empty);
        }

        [TestCase("0.5", "Scalars.Of(0.5) * mu - 1")]
        [TestCase("1", "0.5 * mu - Scalars.Of(1)")]
        [TestCase("Rate", "(mu * torch.tensor(Rate))")]
        [TestCase("0.1", "clamp(min: Scalars.Of(0.1))")]
        [TestCase("mu + mu.square()", "new(mu.add(mu.square(), Scalars.Of(1)), 1.0 - mu)")]
        [TestCase("mu.square()", "mu + mu.pow(Scalars.Of(2))")]
        [TestCase("1.0 - mu", "-(mu - 1.0))")]
        public async Task CodeFix_RewritesTheTemporary(string flagged, string expected)
        {
            var fixedText = await FixAsync(Model, flagged);
            Assert.That(fixedText, Does.Contain(expected));
            Assert.That(Analyze(fixedText).Select(Text), Does.Not.Contain(flagged));
            Assert.That(GeneratorHarness.CreateCompilation(fixedText).GetDiagnostics().Where(x => x.Severity == DiagnosticSeverity.Error), Is.Empty);
        }

        [Test]
        public void CodeFix_AddsOntoTheTensorOperand()
        {
            const string source = GeneratorHarness.Usings + "[Plate] public partial class M { [Latent] static Normal A() => new(0.0, 1.0); " +
                "[Latent] static Normal B(Tensor a) => new(Scalars.Of(2.0) + a * a, 1.0); }";
            Assert.That(FixAsync(source, "Scalars.Of(2.0) + a * a").GetAwaiter().GetResult(), Does.Contain("new((a * a).add(Scalars.Of(2.0), Scalars.Of(1)), 1.0)"));
        }

        [Test]
        public void Descriptors_AreTrackedAndFixed()
        {
            Assert.That(new ImplicitScalarCodeFixProvider().FixableDiagnosticIds,
                Is.EquivalentTo(new[] { Check.Diagnostics.ImplicitScalarNumber.Id, Check.Diagnostics.ImplicitScalarInTorchSharp.Id }));
            Assert.That(new ImplicitScalarAnalyzer().SupportedDiagnostics.Select(d => d.Id), Is.EquivalentTo(new[] { "ALAN056", "ALAN057" }));
        }

        [Test]
        public void GeneratedCode_HandsLibtorchNoTemporaryScalar()
        {
            // Every snapshot model's generated files, checked as the runtime is (every method): the accessors copy the models'
            // own expressions, which are the models' business (reported in their files), so only the problem files count.
            var found = new List<string>();
            foreach (var c in GeneratedCodeSnapshotTests.Cases)
            {
                var r = GeneratorHarness.Run(c.Source);
                found.AddRange(Analyze(r.Compilation, everywhere: true)
                    .Where(d => d.Location.SourceTree is { } t && t.FilePath.Contains(".Problem") && t.FilePath.EndsWith(".g.cs", System.StringComparison.Ordinal))
                    .Select(d => $"{System.IO.Path.GetFileName(d.Location.SourceTree!.FilePath)}({d.Location.GetLineSpan().StartLinePosition.Line + 1}): {d.GetMessage()}"));
            }
            Assert.That(found, Is.Empty, string.Join("\n", found));
        }

        private static async Task<string> FixAsync(string source, string number)
        {
            var diagnostic = Analyze(source).Single(d => Text(d) == number);
            using var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(projectId, VersionStamp.Create(), "Fix", "Fix", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: GeneratorHarness.ParseOptions, metadataReferences: GeneratorHarness.References));
            var documentId = DocumentId.CreateNewId(projectId);
            solution = solution.AddDocument(DocumentInfo.Create(documentId, "Model.cs", filePath: "Model.cs",
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(source), VersionStamp.Create(), "Model.cs"))));
            Assert.That(workspace.TryApplyChanges(solution), Is.True);
            var document = workspace.CurrentSolution.GetDocument(documentId)!;
            var tree = await document.GetSyntaxTreeAsync();
            var located = Diagnostic.Create(diagnostic.Descriptor, Location.Create(tree!, diagnostic.Location.SourceSpan), diagnostic.Properties);
            var actions = new List<CodeAction>();
            await new ImplicitScalarCodeFixProvider().RegisterCodeFixesAsync(new CodeFixContext(document, located, (a, _) => actions.Add(a), CancellationToken.None));
            var apply = (await actions.Single().GetOperationsAsync(CancellationToken.None)).OfType<ApplyChangesOperation>().Single();
            return (await apply.ChangedSolution.GetDocument(documentId)!.GetTextAsync()).ToString();
        }

        /// <summary>The analyzer's global options: <c>alan_implicit_scalar_scope = all</c> or nothing.</summary>
        private sealed class ScopeOptions : AnalyzerConfigOptionsProvider
        {
            private readonly Options _options;
            public ScopeOptions(bool everywhere) => _options = new Options(everywhere);
            public override AnalyzerConfigOptions GlobalOptions => _options;
            public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _options;
            public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => _options;

            private sealed class Options : AnalyzerConfigOptions
            {
                private readonly bool _everywhere;
                public Options(bool everywhere) => _everywhere = everywhere;
                public override bool TryGetValue(string key, out string value)
                {
                    value = _everywhere && key == ImplicitScalarAnalyzer.ScopeOption ? "all" : null!;
                    return value is not null;
                }
            }
        }
    }
}
