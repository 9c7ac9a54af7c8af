using System.Threading;
using Alan.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Alan.Generator.Parse
{
    /// <summary>
    /// Reads a variable that returns <c>Alan.Transformed</c>: its support and event rank come from the static type of the
    /// bijector argument (its <c>[Bijector]</c> attribute), its reparameterisation from the base distribution's type, both
    /// read from the returned <c>new Transformed(base, bijector)</c> (or target-typed <c>new(...)</c>, or a body that only
    /// returns it).
    /// </summary>
    internal static class TransformedSupportReader
    {
        private const string TransformedType = "Alan.Transformed";
        private const string BijectorBase = "Alan.Bijector";
        private const string BijectorAttribute = "Alan.BijectorAttribute";
        private const string ReadableForm = "new Transformed(new Normal(loc, scale), Bijector.Exp)";

        public static bool IsTransformed(ITypeSymbol type) => type.ToDisplayString() == TransformedType;

        /// <param name="qem">The variable has [QemParam] arguments: list the distributions that have a QEM family (Transformed has none).</param>
        public static DistributionInfo Read(IMethodSymbol method, Compilation compilation, bool qem, CancellationToken ct)
        {
            var type = (INamedTypeSymbol)method.ReturnType;
            var supported = qem ? DistributionReader.QemSupported(type) : EquatableArray<string>.Empty;
            var arguments = Arguments(method, ct);
            if (arguments == null)
            {
                var unread = new TransformedForm("", "",
                    BijectorFault: $"cannot be read from the method's body; return {ReadableForm} directly (an expression body, or a body that only returns it)");
                return new DistributionInfo(type.FullName(), "Transformed", 0, false, 0, null, supported, Transformed: unread);
            }

            var model = compilation.GetSemanticModel(arguments.Value.Base.SyntaxTree);
            var baseType = StaticType(model, arguments.Value.Base, ct);
            var bijectorType = StaticType(model, arguments.Value.Bijector, ct);

            string? baseFault = null;
            var baseInfo = baseType == null ? null : DistributionReader.Read(baseType);
            if (baseInfo == null)
                baseFault = $"has the static type '{Display(baseType)}', which is not an Alan distribution type; pass a real-valued distribution such as new Normal(loc, scale)";
            else if (baseInfo.Support != 0)
                baseFault = $"is a {baseInfo.ShortName}, which is not real-valued; a bijector maps unconstrained reals, so use a real-valued base such as Normal";

            string? bijectorFault = null;
            int support = 0, bijectorRank = 0;
            string bijectorName = "";
            var attribute = bijectorType is INamedTypeSymbol named && DistributionReader.DerivesFrom(named, BijectorBase)
                ? named.FindAttribute(BijectorAttribute) : null;
            if (attribute == null || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not int s)
                bijectorFault = $"has the static type '{Display(bijectorType)}', so its support is not known at compile time; "
                    + "pass a bijector from a factory of Alan.Bijector directly (Bijector.Exp, Bijector.Interval(low, high), ...) "
                    + "or a variable of its concrete type (ExpBijector, IntervalBijector, ...)";
            else
            {
                support = s;
                foreach (var kv in attribute.NamedArguments)
                    if (kv.Key == "EventRank" && kv.Value.Value is int r) bijectorRank = r;
                bijectorName = ShortName(bijectorType!.Name);
            }

            var baseName = baseInfo?.ShortName ?? "";
            var form = new TransformedForm(baseName, bijectorName, bijectorFault, baseFault);
            var shortName = bijectorFault == null && baseInfo != null ? $"Transformed({baseName}, {bijectorName})" : "Transformed";
            int eventRank = System.Math.Max(baseInfo?.EventRank ?? 0, bijectorRank);
            return new DistributionInfo(type.FullName(), shortName, support, baseInfo?.Reparameterised ?? false, eventRank, null, supported, Transformed: form);
        }

        /// <summary>The expression's own type, or the parameter type a typeless expression (a conditional of two types) converts to.</summary>
        private static ITypeSymbol? StaticType(SemanticModel model, ExpressionSyntax e, CancellationToken ct)
        {
            var info = model.GetTypeInfo(e, ct);
            return info.Type is { TypeKind: not TypeKind.Error } type ? type : info.ConvertedType;
        }

        /// <summary>"ExpBijector" is shown as "Exp".</summary>
        private static string ShortName(string typeName) =>
            typeName.EndsWith("Bijector", System.StringComparison.Ordinal) && typeName.Length > "Bijector".Length
                ? typeName.Substring(0, typeName.Length - "Bijector".Length) : typeName;

        private static string Display(ITypeSymbol? type) =>
            type == null || type.TypeKind == TypeKind.Error ? "unknown" : type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);

        /// <summary>The base and bijector expressions of the returned <c>new Transformed(...)</c>, by position or by name; null when not of that form.</summary>
        private static (ExpressionSyntax Base, ExpressionSyntax Bijector)? Arguments(IMethodSymbol method, CancellationToken ct)
        {
            if (method.DeclaringSyntaxReferences.Length != 1) return null;
            if (method.DeclaringSyntaxReferences[0].GetSyntax(ct) is not MethodDeclarationSyntax syntax) return null;
            var returned = syntax.ExpressionBody?.Expression
                ?? (syntax.Body?.Statements.Count == 1 && syntax.Body.Statements[0] is ReturnStatementSyntax r ? r.Expression : null);
            while (returned is ParenthesizedExpressionSyntax p) returned = p.Expression;
            var list = returned switch
            {
                ImplicitObjectCreationExpressionSyntax i => i.ArgumentList,
                ObjectCreationExpressionSyntax o => o.ArgumentList,
                _ => null,
            };
            if (list == null || list.Arguments.Count != 2) return null;
            ExpressionSyntax? baseExpression = null, bijectorExpression = null;
            for (int k = 0; k < 2; k++)
            {
                var a = list.Arguments[k];
                if (!a.RefKindKeyword.IsKind(SyntaxKind.None)) return null;
                var name = a.NameColon?.Name.Identifier.ValueText;
                bool isBase = name == null ? k == 0 : name == "baseDistribution";
                if (name != null && name != "baseDistribution" && name != "bijector") return null;
                if (isBase) baseExpression = a.Expression; else bijectorExpression = a.Expression;
            }
            return baseExpression == null || bijectorExpression == null ? null : (baseExpression, bijectorExpression);
        }
    }
}
