using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Alan.Generator.Check;
using Alan.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Alan.Generator.Parse
{
    /// <summary>
    /// The support of a distribution built from components (<c>[Distribution(FromComponents = true)]</c>), read from the
    /// static types of the components in the variable's returned constructor call:
    /// <c>new Mixture(logits, new Normal(m1, s), new Normal(m2, s))</c> has the Normals' support and event rank (every
    /// component must share them); <c>new Ordered(new Normal(0.0, 10.0), 2)</c> is <c>Ordered</c> over a Real component,
    /// <c>PositiveOrdered</c> over a Positive one, reparameterised and improper as its component is. A component whose
    /// static type does not say its support (an array, a variable typed <c>Distribution</c>) leaves the support unknown:
    /// the result carries a <see cref="ComponentProblem"/> for ALAN045.
    /// </summary>
    internal static class ComponentSupportReader
    {
        private const int RealSupport = 0, PositiveSupport = 1, OrderedSupport = 9, PositiveOrderedSupport = 10;

        /// <summary>
        /// <paramref name="declared"/> (the return type's metadata) with the derived support, event rank,
        /// reparameterisation and impropriety when it is built from components; unchanged otherwise.
        /// </summary>
        public static DistributionInfo? Derive(IMethodSymbol method, DistributionInfo? declared, Compilation compilation, CancellationToken ct)
        {
            if (declared == null || !declared.FromComponents) return declared;
            var construct = $"return new {declared.ShortName}(...) from the method";
            if (method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].GetSyntax(ct) is not MethodDeclarationSyntax syntax)
                return WithProblem(declared, "its method has no single declaration to read the components from", construct);
            var returned = Returned(syntax);
            if (returned.Count == 0) return WithProblem(declared, "its method returns no expression the components can be read from", construct);
            var model = compilation.GetSemanticModel(syntax.SyntaxTree);
            DistributionInfo? result = null;
            foreach (var expression in returned)
            {
                var derived = Unwrap(model.GetOperation(expression, ct)) is IObjectCreationOperation creation
                    ? FromCreation(creation, declared)
                    : WithProblem(declared, $"it returns '{expression}', which is not a constructor call naming its components", $"return new {declared.ShortName}(...) directly");
                if (derived.ComponentProblem != null) return derived;
                if (result != null && (result.Support != derived.Support || result.EventRank != derived.EventRank || result.Improper != derived.Improper))
                    return WithProblem(declared,
                        $"its return statements build distributions of different supports ({CheckUtil.SupportName(result.Support)} and {CheckUtil.SupportName(derived.Support)})",
                        "return distributions of one support");
                result = result == null ? derived : derived with { Reparameterised = result.Reparameterised && derived.Reparameterised };
            }
            return result;
        }

        /// <summary>The metadata of one constructor call of a distribution built from components.</summary>
        private static DistributionInfo FromCreation(IObjectCreationOperation creation, DistributionInfo declared)
        {
            switch (declared.TypeName)
            {
                case KnownNames.Mixture: return FromMixture(creation, declared);
                case KnownNames.Ordered: return FromOrdered(creation, declared);
                default:
                    return WithProblem(declared, $"the generator does not know how the components of {declared.ShortName} decide its support",
                        "return a distribution whose support is fixed, a Mixture or an Ordered");
            }
        }

        private static DistributionInfo FromMixture(IObjectCreationOperation creation, DistributionInfo declared)
        {
            const string Listed = "list each component as an argument of its own: new Mixture(logits, new Normal(m1, s), new Normal(m2, s))";
            var argument = creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "components");
            if (argument == null || argument.ArgumentKind != ArgumentKind.ParamArray || argument.Value is not IArrayCreationOperation array || array.Initializer == null)
                return WithProblem(declared, "its components are passed as one array, whose elements' types do not say their support", Listed);
            var elements = array.Initializer.ElementValues;
            if (elements.Length == 0) return WithProblem(declared, "it has no components", Listed);
            var components = new List<DistributionInfo>();
            for (int i = 0; i < elements.Length; i++)
            {
                var c = Component(elements[i], $"component {i}", declared);
                if (c.ComponentProblem != null) return c;
                if (c.Improper)
                    return WithProblem(declared, $"component {i} is the improper {c.ShortName}", "mix proper distributions only");
                components.Add(c);
            }
            var first = components[0];
            for (int i = 1; i < components.Count; i++)
            {
                var c = components[i];
                if (c.Support != first.Support)
                    return WithProblem(declared,
                        $"its components have different supports: component 0 is {first.ShortName} ({CheckUtil.SupportName(first.Support)}), component {i} is {c.ShortName} ({CheckUtil.SupportName(c.Support)})",
                        "mix components of one support");
                if (c.EventRank != first.EventRank)
                    return WithProblem(declared,
                        $"its components have different event ranks: component 0 is {first.ShortName} (event rank {first.EventRank}), component {i} is {c.ShortName} (event rank {c.EventRank})",
                        "mix components of one event rank");
            }
            return declared with { Support = first.Support, EventRank = first.EventRank, Reparameterised = false, Improper = false };
        }

        private static DistributionInfo FromOrdered(IObjectCreationOperation creation, DistributionInfo declared)
        {
            var argument = creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "component");
            if (argument == null)
                return WithProblem(declared, "its component is not an argument of the call", "write new Ordered(new Normal(0.0, 10.0), count)");
            var c = Component(argument.Value, "its component", declared);
            if (c.ComponentProblem != null) return c;
            if (c.EventRank != 0)
                return WithProblem(declared, $"its component {c.ShortName} has event rank {c.EventRank}", "order draws of a univariate distribution (event rank 0)");
            int support;
            if (c.Support == RealSupport) support = OrderedSupport;
            else if (c.Support == PositiveSupport) support = PositiveOrderedSupport;
            else
                return WithProblem(declared,
                    $"its component {c.ShortName} has support {CheckUtil.SupportName(c.Support)}, and only a Real or a Positive component has an ordered support",
                    "order a continuous component: Normal (Ordered) or Gamma, LogNormal (PositiveOrdered)");
            return declared with { Support = support, EventRank = 1, Reparameterised = c.Reparameterised, Improper = c.Improper };
        }

        /// <summary>A component's metadata from its static type (its own components', when it is built in place from components).</summary>
        private static DistributionInfo Component(IOperation value, string which, DistributionInfo declared)
        {
            var operand = Unwrap(value);
            var type = operand?.Type;
            var info = type == null ? null : DistributionReader.Read(type);
            var concrete = $"build {which} in the call (new Normal(...)) or give it its concrete type (Normal, Gamma, ...)";
            if (info == null || type!.IsAbstract)
                return WithProblem(declared, $"{which} has the static type '{type?.ToDisplayString() ?? "?"}', which does not say its support", concrete);
            if (!info.FromComponents) return info;
            if (operand is IObjectCreationOperation creation)
            {
                var nested = FromCreation(creation, info);
                return nested.ComponentProblem == null ? nested
                    : WithProblem(declared, $"{which} is a {info.ShortName} whose support cannot be derived: {nested.ComponentProblem.Reason}", nested.ComponentProblem.Fix);
            }
            return WithProblem(declared, $"{which} is a {info.ShortName} whose support depends on how it was built", $"build {which} in the call: new {info.ShortName}(...)");
        }

        private static IOperation? Unwrap(IOperation? operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion when conversion.IsImplicit:
                        operation = conversion.Operand;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        continue;
                    default:
                        return operation;
                }
            }
        }

        /// <summary>The expressions the method returns: its expression body, or its block's return statements (not those of nested functions).</summary>
        private static List<ExpressionSyntax> Returned(MethodDeclarationSyntax syntax)
        {
            if (syntax.ExpressionBody != null) return new List<ExpressionSyntax> { syntax.ExpressionBody.Expression };
            if (syntax.Body == null) return new List<ExpressionSyntax>();
            return syntax.Body.DescendantNodes(n => n is not AnonymousFunctionExpressionSyntax && n is not LocalFunctionStatementSyntax)
                .OfType<ReturnStatementSyntax>()
                .Where(r => r.Expression != null)
                .Select(r => r.Expression!)
                .ToList();
        }

        private static DistributionInfo WithProblem(DistributionInfo declared, string reason, string fix) =>
            declared with { ComponentProblem = new ComponentProblem(reason, fix) };
    }
}
