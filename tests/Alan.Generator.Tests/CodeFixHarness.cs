using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;
using NUnit.Framework;

namespace Alan.Generator.Tests
{
    /// <summary>
    /// Tests code fixes with the Workspaces API directly (no CodeFix.Testing package, which pulls a newer Roslyn):
    /// the generator runs on the sources (<see cref="GeneratorHarness"/>), its diagnostic is handed to the provider
    /// for an <see cref="AdhocWorkspace"/> project holding the same sources and references, the chosen
    /// <see cref="CodeAction"/>'s operations are applied, and the resulting source texts are returned.
    /// </summary>
    public static class CodeFixHarness
    {
        /// <summary>The fixes <paramref name="provider"/> offers for the <paramref name="index"/>-th <paramref name="id"/> diagnostic the generator reports on <paramref name="sources"/>.</summary>
        public static async Task<(Workspace Workspace, Document Document, Diagnostic Diagnostic, List<CodeAction> Actions)> OfferedAsync(
            CodeFixProvider provider, string id, string[] sources, int index = 0)
        {
            var run = GeneratorHarness.Run(sources[0], sources.Skip(1).ToArray());
            Assert.That(run.Exception, Is.Null, "generator threw");
            var reported = run.WithId(id);
            Assert.That(reported.Length, Is.GreaterThan(index), $"expected {id}; got:\n{run.Describe()}");
            Assert.That(provider.FixableDiagnosticIds, Does.Contain(id));

            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId, VersionStamp.Create(), "Fix", "Fix", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: GeneratorHarness.ParseOptions,
                metadataReferences: GeneratorHarness.References));
            for (int i = 0; i < sources.Length; i++)
            {
                var path = GeneratorHarness.PathOf(i);
                solution = solution.AddDocument(DocumentInfo.Create(
                    DocumentId.CreateNewId(projectId), path, filePath: path,
                    loader: TextLoader.From(TextAndVersion.Create(SourceText.From(sources[i]), VersionStamp.Create(), path))));
            }
            Assert.That(workspace.TryApplyChanges(solution), Is.True);

            var reportedDiagnostic = reported[index];
            var document = workspace.CurrentSolution.Projects.Single().Documents.Single(d => d.FilePath == reportedDiagnostic.Location.GetLineSpan().Path);
            var diagnostic = InDocument(reportedDiagnostic, await document.GetSyntaxTreeAsync().ConfigureAwait(false));
            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (a, _) => actions.Add(a), CancellationToken.None);
            await provider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
            return (workspace, document, diagnostic, actions);
        }

        /// <summary>
        /// Applies the fix with <paramref name="equivalenceKey"/> (the only one offered when null) and returns every
        /// source file's text afterwards, by file path.
        /// </summary>
        public static async Task<Dictionary<string, string>> ApplyAsync(CodeFixProvider provider, string id, string[] sources, string? equivalenceKey = null, int index = 0)
        {
            var (workspace, _, _, actions) = await OfferedAsync(provider, id, sources, index).ConfigureAwait(false);
            using (workspace)
            {
                var action = equivalenceKey == null
                    ? actions.Single()
                    : actions.SingleOrDefault(a => a.EquivalenceKey == equivalenceKey);
                Assert.That(action, Is.Not.Null, $"no fix with key {equivalenceKey}; offered: {string.Join(", ", actions.Select(a => a.EquivalenceKey + " (" + a.Title + ")"))}");
                var operations = await action!.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
                var apply = operations.OfType<ApplyChangesOperation>().Single();
                var texts = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var d in apply.ChangedSolution.Projects.Single().Documents)
                    texts[d.FilePath!] = (await d.GetTextAsync().ConfigureAwait(false)).ToString();
                return texts;
            }
        }

        /// <summary>Applies the fix to a single-file model and returns the fixed text.</summary>
        public static async Task<string> ApplyAsync(CodeFixProvider provider, string id, string source, string? equivalenceKey = null, int index = 0) =>
            (await ApplyAsync(provider, id, new[] { source }, equivalenceKey, index).ConfigureAwait(false))[GeneratorHarness.PathOf(0)];

        /// <summary>
        /// The generator's diagnostic with its location in <paramref name="tree"/>, as an IDE hands it to a code fix
        /// (the generator reports file locations; the IDE maps them to the document).
        /// </summary>
        private static Diagnostic InDocument(Diagnostic d, SyntaxTree? tree)
        {
            Assert.That(tree, Is.Not.Null);
            var location = Location.Create(tree!, d.Location.SourceSpan);
            return Diagnostic.Create(
                d.Id, d.Descriptor.Category, d.GetMessage(), d.Severity, d.DefaultSeverity, d.Descriptor.IsEnabledByDefault, d.WarningLevel,
                d.Descriptor.Title, d.Descriptor.Description, d.Descriptor.HelpLinkUri, location, properties: d.Properties);
        }

        /// <summary>Asserts the generator accepts the sources without any diagnostic and its generated code compiles (warnings as errors).</summary>
        public static void AssertAccepted(params string[] sources)
        {
            var r = GeneratorHarness.Run(sources[0], sources.Skip(1).ToArray());
            Assert.That(r.Exception, Is.Null, "generator threw");
            Assert.That(r.Diagnostics, Is.Empty, r.Describe() + "\n" + string.Join("\n---\n", sources));
            Assert.That(r.CompilationErrors, Is.Empty, string.Join("\n", r.CompilationErrors));
            Assert.That(r.GeneratedCodeErrors(), Is.Empty, r.DescribeGeneratedCodeErrors());
        }
    }
}
