using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Alan.Generator.AutoGuide
{
    /// <summary>
    /// The shape of one element's value of a P latent, read at compile time from the distribution its method returns: a
    /// derived guide needs it to size its parameters. It follows what the runtime does: numbers and scalar parents are
    /// scalars, <c>torch.zeros(3)</c> is [3], arithmetic and elementwise methods broadcast, a distribution of event rank 0
    /// has the broadcast shape of its arguments, a Dirichlet or MultivariateNormal the shape of its vector argument,
    /// <c>Ordered(component, n)</c> [n], <c>Flat(3)</c> [3]. Anything else (a value computed by a method of the user's, a
    /// static tensor) is unknown: null, with the reason.
    /// </summary>
    internal sealed class ValueShapeReader
    {
        private readonly Func<string, long[]?> _argumentShape;

        /// <param name="argumentShape">The per-element shape of the value a method parameter binds (a parent, an input), or null when unknown.</param>
        public ValueShapeReader(Func<string, long[]?> argumentShape) { _argumentShape = argumentShape; }

        /// <summary>Why the last call returned null ("" after a success).</summary>
        public string Reason { get; private set; } = "";

        /// <summary>The number of categories of a Categorical (the last size of its probabilities), else 0.</summary>
        public long Categories { get; private set; }

        /// <summary>The shape of a value drawn from the distribution <paramref name="creation"/> builds, or null.</summary>
        public long[]? OfDistribution(IObjectCreationOperation creation)
        {
            Reason = "";
            Categories = 0;
            return Distribution(creation);
        }

        private long[]? Distribution(IObjectCreationOperation creation)
        {
            var type = creation.Type as INamedTypeSymbol;
            var name = type?.ToDisplayString() ?? "";
            var args = creation.Arguments.Where(a => a.ArgumentKind != ArgumentKind.DefaultValue).ToList();
            IArgumentOperation? Named(string parameter) => args.FirstOrDefault(a => a.Parameter?.Name == parameter);
            switch (name)
            {
                case "Alan.Flat":
                case "Alan.HalfFlat":
                    return Sizes(creation.Arguments.FirstOrDefault()?.Value);
                case "Alan.Ordered":
                {
                    var component = Unwrap(Named("component")?.Value) as IObjectCreationOperation;
                    var count = Named("count")?.Value.ConstantValue;
                    if (component == null) return Fail("its component is not a constructor call");
                    var inner = Distribution(component);
                    if (inner == null) return null;
                    if (inner.Length != 0) return Fail("its component is not scalar");
                    if (count is not { HasValue: true, Value: int n }) return Fail("its count is not a constant");
                    return new long[] { n };
                }
                case "Alan.Mixture":
                {
                    var components = Named("components")?.Value;
                    var list = components is IArrayCreationOperation array && array.Initializer != null
                        ? array.Initializer.ElementValues.Select(Unwrap).ToList()
                        : new List<IOperation?>();
                    if (list.Count == 0 || list.Any(c => c is not IObjectCreationOperation)) return Fail("its components are not constructor calls");
                    long[]? shape = new long[0];
                    foreach (var c in list)
                    {
                        var s = Distribution((IObjectCreationOperation)c!);
                        if (s == null) return null;
                        shape = Broadcast(shape!, s);
                        if (shape == null) return Fail("its components' shapes do not broadcast");
                    }
                    return shape;
                }
                case "Alan.Transformed":
                {
                    var baseDistribution = Unwrap(Named("baseDistribution")?.Value) as IObjectCreationOperation;
                    if (baseDistribution == null) return Fail("its base distribution is not a constructor call");
                    var shape = Distribution(baseDistribution);
                    if (shape == null) return null;
                    var bijector = Named("bijector")?.Value.Type?.Name;
                    if (bijector == "StickBreakingBijector")
                    {
                        if (shape.Length == 0) return Fail("its stick-breaking base is not a vector");
                        shape = (long[])shape.Clone();
                        shape[shape.Length - 1] += 1;
                    }
                    return shape;
                }
                case "Alan.Categorical":
                {
                    var probs = (Named("probs") ?? Named("logits"))?.Value;
                    var shape = Value(probs);
                    if (shape == null) return null;
                    if (shape.Length == 0) return Fail("its probabilities are not a vector");
                    Categories = shape[shape.Length - 1];
                    return shape.Take(shape.Length - 1).ToArray();
                }
                case "Alan.Dirichlet":
                {
                    var shape = Value(Named("concentration")?.Value);
                    if (shape != null && shape.Length == 0) return Fail("its concentration is not a vector");
                    return shape;
                }
                case "Alan.MultivariateNormal":
                {
                    var shape = Value(Named("loc")?.Value);
                    if (shape != null && shape.Length == 0) return Fail("its loc is not a vector");
                    return shape;
                }
            }
            if (EventRank(type) != 0) return Fail($"{type?.Name ?? "its distribution"} has vector values whose size is not read at compile time");
            long[]? result = new long[0];
            foreach (var a in args)
            {
                if (!IsTensorOrNumber(a.Parameter?.Type)) continue;
                var s = Value(a.Value);
                if (s == null) return null;
                result = Broadcast(result!, s);
                if (result == null) return Fail("its arguments' shapes do not broadcast");
            }
            return result;
        }

        /// <summary>The per-element shape of a Tensor- or number-valued expression, or null.</summary>
        private long[]? Value(IOperation? operation)
        {
            var op = Unwrap(operation);
            switch (op)
            {
                case null: return Fail("an argument is missing");
                case { ConstantValue.HasValue: true }: return new long[0];
                // a number computed in C# (Math.Log(1000.0), a double field) broadcasts as a scalar
                case { Type.SpecialType: SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Int32 or SpecialType.System_Int64 }:
                    return new long[0];
                case IParameterReferenceOperation p:
                {
                    var shape = _argumentShape(p.Parameter.Name);
                    return shape ?? Fail($"the shape of '{p.Parameter.Name}' is not known");
                }
                case IBinaryOperation b:
                {
                    var l = Value(b.LeftOperand);
                    if (l == null) return null;
                    var r = Value(b.RightOperand);
                    if (r == null) return null;
                    return Broadcast(l, r) ?? Fail($"'{b.Syntax}' has operands whose shapes do not broadcast");
                }
                case IUnaryOperation u: return Value(u.Operand);
                case IInvocationOperation call: return Invocation(call);
            }
            return Fail($"'{op.Syntax}' is not an expression whose shape is read at compile time");
        }

        /// <summary>Elementwise Tensor methods (the result has the receiver's shape, broadcast with tensor arguments).</summary>
        private static readonly HashSet<string> Elementwise = new HashSet<string>(StringComparer.Ordinal)
        {
            "exp", "log", "sqrt", "rsqrt", "abs", "neg", "sigmoid", "softplus", "square", "pow", "clamp", "clamp_min", "clamp_max",
            "tanh", "relu", "log1p", "expm1", "reciprocal", "sin", "cos", "mul", "add", "sub", "div", "logit", "exp2", "log2",
            "log10", "sign", "floor", "ceil", "round", "minimum", "maximum", "to", "to_type", "type", "clone", "detach", "erf",
        };

        private long[]? Invocation(IInvocationOperation call)
        {
            var method = call.TargetMethod;
            var isTorch = method.ContainingType?.ToDisplayString() is "TorchSharp.torch" or "TorchSharp.torch.special" or "TorchSharp.torch.nn.functional";
            if (call.Instance != null && method.ContainingType?.Name == "Tensor" && method.Name is "sum" or "mean" or "prod")
            {
                var shape = Value(call.Instance);
                if (shape == null) return null;
                var given = call.Arguments.Where(a => a.ArgumentKind != ArgumentKind.DefaultValue).ToList();
                if (given.Count == 0) return new long[0];
                var dim = Unwrap(given[0].Value)?.ConstantValue;
                if (given.Count == 1 && dim is { HasValue: true } && dim.Value.Value is int or long)
                {
                    long d = Convert.ToInt64(dim.Value.Value);
                    if (d < 0) d += shape.Length;
                    if (d >= 0 && d < shape.Length) return shape.Where((_, i) => i != d).ToArray();
                }
                return Fail($"'{call.Syntax}' reduces over dims that are not read at compile time");
            }
            if (call.Instance != null && method.ContainingType?.Name == "Tensor")
            {
                if (!Elementwise.Contains(method.Name)) return Fail($"'{call.Syntax}' calls Tensor.{method.Name}, whose result shape is not read at compile time");
                var shape = Value(call.Instance);
                foreach (var a in call.Arguments)
                {
                    if (shape == null) return null;
                    if (a.ArgumentKind == ArgumentKind.DefaultValue || a.Parameter?.Type.Name != "Tensor") continue;
                    var s = Value(a.Value);
                    if (s == null) return null;
                    shape = Broadcast(shape, s);
                }
                return shape;
            }
            if (isTorch)
            {
                switch (method.Name)
                {
                    case "zeros": case "ones": case "empty": case "full": case "rand": case "randn":
                    {
                        // zeros(long[] size, ...) or zeros(long rows, long columns, ...): the leading integer arguments
                        var first = call.Arguments.FirstOrDefault();
                        if (first?.Parameter?.Type is IArrayTypeSymbol) return Sizes(first.Value);
                        var sizes = new List<long>();
                        foreach (var a in call.Arguments)
                        {
                            if (a.Parameter?.Type.SpecialType is not (SpecialType.System_Int64 or SpecialType.System_Int32) || a.ArgumentKind == ArgumentKind.DefaultValue) break;
                            var size = Sizes(a.Value);
                            if (size == null) return null;
                            sizes.AddRange(size);
                        }
                        return sizes.Count > 0 ? sizes.ToArray() : Fail($"'{call.Syntax}' has sizes that are not read at compile time");
                    }
                    case "eye":
                    {
                        var n = call.Arguments.FirstOrDefault()?.Value.ConstantValue;
                        var m = call.Arguments.Skip(1).FirstOrDefault(a => a.ArgumentKind != ArgumentKind.DefaultValue && a.Parameter?.Type.SpecialType == SpecialType.System_Int64)?.Value.ConstantValue;
                        if (n is not { HasValue: true } || n.Value.Value is not (int or long)) return Fail($"'{call.Syntax}' has a size that is not a constant");
                        long rows = Convert.ToInt64(n.Value.Value);
                        long cols = m is { HasValue: true } && m.Value.Value is int or long ? Convert.ToInt64(m.Value.Value) : rows;
                        return new[] { rows, cols };
                    }
                    case "tensor":
                    {
                        var data = Unwrap(call.Arguments.FirstOrDefault()?.Value);
                        if (data is { ConstantValue.HasValue: true }) return new long[0];
                        if (data is IArrayCreationOperation array && array.DimensionSizes.Length == 1 && array.Initializer != null)
                            return new long[] { array.Initializer.ElementValues.Length };
                        return Fail($"'{call.Syntax}' is not a tensor of literal values");
                    }
                    case "zeros_like": case "ones_like": case "full_like":
                    case "exp": case "log": case "sqrt": case "abs": case "sigmoid": case "softplus": case "square": case "tanh":
                    case "log1p": case "expm1": case "logit": case "neg": case "reciprocal": case "erf":
                        return Value(call.Arguments.FirstOrDefault()?.Value);
                }
            }
            return Fail($"'{call.Syntax}' calls {method.Name}, whose result shape is not read at compile time");
        }

        /// <summary>A size list: a constant, or a (params) array of constants.</summary>
        private long[]? Sizes(IOperation? operation)
        {
            var op = Unwrap(operation);
            if (op is { ConstantValue: { HasValue: true, Value: int or long } c }) return new[] { Convert.ToInt64(c.Value) };
            if (op is IArrayCreationOperation array && array.Initializer != null)
            {
                var sizes = new List<long>();
                foreach (var e in array.Initializer.ElementValues)
                {
                    var v = Unwrap(e)?.ConstantValue;
                    if (v is not { HasValue: true } || v.Value.Value is not (int or long)) return Fail($"'{op.Syntax}' has a size that is not a constant");
                    sizes.Add(Convert.ToInt64(v.Value.Value));
                }
                return sizes.ToArray();
            }
            return Fail($"'{operation?.Syntax}' is not a list of constant sizes");
        }

        private long[]? Fail(string reason)
        {
            if (Reason.Length == 0) Reason = reason;
            return null;
        }

        /// <summary>The operation under implicit and explicit conversions (a double passed as a Tensor).</summary>
        internal static IOperation? Unwrap(IOperation? op)
        {
            while (op is IConversionOperation c) op = c.Operand;
            return op;
        }

        private static bool IsTensorOrNumber(ITypeSymbol? type) =>
            type != null && (type.Name == "Tensor" || type.SpecialType is SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Int32 or SpecialType.System_Int64);

        private static int EventRank(INamedTypeSymbol? type)
        {
            for (var t = type; t != null; t = t.BaseType)
                foreach (var a in t.GetAttributes())
                    if (a.AttributeClass?.ToDisplayString() == "Alan.DistributionAttribute")
                    {
                        foreach (var kv in a.NamedArguments)
                            if (kv.Key == "EventRank" && kv.Value.Value is int r) return r;
                        return 0;
                    }
            return -1;
        }

        /// <summary>NumPy broadcasting of two shapes, or null when they do not broadcast.</summary>
        internal static long[]? Broadcast(long[] a, long[] b)
        {
            int n = Math.Max(a.Length, b.Length);
            var result = new long[n];
            for (int i = 0; i < n; i++)
            {
                long x = i < n - a.Length ? 1 : a[i - (n - a.Length)];
                long y = i < n - b.Length ? 1 : b[i - (n - b.Length)];
                if (x != y && x != 1 && y != 1) return null;
                result[i] = Math.Max(x, y);
            }
            return result;
        }
    }
}
