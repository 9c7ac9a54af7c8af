using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Alan.CodeFixes
{
    /// <summary>
    /// Adds the <c>partial</c> modifier to the type a diagnostic is reported on: a plate class (ALAN001), a problem
    /// class (ALAN017) or a type enclosing a program root (ALAN025). The diagnostics are located on the type's
    /// identifier. <c>partial</c> goes last among the modifiers, immediately before <c>class</c>/<c>struct</c>/<c>record</c>
    /// as C# requires (<c>public static class</c> becomes <c>public static partial class</c>); without modifiers it takes
    /// the keyword's leading trivia (indentation, comments) so the layout is kept.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddPartialCodeFixProvider)), Shared]
    public sealed class AddPartialCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "Alan.AddPartial";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(
            AlanDiagnosticIds.NonPartialPlate, AlanDiagnosticIds.NonPartialProblem, AlanDiagnosticIds.NonPartialContainer);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                var type = FindType(root, diagnostic);
                if (type == null || type.Modifiers.Any(SyntaxKind.PartialKeyword)) continue;
                var name = type.Identifier.ValueText;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Make '{name}' partial",
                        ct => AddPartialAsync(context.Document, type, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>The type declaration whose identifier the diagnostic points at.</summary>
        private static TypeDeclarationSyntax? FindType(SyntaxNode root, Diagnostic diagnostic)
        {
            var span = diagnostic.Location.SourceSpan;
            if (span.End > root.FullSpan.End) return null;
            var token = root.FindToken(span.Start);
            var type = token.Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault();
            return type != null && type.Identifier.Span.IntersectsWith(span) ? type : null;
        }

        private static async Task<Document> AddPartialAsync(Document document, TypeDeclarationSyntax type, CancellationToken ct)
        {
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            if (root == null) return document;
            return document.WithSyntaxRoot(root.ReplaceNode(type, WithPartial(type)));
        }

        /// <summary><paramref name="type"/> with <c>partial</c> as its last modifier.</summary>
        internal static TypeDeclarationSyntax WithPartial(TypeDeclarationSyntax type)
        {
            if (type.Modifiers.Any(SyntaxKind.PartialKeyword)) return type;
            if (type.Modifiers.Count > 0)
                return type.WithModifiers(type.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
            // No modifiers: the keyword ("class", "record", "struct") carries the leading trivia; move it to "partial".
            var keyword = type.Keyword;
            var partial = SyntaxFactory.Token(keyword.LeadingTrivia, SyntaxKind.PartialKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return type
                .WithKeyword(keyword.WithLeadingTrivia(SyntaxFactory.TriviaList()))
                .WithModifiers(SyntaxFactory.TokenList(partial));
        }
    }
}
