using System.Collections.Immutable;
using Alan.Generator.Check;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Alan.Generator.Analyzers
{
    /// <summary>
    /// Flags the temporary <c>TorchSharp.Scalar</c>s of model code. TorchSharp 0.107 does not keep a temporary Scalar alive
    /// across the native call that reads it and frees it in its finalizer, so a garbage collection started by another
    /// thread can free it while libtorch still reads it (a use after free).
    /// </summary>
    /// <remarks>
    /// <para>ALAN056: a number the code converts to a Scalar, by a conversion (<c>t.clamp(min: 0)</c>,
    /// <c>torch.full(shape, 2.0)</c>) or as the operand of one of TorchSharp's operators (<c>0.5 * b</c>, <c>x - 1</c>). Its
    /// code fix: <c>Scalars.Of(constant)</c>, or <c>torch.tensor(value)</c> for a run-time value combined by an operator.</para>
    /// <para>ALAN057: a TorchSharp member that creates a temporary Scalar itself: every <c>+</c> of a tensor
    /// (<c>Tensor.add</c> without an <c>alpha</c> passes an alpha of 1), a number or Scalar minus a tensor (it adds),
    /// <c>add</c>/<c>add_</c> without alpha, <c>addcdiv</c> without value, <c>square()</c> (it calls <c>pow(2)</c>),
    /// <c>softplus</c> and <c>elu</c> (they convert their <c>double</c> arguments). Its code
    /// fix: the overload taking the Scalar, given a cached one (<c>a.add(b, Scalars.Of(1))</c>, <c>pow(Scalars.Of(2))</c>,
    /// <c>-(t - c)</c>).</para>
    /// <para>By default only model code is checked: the members of <c>[Plate]</c> classes, which hold the <c>[Latent]</c>
    /// and <c>[Data]</c> methods. The analyzer option <c>alan_implicit_scalar_scope = all</c> (in a <c>.globalconfig</c>)
    /// checks every method: the runtime builds with it.</para>
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ImplicitScalarAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The analyzer option that widens the check from model code to every method.</summary>
        public const string ScopeOption = "alan_implicit_scalar_scope";

        /// <summary>Property of ALAN056: present (the operator's name) when the number is an operand of a TorchSharp operator.</summary>
        public const string OperatorProperty = "Operator";

        /// <summary>Property of ALAN056: "true" when the number is a compile-time constant.</summary>
        public const string ConstantProperty = "Constant";

        /// <summary>Property of ALAN057: how the code fix rewrites the call (one of the <c>Rewrite*</c> values).</summary>
        public const string RewriteProperty = "Rewrite";

        /// <summary><c>a + b</c> (or <c>a += b</c>): <c>a.add(b, Scalars.Of(1))</c>.</summary>
        public const string RewriteAddition = "Addition";

        /// <summary><c>c - t</c> with c a number or Scalar: <c>-(t - c)</c>.</summary>
        public const string RewriteReversedSubtraction = "ReversedSubtraction";

        /// <summary><c>t.add(b)</c>, <c>t.add_(b)</c>, <c>t.addcdiv(x, y)</c>: the Scalar of 1 appended.</summary>
        public const string RewriteAppendOne = "AppendOne";

        /// <summary><c>t.square()</c>: <c>t.pow(Scalars.Of(2))</c>.</summary>
        public const string RewriteSquare = "Square";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Diagnostics.ImplicitScalarNumber, Diagnostics.ImplicitScalarInTorchSharp);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var scalar = start.Compilation.GetTypeByMetadataName("TorchSharp.Scalar");
                var tensor = start.Compilation.GetTypeByMetadataName("TorchSharp.torch+Tensor");
                var torch = start.Compilation.GetTypeByMetadataName("TorchSharp.torch");
                if (scalar is null || tensor is null || torch is null) return;
                var plate = start.Compilation.GetTypeByMetadataName("Alan.PlateAttribute");
                bool everywhere = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(ScopeOption, out var scope) &&
                                  scope.Trim() == "all";
                var finder = new Finder(scalar, tensor, torch, plate, everywhere);
                start.RegisterOperationAction(finder.Conversion, OperationKind.Conversion);
                start.RegisterOperationAction(finder.Operator, OperationKind.Binary, OperationKind.CompoundAssignment);
                start.RegisterOperationAction(finder.Invocation, OperationKind.Invocation);
            });
        }

        private sealed class Finder
        {
            private readonly INamedTypeSymbol _scalar;
            private readonly INamedTypeSymbol _tensor;
            private readonly INamedTypeSymbol _torch;
            private readonly INamedTypeSymbol? _plate;
            private readonly bool _everywhere;

            public Finder(INamedTypeSymbol scalar, INamedTypeSymbol tensor, INamedTypeSymbol torch, INamedTypeSymbol? plate, bool everywhere)
            {
                _scalar = scalar;
                _tensor = tensor;
                _torch = torch;
                _plate = plate;
                _everywhere = everywhere;
            }

            /// <summary>A user-defined conversion of a number to Scalar, written or implicit.</summary>
            public void Conversion(OperationAnalysisContext context)
            {
                var conversion = (IConversionOperation)context.Operation;
                if (!conversion.Conversion.IsUserDefined || !SymbolEqualityComparer.Default.Equals(conversion.Type, _scalar)) return;
                if (!InScope(context)) return;
                ReportNumber(context, conversion.Operand, null);
            }

            /// <summary>TorchSharp's Tensor operators: a number operand (ALAN056); an addition, or a subtraction from a number or Scalar (ALAN057).</summary>
            public void Operator(OperationAnalysisContext context)
            {
                IMethodSymbol? method;
                IOperation left, right;
                switch (context.Operation)
                {
                    case IBinaryOperation b: (method, left, right) = (b.OperatorMethod, b.LeftOperand, b.RightOperand); break;
                    case ICompoundAssignmentOperation c: (method, left, right) = (c.OperatorMethod, c.Target, c.Value); break;
                    default: return;
                }
                if (method is null || !SymbolEqualityComparer.Default.Equals(method.ContainingType, _tensor) || method.Parameters.Length != 2) return;
                if (!InScope(context)) return;
                int number = IsNumber(method.Parameters[0].Type) ? 0 : IsNumber(method.Parameters[1].Type) ? 1 : -1;
                if (number >= 0) ReportNumber(context, number == 0 ? left : right, method.Name);
                if (method.Name == "op_Addition")
                    ReportCall(context, "'+' of a tensor calls Tensor.add without alpha", RewriteAddition);
                else if (method.Name == "op_Subtraction" && !SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, _tensor))
                    ReportCall(context, "a number or Scalar minus a tensor calls Tensor.add without alpha", RewriteReversedSubtraction);
            }

            /// <summary>TorchSharp methods that pass a Scalar of their own: add/add_ without alpha, addcdiv without value, square.</summary>
            public void Invocation(OperationAnalysisContext context)
            {
                var call = (IInvocationOperation)context.Operation;
                var m = call.TargetMethod;
                bool onTensor = SymbolEqualityComparer.Default.Equals(m.ContainingType, _tensor);
                bool onTorch = SymbolEqualityComparer.Default.Equals(m.ContainingType, _torch);
                if (!onTensor && !onTorch) return;
                string? why = null, rewrite = null;
                if (onTensor && (m.Name == "add" || m.Name == "add_") && m.Parameters.Length == 1)
                    (why, rewrite) = ($"Tensor.{m.Name} without alpha passes an alpha of 1", RewriteAppendOne);
                else if (onTensor && (m.Name == "addcdiv" || m.Name == "addcdiv_") && m.Parameters.Length == 2)
                    (why, rewrite) = ($"Tensor.{m.Name} without value passes a value of 1", RewriteAppendOne);
                else if (onTensor && m.Name == "square" && m.Parameters.Length == 0)
                    (why, rewrite) = ("Tensor.square calls pow(2)", RewriteSquare);
                else if (onTensor && (m.Name == "softplus" || m.Name == "elu" || m.Name == "elu_") && m.Parameters.Length > 0 &&
                         m.Parameters[0].Type.SpecialType == SpecialType.System_Double)
                    (why, rewrite) = ($"Tensor.{m.Name} converts its double arguments to Scalars", null);
                else if (onTorch && (m.Name == "square" || (m.Name == "add" && m.Parameters.Length == 2)))
                    (why, rewrite) = ($"torch.{m.Name} calls Tensor.{(m.Name == "add" ? "add without alpha" : "square")}", null);
                if (why is null || !InScope(context)) return;
                ReportCall(context, why, rewrite);
            }

            private static bool IsNumber(ITypeSymbol type) => type.SpecialType switch
            {
                SpecialType.System_Double or SpecialType.System_Single or SpecialType.System_Int32 or SpecialType.System_Int64 or
                SpecialType.System_Int16 or SpecialType.System_Byte or SpecialType.System_SByte or SpecialType.System_Boolean => true,
                _ => false,
            };

            private bool InScope(OperationAnalysisContext context)
            {
                if (_everywhere) return true;
                // Generated files are not model code (an accessor's copy of a scale expression is reported in the model's own file).
                if (IsGenerated(context.Operation.Syntax.SyntaxTree, context.CancellationToken)) return false;
                if (_plate is null) return false;
                for (var type = context.ContainingSymbol.ContainingType; type is not null; type = type.ContainingType)
                    foreach (var a in type.GetAttributes())
                        if (SymbolEqualityComparer.Default.Equals(a.AttributeClass, _plate)) return true;
                return false;
            }

            private static bool IsGenerated(SyntaxTree tree, System.Threading.CancellationToken ct) =>
                tree.GetText(ct).ToString(new Microsoft.CodeAnalysis.Text.TextSpan(0, System.Math.Min(200, tree.Length))).Contains("<auto-generated");

            private static string Member(OperationAnalysisContext context) =>
                context.ContainingSymbol.ContainingType is { } t ? t.Name + "." + context.ContainingSymbol.Name : context.ContainingSymbol.Name;

            private static void ReportNumber(OperationAnalysisContext context, IOperation number, string? op)
            {
                // The number as written: an int promoted to double is reported on the int.
                var written = number;
                while (written is IConversionOperation { IsImplicit: true } inner) written = inner.Operand;
                var properties = ImmutableDictionary<string, string?>.Empty;
                if (op is not null) properties = properties.Add(OperatorProperty, op);
                if (number.ConstantValue.HasValue) properties = properties.Add(ConstantProperty, "true");
                context.ReportDiagnostic(Diagnostic.Create(Diagnostics.ImplicitScalarNumber, written.Syntax.GetLocation(), properties,
                    written.Syntax.ToString(), Member(context)));
            }

            private static void ReportCall(OperationAnalysisContext context, string why, string? rewrite)
            {
                var properties = rewrite is null
                    ? ImmutableDictionary<string, string?>.Empty
                    : ImmutableDictionary<string, string?>.Empty.Add(RewriteProperty, rewrite);
                context.ReportDiagnostic(Diagnostic.Create(Diagnostics.ImplicitScalarInTorchSharp, context.Operation.Syntax.GetLocation(), properties,
                    context.Operation.Syntax.ToString(), Member(context), why));
            }
        }
    }
}
