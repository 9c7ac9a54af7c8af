using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alan.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;

namespace Alan.CodeFixes
{
    /// <summary>
    /// ALAN055 (a problem uses the guide derived from its model): writes the derived guide into the problem's file as a
    /// hand-written Q, placed before the problem class, and names it in the problem's attribute:
    /// <c>[Problem(typeof(P))]</c> becomes <c>[Problem(typeof(P), typeof(ProblemGuide))]</c> (an <c>AutoGuide = ...</c>
    /// argument is dropped, since a hand-written guide ignores it). The guide's text travels in the diagnostic's
    /// properties (<see cref="DiagnosticPropertyNames.GuideClass"/>), so it is exactly the generated one. The usings the
    /// guide needs (<c>Alan</c>, <c>TorchSharp</c>, <c>static TorchSharp.torch</c>) are added when missing.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(WriteOutDerivedGuideCodeFixProvider)), Shared]
    public sealed class WriteOutDerivedGuideCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "Alan.WriteOutDerivedGuide";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(AlanDiagnosticIds.DerivedGuide);

        public override FixAllProvider? GetFixAllProvider() => null;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.GuideClass, out var text) || string.IsNullOrEmpty(text)) continue;
                if (!diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.GuideName, out var name) || string.IsNullOrEmpty(name)) continue;
                var span = diagnostic.Location.SourceSpan;
                if (span.End > root.FullSpan.End) continue;
                var problem = root.FindToken(span.Start).Parent?.AncestorsAndSelf().OfType<ClassDeclarationSyntax>().FirstOrDefault();
                if (problem == null || ProblemAttribute(problem) == null) continue;
                context.RegisterCodeFix(
                    CodeAction.Create($"Write out the derived guide as '{name}'", ct => WriteOutAsync(context.Document, problem, text!, name!, ct), EquivalenceKey),
                    diagnostic);
            }
        }

        private static AttributeSyntax? ProblemAttribute(ClassDeclarationSyntax problem) =>
            problem.AttributeLists.SelectMany(l => l.Attributes)
                .FirstOrDefault(a => a.Name.ToString() is "Problem" or "ProblemAttribute" or "Alan.Problem" or "Alan.ProblemAttribute" or "global::Alan.Problem" or "global::Alan.ProblemAttribute"
                    && a.ArgumentList is { Arguments.Count: >= 1 } && a.ArgumentList.Arguments[0].NameEquals == null);

        private static async Task<Document> WriteOutAsync(Document document, ClassDeclarationSyntax problem, string text, string name, CancellationToken ct)
        {
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            if (root is not CompilationUnitSyntax unit) return document;
            var attribute = ProblemAttribute(problem);
            if (attribute == null) return document;

            var guide = SyntaxFactory.ParseMemberDeclaration(text)!
                .WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed, SyntaxFactory.ElasticCarriageReturnLineFeed)
                .WithAdditionalAnnotations(Formatter.Annotation);
            var model = attribute.ArgumentList!.Arguments[0];
            var named = SyntaxFactory.AttributeArgument(SyntaxFactory.ParseExpression($"typeof({name})"));
            var newAttribute = attribute.WithArgumentList(SyntaxFactory.AttributeArgumentList(SyntaxFactory.SeparatedList(new[] { model, named })));

            var tracked = unit.TrackNodes(problem, attribute);
            tracked = tracked.ReplaceNode(tracked.GetCurrentNode(attribute)!, newAttribute);
            var current = tracked.GetCurrentNode(problem)!;
            tracked = tracked.InsertNodesBefore(current, new[] { guide });
            var updated = (CompilationUnitSyntax)tracked;
            foreach (var (ns, isStatic) in new[] { ("Alan", false), ("TorchSharp", false), ("TorchSharp.torch", true) })
                if (!updated.Usings.Any(u => u.Name?.ToString() == ns && u.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) == isStatic)
                    && !HasUsingInNamespace(updated, ns, isStatic))
                {
                    var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(ns)).WithAdditionalAnnotations(Formatter.Annotation);
                    if (isStatic) directive = directive.WithStaticKeyword(SyntaxFactory.Token(SyntaxKind.StaticKeyword).WithTrailingTrivia(SyntaxFactory.Space));
                    updated = updated.AddUsings(directive);
                }
            var formatted = await Formatter.FormatAsync(document.WithSyntaxRoot(updated), Formatter.Annotation, cancellationToken: ct).ConfigureAwait(false);
            return formatted;
        }

        private static bool HasUsingInNamespace(CompilationUnitSyntax unit, string ns, bool isStatic) =>
            unit.DescendantNodes().OfType<BaseNamespaceDeclarationSyntax>()
                .SelectMany(n => n.Usings).Any(u => u.Name?.ToString() == ns && u.StaticKeyword.IsKind(SyntaxKind.StaticKeyword) == isStatic);
    }
}
