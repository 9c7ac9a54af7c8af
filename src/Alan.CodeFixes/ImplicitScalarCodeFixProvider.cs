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
    /// Removes the temporary TorchSharp Scalars of ALAN056 and ALAN057 (docs/threads-and-randomness.md).
    /// </summary>
    /// <remarks>
    /// <para>ALAN056 (on the number): a constant becomes <c>Scalars.Of(constant)</c>, a Scalar created once and kept for the
    /// life of the process, which combines with the tensor exactly like the number (an integer stays an integral Scalar). A
    /// run-time value combined with a tensor by an operator becomes <c>torch.tensor(value)</c>, a 0-dimensional tensor that
    /// dispose scopes track; a run-time value passed to a Scalar parameter has no rewrite and keeps its diagnostic.</para>
    /// <para>ALAN057 (on the call): the TorchSharp overload that takes the Scalar, given a cached one. <c>a + b</c> becomes
    /// <c>a.add(b, Scalars.Of(1))</c> on the tensor operand (addition commutes), <c>a += b</c> becomes
    /// <c>a = a.add(b, Scalars.Of(1))</c>, <c>c - t</c> becomes <c>-(t - c)</c> (the same number: a rounded difference
    /// changes sign exactly), <c>add(b)</c> and <c>addcdiv(x, y)</c> get <c>Scalars.Of(1)</c>, <c>square()</c> becomes
    /// <c>pow(Scalars.Of(2))</c>.</para>
    /// </remarks>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ImplicitScalarCodeFixProvider)), Shared]
    public sealed class ImplicitScalarCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "Alan.ImplicitScalar";

        // The analyzer's properties and rewrite kinds (Alan.Generator.Analyzers.ImplicitScalarAnalyzer).
        private const string OperatorProperty = "Operator";
        private const string ConstantProperty = "Constant";
        private const string RewriteProperty = "Rewrite";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } =
            ImmutableArray.Create(AlanDiagnosticIds.ImplicitScalarNumber, AlanDiagnosticIds.ImplicitScalarInTorchSharp);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root == null) return;
            foreach (var diagnostic in context.Diagnostics)
            {
                if (root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax node) continue;
                var document = context.Document;
                if (diagnostic.Id == AlanDiagnosticIds.ImplicitScalarNumber)
                {
                    if (diagnostic.Properties.ContainsKey(ConstantProperty))
                        Register(context, diagnostic, $"Use Scalars.Of({node})", ".Cached", ct => Task.FromResult<SyntaxNode?>(Cached(node)), node);
                    else if (diagnostic.Properties.ContainsKey(OperatorProperty))
                        Register(context, diagnostic, $"Use torch.tensor({node})", ".Tensor", ct => Task.FromResult<SyntaxNode?>(Call("TorchSharp", "torch", "tensor", node)), node);
                    continue;
                }
                if (!diagnostic.Properties.TryGetValue(RewriteProperty, out var rewrite) || rewrite is null) continue;
                Register(context, diagnostic, "Pass a cached Scalar (Scalars.Of)", "." + rewrite, ct => RewriteAsync(document, node, rewrite, ct), node);
            }
        }

        private static void Register(CodeFixContext context, Diagnostic diagnostic, string title, string key,
            System.Func<CancellationToken, Task<SyntaxNode?>> replacement, SyntaxNode node) =>
            context.RegisterCodeFix(CodeAction.Create(title, ct => ReplaceAsync(context.Document, node, replacement, ct), EquivalenceKey + key), diagnostic);

        /// <summary><c>Alan.Scalars.Of(number)</c>, reduced to <c>Scalars.Of(number)</c> where <c>using Alan;</c> is in scope.</summary>
        internal static ExpressionSyntax Cached(ExpressionSyntax number) => Call("Alan", "Scalars", "Of", number);

        private static ExpressionSyntax One() => Cached(SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(1)));

        private static async Task<SyntaxNode?> RewriteAsync(Document document, ExpressionSyntax node, string rewrite, CancellationToken ct)
        {
            switch (rewrite)
            {
                case "Addition" when node is BinaryExpressionSyntax b:
                {
                    // The receiver must be the tensor: 1.0 + t and s + t (a Scalar) add onto t.
                    var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
                    bool leftIsTensor = model?.GetTypeInfo(b.Left, ct).Type is { Name: "Tensor" };
                    var (receiver, argument) = leftIsTensor ? (b.Left, b.Right) : (b.Right, b.Left);
                    return Invoke(receiver, "add", argument.WithoutTrivia(), One()).WithTriviaFrom(b);
                }
                case "Addition" when node is AssignmentExpressionSyntax a:
                    return SyntaxFactory.AssignmentExpression(SyntaxKind.SimpleAssignmentExpression, a.Left,
                        Invoke(a.Left.WithoutTrivia(), "add", a.Right.WithoutTrivia(), One())).WithTriviaFrom(a);
                case "ReversedSubtraction" when node is BinaryExpressionSyntax b:
                    return SyntaxFactory.PrefixUnaryExpression(SyntaxKind.UnaryMinusExpression, SyntaxFactory.ParenthesizedExpression(
                        SyntaxFactory.BinaryExpression(SyntaxKind.SubtractExpression, Operand(b.Right.WithoutTrivia()), Operand(b.Left.WithoutTrivia()))))
                        .WithTriviaFrom(b);
                case "AppendOne" when node is InvocationExpressionSyntax call:
                    return call.WithArgumentList(call.ArgumentList.AddArguments(SyntaxFactory.Argument(One())));
                case "Square" when node is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call:
                    return call.WithExpression(member.WithName(SyntaxFactory.IdentifierName("pow")))
                        .WithArgumentList(SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(
                            Cached(SyntaxFactory.LiteralExpression(SyntaxKind.NumericLiteralExpression, SyntaxFactory.Literal(2)))))));
                default:
                    return null;
            }
        }

        /// <summary><c>receiver.method(args)</c>, the receiver parenthesised unless it is a primary expression.</summary>
        private static ExpressionSyntax Invoke(ExpressionSyntax receiver, string method, params ExpressionSyntax[] args) =>
            SyntaxFactory.InvocationExpression(
                SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Primary(receiver.WithoutTrivia()), SyntaxFactory.IdentifierName(method)),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(System.Array.ConvertAll(args, SyntaxFactory.Argument))));

        private static ExpressionSyntax Primary(ExpressionSyntax e) => e switch
        {
            IdentifierNameSyntax or MemberAccessExpressionSyntax or InvocationExpressionSyntax or ElementAccessExpressionSyntax or
                ParenthesizedExpressionSyntax or LiteralExpressionSyntax or ThisExpressionSyntax => e,
            _ => SyntaxFactory.ParenthesizedExpression(e),
        };

        /// <summary>An operand of a subtraction: parenthesised unless it binds at least as tightly as a multiplication.</summary>
        private static ExpressionSyntax Operand(ExpressionSyntax e) =>
            e is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression or (int)SyntaxKind.SubtractExpression } or ConditionalExpressionSyntax or
                AssignmentExpressionSyntax or BinaryExpressionSyntax { RawKind: (int)SyntaxKind.CoalesceExpression }
                ? SyntaxFactory.ParenthesizedExpression(e)
                : e;

        private static ExpressionSyntax Call(string ns, string type, string method, ExpressionSyntax argument)
        {
            var qualified = SyntaxFactory.QualifiedName(SyntaxFactory.IdentifierName(ns), SyntaxFactory.IdentifierName(type))
                .WithAdditionalAnnotations(Simplifier.Annotation);
            return SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, qualified, SyntaxFactory.IdentifierName(method)),
                    SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(argument.WithoutTrivia()))))
                .WithTriviaFrom(argument);
        }

        private static async Task<Document> ReplaceAsync(Document document, SyntaxNode node, System.Func<CancellationToken, Task<SyntaxNode?>> replacement,
            CancellationToken ct)
        {
            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            var updated = await replacement(ct).ConfigureAwait(false);
            if (root == null || updated == null) return document;
            var changed = document.WithSyntaxRoot(root.ReplaceNode(node, updated));
            return await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: ct).ConfigureAwait(false);
        }
    }
}
