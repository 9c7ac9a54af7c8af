using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Alan.Generator.Parse
{
    /// <summary>
    /// Writes a Normal's scale expression as C# that compiles on its own, in a generated method whose parameters are the
    /// model method's Tensor parameters the expression names: parameters, numeric literals, arithmetic, instance methods
    /// of the operands (<c>logScale.exp()</c>) and static methods written with their fully qualified type
    /// (<c>torch.exp(x)</c> as <c>global::TorchSharp.torch.exp(x)</c>). Anything else (fields, properties, extension
    /// methods, lambdas, generic calls) gives null: the expression is not rewritten and its factor keeps the general path.
    /// </summary>
    internal static class ScaleExpressionWriter
    {
        public static string? Write(ExpressionSyntax expression, SemanticModel model, ISet<string> tensorParameters) =>
            Expr(expression, model, tensorParameters);

        private static string? Expr(ExpressionSyntax e, SemanticModel model, ISet<string> parameters)
        {
            switch (e)
            {
                case ParenthesizedExpressionSyntax p:
                    return Expr(p.Expression, model, parameters) is { } inner ? "(" + inner + ")" : null;
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.NumericLiteralExpression):
                    return literal.Token.Text;
                case IdentifierNameSyntax id when parameters.Contains(id.Identifier.ValueText)
                                                  && model.GetSymbolInfo(id).Symbol is IParameterSymbol:
                    return Identifiers.Spell(id.Identifier.ValueText);
                case PrefixUnaryExpressionSyntax u when u.IsKind(SyntaxKind.UnaryMinusExpression) || u.IsKind(SyntaxKind.UnaryPlusExpression):
                    return Expr(u.Operand, model, parameters) is { } operand ? u.OperatorToken.Text + operand : null;
                case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.AddExpression) || b.IsKind(SyntaxKind.SubtractExpression)
                                                   || b.IsKind(SyntaxKind.MultiplyExpression) || b.IsKind(SyntaxKind.DivideExpression):
                    var left = Expr(b.Left, model, parameters);
                    var right = Expr(b.Right, model, parameters);
                    return left != null && right != null ? left + " " + b.OperatorToken.Text + " " + right : null;
                case InvocationExpressionSyntax call:
                    return Call(call, model, parameters);
                default:
                    return null;
            }
        }

        private static string? Call(InvocationExpressionSyntax call, SemanticModel model, ISet<string> parameters)
        {
            if (model.GetSymbolInfo(call).Symbol is not IMethodSymbol method || method.IsGenericMethod) return null;
            if (call.ArgumentList.Arguments.Any(a => a.NameColon != null || !a.RefKindKeyword.IsKind(SyntaxKind.None))) return null;
            var args = new List<string>();
            foreach (var a in call.ArgumentList.Arguments)
            {
                if (Expr(a.Expression, model, parameters) is not { } written) return null;
                args.Add(written);
            }
            var argumentList = "(" + string.Join(", ", args) + ")";
            if (method.MethodKind != MethodKind.Ordinary) return null;
            // A static method (torch.exp(x), or exp(x) under a using static), named with its fully qualified type.
            if (method.IsStatic && method.DeclaredAccessibility == Accessibility.Public
                && call.Expression is IdentifierNameSyntax or MemberAccessExpressionSyntax { Name: IdentifierNameSyntax })
                return method.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + Identifiers.Spell(method.Name) + argumentList;
            // An instance method of an operand (logScale.exp()).
            if (!method.IsStatic && call.Expression is MemberAccessExpressionSyntax { Name: IdentifierNameSyntax name } member)
                return Expr(member.Expression, model, parameters) is { } receiver ? receiver + "." + name.Identifier.Text + argumentList : null;
            return null;
        }
    }
}
