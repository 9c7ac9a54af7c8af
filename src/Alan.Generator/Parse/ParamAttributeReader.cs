using System.Collections.Generic;
using System.Linq;
using Alan.Generator.Model;
using Microsoft.CodeAnalysis;

namespace Alan.Generator.Parse
{
    /// <summary>Reads [Param] and [QemParam] attribute data.</summary>
    internal static class ParamAttributeReader
    {
        /// <summary>The value of <c>ParamInit.Identity</c> (src/Alan.Attributes/ParamInit.cs).</summary>
        private const int IdentityInit = 1;

        /// <param name="a">The attribute.</param>
        /// <param name="isQem">It is a [QemParam].</param>
        /// <param name="location">Where diagnostics about it go.</param>
        /// <param name="plate">The plate class that declares it, where <c>InitFrom</c> names a member.</param>
        /// <param name="matrixArgument">"covarianceMatrix" or "scaleTril" when the argument feeds that MultivariateNormal argument, else "".</param>
        public static ParamModel Read(AttributeData a, bool isQem, LocationInfo location, INamedTypeSymbol plate, string matrixArgument = "")
        {
            string? name = null;
            double init = 0;
            bool hasValue = false;
            var ctor = a.ConstructorArguments;
            foreach (var argument in ctor)
            {
                if (argument.Value is string s) name = s;
                else if (argument.Kind == TypedConstantKind.Primitive) { init = ToDouble(argument.Value); hasValue = true; }
            }

            bool identity = false;
            InitSourceModel? initFrom = null;
            foreach (var kv in a.NamedArguments)
            {
                if (kv.Key == "Name" && kv.Value.Value is string n && n.Length > 0) name = n;
                else if (kv.Key == "Init" && kv.Value.Value is int kind) identity = kind == IdentityInit;
                else if (kv.Key == "InitFrom" && kv.Value.Value is string member) initFrom = ReadInitFrom(plate, member);
            }
            return new ParamModel(name, init, ReadShape(a), isQem, location, hasValue, identity, initFrom, matrixArgument);
        }

        /// <summary>The <c>Shape = new long[] { ... }</c> named argument of an attribute (empty when absent).</summary>
        public static EquatableArray<long> ReadShape(AttributeData a)
        {
            var shape = new List<long>();
            foreach (var kv in a.NamedArguments)
                if (kv.Key == "Shape" && kv.Value.Kind == TypedConstantKind.Array && !kv.Value.IsNull)
                    foreach (var e in kv.Value.Values) shape.Add(e.Value is long l ? l : System.Convert.ToInt64(e.Value ?? 0L));
            return shape.ToEquatableArray();
        }

        /// <summary>
        /// The member <c>InitFrom</c> names: a static field, property or parameterless method of <paramref name="plate"/>
        /// whose type is Tensor or double[]; otherwise the reason it cannot be used (ALAN051).
        /// </summary>
        private static InitSourceModel ReadInitFrom(INamedTypeSymbol plate, string member)
        {
            var accessor = plate.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + InitAccessorName(member);
            InitSourceModel Unusable(string problem) => new InitSourceModel(member, problem, "", false, accessor);

            var candidates = plate.GetMembers(member).Where(m => m is IFieldSymbol || m is IPropertySymbol || m is IMethodSymbol { MethodKind: MethodKind.Ordinary }).ToList();
            if (candidates.Count == 0)
                return Unusable($"names no field, property or method of '{plate.Name}'");
            var chosen = candidates.FirstOrDefault(m => m is not IMethodSymbol method || method.Parameters.Length == 0);
            if (chosen == null)
                return Unusable($"names a method of '{plate.Name}' that takes parameters");
            if (!chosen.IsStatic)
                return Unusable($"names '{plate.Name}.{member}', which is not static");
            if (chosen is IMethodSymbol { IsGenericMethod: true })
                return Unusable($"names '{plate.Name}.{member}', a generic method");
            if (chosen is IPropertySymbol { GetMethod: null })
                return Unusable($"names '{plate.Name}.{member}', a property without a getter");
            var type = chosen switch
            {
                IFieldSymbol f => f.Type,
                IPropertySymbol p => p.Type,
                _ => ((IMethodSymbol)chosen).ReturnType,
            };
            var typeName = type.ToDisplayString();
            if (typeName == KnownNames.Tensor)
                return new InitSourceModel(member, "", "global::TorchSharp.torch.Tensor", chosen is IMethodSymbol, accessor);
            if (typeName == "double[]")
                return new InitSourceModel(member, "", "double[]", chosen is IMethodSymbol, accessor);
            return Unusable($"names '{plate.Name}.{member}', of type '{typeName}', not Tensor or double[]");
        }

        /// <summary>The accessor generated in the plate class for an <c>InitFrom</c> member (no variable's accessor starts so).</summary>
        public static string InitAccessorName(string member) => "__AlanInit_" + member;

        private static double ToDouble(object? v) => v switch
        {
            double d => d,
            float f => f,
            int i => i,
            long l => l,
            _ => 0.0,
        };
    }
}
