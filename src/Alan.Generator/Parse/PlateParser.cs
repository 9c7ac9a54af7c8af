using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Alan.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Alan.Generator.Parse
{
    /// <summary>Turns a [Plate] class symbol (and its nested plates) into an equatable <see cref="PlateModel"/>.</summary>
    internal static class PlateParser
    {
        public static PlateModel Parse(INamedTypeSymbol type, bool isRoot, Compilation compilation, CancellationToken ct)
        {
            var variables = new List<VariableModel>();
            var children = new List<PlateModel>();
            foreach (var member in type.GetMembers())
            {
                ct.ThrowIfCancellationRequested();
                if (member is IMethodSymbol method && method.MethodKind == MethodKind.Ordinary)
                {
                    var v = ParseVariable(method, compilation, ct);
                    if (v != null) variables.Add(v);
                }
                else if (member is INamedTypeSymbol nested && nested.HasAttribute(KnownNames.Plate))
                {
                    children.Add(Parse(nested, false, compilation, ct));
                }
            }

            var inputs = new List<InputModel>();
            var parameters = new List<ParamModel>();
            foreach (var a in type.GetAttributes())
            {
                var name = a.AttributeClass?.ToDisplayString();
                var loc = LocationInfo.From(a.ApplicationSyntaxReference?.GetSyntax(ct).GetLocation());
                // [Input(null!)] is kept with an empty name, so that the checker reports it (ALAN022) instead of dropping it.
                if (name == KnownNames.Input && a.ConstructorArguments.Length == 1 && a.ConstructorArguments[0].Kind != TypedConstantKind.Error)
                    inputs.Add(new InputModel(a.ConstructorArguments[0].Value as string ?? "", loc, ParamAttributeReader.ReadShape(a)));
                else if (name == KnownNames.Param)
                    parameters.Add(ParamAttributeReader.Read(a, isQem: false, loc, type));
            }

            return new PlateModel(
                type.Name,
                isRoot ? "" : type.Name,
                type.FullName(),
                type.IsPartial(ct),
                type.IsReachable(),
                variables.ToEquatableArray(),
                inputs.ToEquatableArray(),
                parameters.ToEquatableArray(),
                children.ToEquatableArray(),
                LocationInfo.From(type),
                type.IsRecord,
                type.Arity > 0);
        }

        private static VariableModel? ParseVariable(IMethodSymbol method, Compilation compilation, CancellationToken ct)
        {
            var latent = method.FindAttribute(KnownNames.Latent);
            var data = method.FindAttribute(KnownNames.Data);
            if (latent == null && data == null) return null;

            string? group = null;
            if (latent != null)
                foreach (var kv in latent.NamedArguments)
                    if (kv.Key == "Group" && kv.Value.Value is string g && g.Length > 0) group = g;

            string? timeseries = null;
            var chain = method.FindAttribute(KnownNames.Timeseries);
            if (chain != null)
                timeseries = chain.ConstructorArguments.Length == 1 && chain.ConstructorArguments[0].Value is string init ? init : "";

            var matrices = MatrixArgumentReader.Read(method, compilation, ct);
            var args = method.Parameters
                .Select(p => ParseArgument(p, method.ContainingType, matrices.TryGetValue(p.Name, out var matrix) ? matrix : ""))
                .ToEquatableArray();
            bool qem = args.Any(a => a.Param != null && a.Param.IsQem);
            // A Transformed variable's support is its bijector's, read from the return expression.
            var distribution = TransformedSupportReader.IsTransformed(method.ReturnType)
                ? TransformedSupportReader.Read(method, compilation, qem, ct)
                : DistributionReader.Read(method.ReturnType, qem);
            // Mixture's and Ordered's support is their components': read from the returned expression.
            distribution = ComponentSupportReader.Derive(method, distribution, compilation, ct);
            // A self-starting chain's init: a method of the same class that is not itself a variable.
            StartMethodModel? start = null;
            if (timeseries is { Length: > 0 })
            {
                var startMethod = method.ContainingType.GetMembers(timeseries).OfType<IMethodSymbol>()
                    .FirstOrDefault(m => m.MethodKind == MethodKind.Ordinary && m.FindAttribute(KnownNames.Latent) == null && m.FindAttribute(KnownNames.Data) == null);
                if (startMethod != null)
                    start = new StartMethodModel(startMethod.Name, startMethod.IsStatic, startMethod.ReturnType.ToDisplayString(),
                        DistributionReader.Read(startMethod.ReturnType, qem: false), startMethod.Parameters.Select(p => ParseArgument(p, startMethod.ContainingType, "")).ToEquatableArray(),
                        LocationInfo.From(startMethod), startMethod.IsGenericMethod);
            }
            return new VariableModel(
                method.Name,
                latent != null ? VariableKind.Latent : VariableKind.Data,
                group,
                method.IsStatic,
                method.ReturnType.ToDisplayString(),
                distribution,
                args,
                LocationInfo.From(method),
                method.IsGenericMethod,
                latent != null && data != null,
                latent == null ? AffineNormalReader.Read(method, distribution, compilation, ct) : null,
                timeseries,
                distribution == null ? DistributionReader.Defect(method.ReturnType) : DistributionDefect.None,
                start,
                MatrixArgumentReader.Factorizes(method, ct));
        }

        private static ArgumentModel ParseArgument(IParameterSymbol p, INamedTypeSymbol plate, string matrixArgument)
        {
            ParamModel? param = null;
            foreach (var a in p.GetAttributes())
            {
                var name = a.AttributeClass?.ToDisplayString();
                var loc = LocationInfo.From(p);
                if (name == KnownNames.Param) param = ParamAttributeReader.Read(a, isQem: false, loc, plate, matrixArgument);
                else if (name == KnownNames.QemParam) param = ParamAttributeReader.Read(a, isQem: true, loc, plate, matrixArgument);
            }
            return new ArgumentModel(p.Name, p.Type.ToDisplayString() == KnownNames.Tensor, p.Type.ToDisplayString(), param, LocationInfo.From(p), RefKindName(p.RefKind));
        }

        private static string RefKindName(RefKind kind)
        {
            switch (kind)
            {
                case RefKind.None: return "";
                case RefKind.Ref: return "ref";
                case RefKind.Out: return "out";
                case RefKind.In: return "in";
                default: return "ref readonly";
            }
        }
    }
}
