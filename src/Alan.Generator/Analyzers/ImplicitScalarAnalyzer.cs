using System.Collections.Immutable;
using Alan.Generator.Check;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace Alan.Generator.Analyzers
{
    /// <summary>
    /// Flags numbers that TorchSharp turns into a temporary <c>TorchSharp.Scalar</c> inside model code: an implicit (or cast)
    /// conversion to <c>Scalar</c> (<c>t.clamp(min: 0)</c>, <c>torch.full(shape, 2.0)</c>) and TorchSharp's operators between a
    /// tensor and a number (<c>0.5 * b</c>, <c>x + 1</c>, <c>t -= 1</c>), which convert the number themselves. TorchSharp 0.107
    /// does not keep such a Scalar alive across the native call that reads it and frees it in its finalizer, so a garbage
    /// collection started by another thread can free it while libtorch still reads it (a use after free).
    /// </summary>
    /// <remarks>
    /// A compile-time constant is ALAN056 (the code fix moves it into a <c>static readonly Scalar</c> field, which is never
    /// finalized); any other number is ALAN057 (the code fix makes it a 0-dimensional tensor with <c>torch.tensor</c>, which
    /// the operation reads like the number). By default only model code is checked: the members of <c>[Plate]</c> classes,
    /// which hold the <c>[Latent]</c> and <c>[Data]</c> methods. The analyzer option <c>alan_implicit_scalar_scope = all</c>
    /// (in a <c>.globalconfig</c>) checks every method, generated code included: the runtime builds with it.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class ImplicitScalarAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The analyzer option that widens the check from model code to every method.</summary>
        public const string ScopeOption = "alan_implicit_scalar_scope";

        /// <summary>Property of the diagnostic: the operator's name when the number is an operand of a TorchSharp operator.</summary>
        public const string OperatorProperty = "Operator";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Diagnostics.ImplicitScalarConstant, Diagnostics.ImplicitScalarValue);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var scalar = start.Compilation.GetTypeByMetadataName("TorchSharp.Scalar");
                var tensor = start.Compilation.GetTypeByMetadataName("TorchSharp.torch+Tensor");
                if (scalar is null || tensor is null) return;
                var plate = start.Compilation.GetTypeByMetadataName("Alan.PlateAttribute");
                bool everywhere = start.Options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue(ScopeOption, out var scope) &&
                                  scope.Trim() == "all";
                var finder = new Finder(scalar, tensor, plate, everywhere);
                start.RegisterOperationAction(finder.Conversion, OperationKind.Conversion);
                start.RegisterOperationAction(finder.Operator, OperationKind.Binary, OperationKind.CompoundAssignment);
            });
        }

        private sealed class Finder
        {
            private readonly INamedTypeSymbol _scalar;
            private readonly INamedTypeSymbol _tensor;
            private readonly INamedTypeSymbol? _plate;
            private readonly bool _everywhere;

            public Finder(INamedTypeSymbol scalar, INamedTypeSymbol tensor, INamedTypeSymbol? plate, bool everywhere)
            {
                _scalar = scalar;
                _tensor = tensor;
                _plate = plate;
                _everywhere = everywhere;
            }

            /// <summary>A user-defined conversion of a number to Scalar, written or implicit.</summary>
            public void Conversion(OperationAnalysisContext context)
            {
                var conversion = (IConversionOperation)context.Operation;
                if (!conversion.Conversion.IsUserDefined || !SymbolEqualityComparer.Default.Equals(conversion.Type, _scalar)) return;
                if (!InScope(context)) return;
                Report(context, conversion.Operand, null);
            }

            /// <summary>TorchSharp's Tensor operators whose other operand is a number (not a Tensor or a Scalar).</summary>
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
                int number = IsNumber(method.Parameters[0].Type) ? 0 : IsNumber(method.Parameters[1].Type) ? 1 : -1;
                if (number < 0 || !InScope(context)) return;
                Report(context, number == 0 ? left : right, method.Name);
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
                if (IsGenerated(context.Operation.Syntax.SyntaxTree, context.CancellationToken)) return false;
                for (var type = context.ContainingSymbol.ContainingType; type is not null; type = type.ContainingType)
                    foreach (var a in type.GetAttributes())
                        if (_plate is not null && SymbolEqualityComparer.Default.Equals(a.AttributeClass, _plate)) return true;
                return false;
            }

            /// <summary>Generated files (the generator copies a model's scale expression into an accessor) are reported in the model's own source.</summary>
            private static bool IsGenerated(SyntaxTree tree, System.Threading.CancellationToken ct) =>
                tree.GetText(ct).ToString(new Microsoft.CodeAnalysis.Text.TextSpan(0, System.Math.Min(200, tree.Length))).Contains("<auto-generated");

            private static void Report(OperationAnalysisContext context, IOperation number, string? op)
            {
                // The number as written: an int promoted to double is reported on the int.
                var written = number;
                while (written is IConversionOperation { IsImplicit: true } inner) written = inner.Operand;
                var constant = number.ConstantValue.HasValue;
                var member = context.ContainingSymbol.ContainingType is { } t ? t.Name + "." + context.ContainingSymbol.Name : context.ContainingSymbol.Name;
                var properties = op is null
                    ? ImmutableDictionary<string, string?>.Empty
                    : ImmutableDictionary<string, string?>.Empty.Add(OperatorProperty, op);
                context.ReportDiagnostic(Diagnostic.Create(
                    constant ? Diagnostics.ImplicitScalarConstant : Diagnostics.ImplicitScalarValue,
                    written.Syntax.GetLocation(), properties, written.Syntax.ToString(), member));
            }
        }
    }
}
