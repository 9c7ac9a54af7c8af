using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;

namespace Alan.CodeFixes
{
    /// <summary>
    /// Rewrites a number that TorchSharp would turn into a temporary Scalar (ALAN056, ALAN057; the diagnostic is located on
    /// the number). A constant becomes <c>Scalars.Of(constant)</c>: a Scalar created once and kept for the life of the
    /// process, which combines with the tensor exactly like the number (an integer stays an integral Scalar). A run-time
    /// value combined with a tensor by an operator becomes <c>torch.tensor(value)</c>: a 0-dimensional tensor, which
    /// dispose scopes track; a value passed to a Scalar parameter has no such rewrite and keeps its diagnostic.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ImplicitScalarCodeFixProvider)), Shared]
    public sealed class ImplicitScalarCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "Alan.ImplicitScalar";

        /// <summary>The analyzer's property naming the operator the number is an operand of (absent for a conversion).</summary>
        private const string OperatorProperty = "Operator";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(AlanDiagnosticIds.ImplicitScalarConstant, AlanDiagnosticIds.ImplicitScalarValue);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax number) continue;
                if (diagnostic.Id == AlanDiagnosticIds.ImplicitScalarConstant)
                {
                    context.RegisterCodeFix(CodeAction.Create($"Use Scalars.Of({number})", ct => ReplaceAsync(context.Document, number, Cached(number), ct),
                        EquivalenceKey + ".Cached"), diagnostic);
                }
                else if (diagnostic.Properties.ContainsKey(OperatorProperty))
                {
                    context.RegisterCodeFix(CodeAction.Create($"Use torch.tensor({number})", ct => ReplaceAsync(context.Document, number, AsTensor(number), ct),
                        EquivalenceKey + ".Tensor"), diagnostic);
                }
            }
        }

        /// <summary><c>Alan.Scalars.Of(number)</c>, reduced to <c>Scalars.Of(number)</c> where <c>using Alan;</c> is in scope.</summary>
        internal static ExpressionSyntax Cached(ExpressionSyntax number) => Call("Alan", "Scalars", "Of", number);

        /// <summary><c>TorchSharp.torch.tensor(value)</c>, reduced to <c>torch.tensor(value)</c> where <c>using TorchSharp;</c> is in scope.</summary>
        internal static ExpressionSyntax AsTensor(ExpressionSyntax value) => Call("TorchSharp", "torch", "tensor", value);

        private static ExpressionSyntax Call(string ns, string type, string method, ExpressionSyntax argument)
        {
            var qualified = SyntaxFactory.QualifiedName(SyntaxFactory.IdentifierName(ns), SyntaxFactory.IdentifierName(type))
                .WithAdditionalAnnotations(Simplifier.Annotation);
            return SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, qualified, SyntaxFactory.IdentifierName(method)),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(argument.WithoutTrivia()))))
                .WithTriviaFrom(argument);
        }

        private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax number, ExpressionSyntax replacement, CancellationToken ct)
        {
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            if (root == null) return document;
            var updated = document.WithSyntaxRoot(root.ReplaceNode(number, replacement));
            return await Simplifier.ReduceAsync(updated, Simplifier.Annotation, cancellationToken: ct).ConfigureAwait(false);
        }
    }
}
