using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Alan.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Alan.Generator.Parse
{
    /// <summary>
    /// Reads, from a method's syntax alone, whether it is <c>=&gt; new Normal(loc, scale)</c> (or <c>new(loc, scale)</c>,
    /// or a body that only returns it) with an affine loc over its Tensor parameters (see <see cref="AffineNormalForm"/>).
    /// Anything else (other operators, literals, calls, named arguments out of order) is not the form: the general path.
    /// </summary>
    internal static class AffineNormalReader
    {
        private const string NormalType = "global::Alan.Normal";

        public static AffineNormalForm? Read(IMethodSymbol method, DistributionInfo? distribution, Compilation compilation, CancellationToken ct)
        {
            if (distribution?.TypeName != NormalType || method.DeclaringSyntaxReferences.Length != 1) return null;
            if (method.DeclaringSyntaxReferences[0].GetSyntax(ct) is not MethodDeclarationSyntax syntax) return null;
            var tensors = new HashSet<string>(method.Parameters
                .Where(p => p.RefKind == RefKind.None && p.Type.ToDisplayString() == KnownNames.Tensor)
                .Select(p => p.Name));
            var parameters = new HashSet<string>(method.Parameters.Select(p => p.Name));

            var created = Returned(syntax);
            var args = created switch
            {
                ImplicitObjectCreationExpressionSyntax i => i.ArgumentList.Arguments,
                ObjectCreationExpressionSyntax o when LastName(o.Type) == "Normal" && o.Initializer == null && o.ArgumentList != null => o.ArgumentList.Arguments,
                _ => default,
            };
            if (args.Count != 2 || (created is ImplicitObjectCreationExpressionSyntax ic && ic.Initializer != null)) return null;
            if (!Positional(args[0], "loc") || !Positional(args[1], "scale")) return null;

            var terms = new List<AffineTerm>();
            if (!ReadSum(args[0].Expression, negated: false, tensors, terms)) return null;
            // The scale, as an expression of its own over the parameters it names (none of the loc's need be evaluated).
            var scale = ScaleExpressionWriter.Write(args[1].Expression, compilation.GetSemanticModel(syntax.SyntaxTree), tensors);
            if (scale == null) return null;
            var scaleReads = args[1].Expression.DescendantNodesAndSelf().OfType<IdentifierNameSyntax>()
                .Select(n => n.Identifier.ValueText).Where(parameters.Contains).Distinct();
            // In the method's parameter order (the scale accessor's parameters).
            var ordered = method.Parameters.Select(p => p.Name).Where(scaleReads.Contains);
            return new AffineNormalForm(terms.ToEquatableArray(), ordered.ToEquatableArray(), scale);
        }

        /// <summary>The expression the method returns: its expression body, or a block's single return statement.</summary>
        private static ExpressionSyntax? Returned(MethodDeclarationSyntax syntax)
        {
            if (syntax.ExpressionBody != null) return syntax.ExpressionBody.Expression;
            if (syntax.Body?.Statements.Count == 1 && syntax.Body.Statements[0] is ReturnStatementSyntax r) return r.Expression;
            return null;
        }

        private static string LastName(TypeSyntax type) => type switch
        {
            QualifiedNameSyntax q => q.Right.Identifier.ValueText,
            AliasQualifiedNameSyntax a => a.Name.Identifier.ValueText,
            SimpleNameSyntax s when s is not GenericNameSyntax => s.Identifier.ValueText,
            _ => "",
        };

        /// <summary>An argument without ref/out and either unnamed or named as expected at its position.</summary>
        private static bool Positional(ArgumentSyntax a, string name) =>
            a.RefKindKeyword.IsKind(SyntaxKind.None) && (a.NameColon == null || a.NameColon.Name.Identifier.ValueText == name);

        private static bool ReadSum(ExpressionSyntax e, bool negated, HashSet<string> tensors, List<AffineTerm> terms)
        {
            switch (e)
            {
                case ParenthesizedExpressionSyntax p:
                    return ReadSum(p.Expression, negated, tensors, terms);
                case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.AddExpression) || b.IsKind(SyntaxKind.SubtractExpression):
                    return ReadSum(b.Left, negated, tensors, terms)
                        && ReadSum(b.Right, b.IsKind(SyntaxKind.SubtractExpression) ? !negated : negated, tensors, terms);
                case BinaryExpressionSyntax m when m.IsKind(SyntaxKind.MultiplyExpression):
                    var left = Name(m.Left, tensors);
                    var right = Name(m.Right, tensors);
                    if (left == null || right == null) return false;
                    terms.Add(new AffineTerm(negated, new[] { left, right }.ToEquatableArray()));
                    return true;
                default:
                    var single = Name(e, tensors);
                    if (single == null) return false;
                    terms.Add(new AffineTerm(negated, new[] { single }.ToEquatableArray()));
                    return true;
            }
        }

        /// <summary>A (possibly parenthesised) Tensor parameter's name, or null.</summary>
        private static string? Name(ExpressionSyntax e, HashSet<string> tensors)
        {
            while (e is ParenthesizedExpressionSyntax p) e = p.Expression;
            return e is IdentifierNameSyntax id && tensors.Contains(id.Identifier.ValueText) ? id.Identifier.ValueText : null;
        }
    }
}
