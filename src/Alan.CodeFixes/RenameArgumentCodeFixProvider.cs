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
using Microsoft.CodeAnalysis.Rename;

namespace Alan.CodeFixes
{
    /// <summary>
    /// ALAN004 (an argument names nothing in scope): renames the argument to the name the generator suggests
    /// (the diagnostic's <see cref="DiagnosticPropertyNames.Suggestion"/> property, present only when a close name exists),
    /// together with its uses in the method body (a symbol rename).
    /// <para>
    /// An argument binds to the member whose name equals it with the first letter upper-cased, so the new name keeps the
    /// user's casing of the first letter: with the suggestion <c>StateMean</c>, <c>stateMaen</c> becomes <c>stateMean</c>
    /// and <c>StateMaen</c> becomes <c>StateMean</c>. When lower-casing would not bind back to the suggestion (its first
    /// character has no upper-case round trip) the suggestion is used as it is; a keyword gets an <c>@</c>. No fix is
    /// offered when another parameter of the method already has the new name.
    /// </para>
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(RenameArgumentCodeFixProvider)), Shared]
    public sealed class RenameArgumentCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "Alan.RenameArgument";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(AlanDiagnosticIds.UnknownName);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(DiagnosticPropertyNames.Suggestion, out var suggestion) || string.IsNullOrEmpty(suggestion)) continue;
                var span = diagnostic.Location.SourceSpan;
                if (span.End > root.FullSpan.End) continue;
                var parameter = root.FindToken(span.Start).Parent?.AncestorsAndSelf().OfType<ParameterSyntax>().FirstOrDefault();
                if (parameter == null || !parameter.Identifier.Span.IntersectsWith(span)) continue;
                var oldName = parameter.Identifier.ValueText;
                var newName = NewName(oldName, suggestion!);
                if (newName == oldName) continue;
                if (parameter.Parent is ParameterListSyntax list && list.Parameters.Any(p => p != parameter && p.Identifier.ValueText == newName)) continue;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Rename '{oldName}' to '{newName}'",
                        ct => RenameAsync(context.Document, parameter, newName, ct),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>The parameter name that binds to <paramref name="suggestion"/>, in the casing style of <paramref name="oldName"/> (unescaped).</summary>
        internal static string NewName(string oldName, string suggestion)
        {
            if (suggestion.Length == 0) return oldName;
            if (oldName.Length == 0 || !char.IsLower(oldName[0])) return suggestion;
            var lowered = char.ToLowerInvariant(suggestion[0]) + suggestion.Substring(1);
            // The binding rule upper-cases the first letter: the lowered name must map back to the suggestion.
            var back = char.ToUpperInvariant(lowered[0]) + lowered.Substring(1);
            return back == suggestion ? lowered : suggestion;
        }

        private static async Task<Solution> RenameAsync(Document document, ParameterSyntax parameter, string newName, CancellationToken ct)
        {
            var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
            var symbol = model?.GetDeclaredSymbol(parameter, ct);
            if (symbol == null) return document.Project.Solution;
            var text = SyntaxFacts.GetKeywordKind(newName) != SyntaxKind.None ? "@" + newName : newName;
            return await Renamer.RenameSymbolAsync(document.Project.Solution, symbol, new SymbolRenameOptions(), text, ct).ConfigureAwait(false);
        }
    }
}
