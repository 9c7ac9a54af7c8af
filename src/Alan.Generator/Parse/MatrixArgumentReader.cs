using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Alan.Generator.Parse
{
    /// <summary>
    /// Which of a method's parameters are passed, unchanged, as the <c>covarianceMatrix</c> or <c>scaleTril</c> of a
    /// <c>new MultivariateNormal(...)</c> in its body: a parameter there must start positive-definite (ALAN050), and
    /// starts at the identity when its attribute gives no initial value.
    /// </summary>
    internal static class MatrixArgumentReader
    {
        private const string MultivariateNormal = "Alan.MultivariateNormal";

        /// <summary>
        /// Whether the method returns a MultivariateNormal or its body names one, <c>linalg</c> or <c>cholesky</c>: it
        /// factorises a matrix, which can fail on a matrix that is not positive-definite.
        /// </summary>
        public static bool Factorizes(IMethodSymbol method, CancellationToken ct)
        {
            if (method.ReturnType.ToDisplayString() == MultivariateNormal) return true;
            foreach (var reference in method.DeclaringSyntaxReferences)
                foreach (var node in reference.GetSyntax(ct).DescendantNodes())
                    if (node is SimpleNameSyntax name && name.Identifier.ValueText is "linalg" or "cholesky" or "MultivariateNormal")
                        return true;
            return false;
        }

        /// <summary>Parameter name to the MultivariateNormal argument it is passed as.</summary>
        public static Dictionary<string, string> Read(IMethodSymbol method, Compilation compilation, CancellationToken ct)
        {
            var found = new Dictionary<string, string>(System.StringComparer.Ordinal);
            if (method.ReturnType.ToDisplayString() != MultivariateNormal) return found;
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(ct);
                if (!compilation.ContainsSyntaxTree(syntax.SyntaxTree)) continue;
                var model = compilation.GetSemanticModel(syntax.SyntaxTree);
                foreach (var node in syntax.DescendantNodes())
                {
                    if (node is not BaseObjectCreationExpressionSyntax) continue;
                    if (model.GetOperation(node, ct) is not IObjectCreationOperation creation) continue;
                    if (creation.Constructor?.ContainingType.ToDisplayString() != MultivariateNormal) continue;
                    foreach (var argument in creation.Arguments)
                    {
                        var name = argument.Parameter?.Name;
                        if (name != "covarianceMatrix" && name != "scaleTril") continue;
                        var value = argument.Value;
                        while (value is IConversionOperation conversion) value = conversion.Operand;
                        if (value is IParameterReferenceOperation p && SymbolEqualityComparer.Default.Equals(p.Parameter.ContainingSymbol, method))
                            found[p.Parameter.Name] = name!;
                    }
                }
            }
            return found;
        }
    }
}
