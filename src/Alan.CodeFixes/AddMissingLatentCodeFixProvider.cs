using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Alan.Generator;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace Alan.CodeFixes
{
    /// <summary>
    /// ALAN009 (a latent of P is missing from Q): adds a <c>[Latent]</c> method with the latent's name and P's
    /// distribution type (so the supports agree, ALAN012) to the Q plate where it belongs. The diagnostic is located on
    /// P's latent method and carries the latent's name, its distribution type, the Q root type and the plate path
    /// (<see cref="DiagnosticPropertyNames"/>); the Q root is looked up by name in the compilation.
    /// <para>Two fixes are offered, each only when its result compiles and binds:</para>
    /// <list type="number">
    /// <item><description>
    /// <b>A learnable proposal</b>, for the families with an obvious unconstrained parameterisation: each constructor
    /// parameter becomes a <c>[Param(0.0)]</c> argument, exponentiated where the parameter must be positive, e.g.
    /// <c>[Latent] static Normal Mu([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());</c>
    /// (Normal, LogNormal, Laplace, Cauchy, Gumbel: <c>loc</c>, <c>logScale</c>; HalfNormal, HalfCauchy: <c>logScale</c>;
    /// Exponential, Poisson: <c>logRate</c>; Gamma: <c>logConcentration</c>, <c>logRate</c>; Weibull: <c>logScale</c>,
    /// <c>logConcentration</c>; Beta: <c>logConcentration1</c>, <c>logConcentration0</c>; Bernoulli, Geometric: <c>logits</c>).
    /// The parameters hold one value per plate element and no event dimensions: for a latent whose values have event
    /// dimensions add <c>Shape = new long[] { ... }</c> to them, or take the second fix.
    /// </description></item>
    /// <item><description>
    /// <b>A copy of P's method</b> (the prior as the proposal), for every family: P's arguments and body with
    /// <c>[Latent]</c> and P's distribution type. Offered only when every argument of P that is not a <c>[Param]</c>
    /// or <c>[QemParam]</c> binds in Q (a Q latent declared before the insertion point in the same plate or in an enclosing
    /// Q plate, an input of an enclosing plate of P or Q, or a plate parameter of an enclosing Q plate) and the copied
    /// method compiles in Q's file (its body may use helpers only P can see).
    /// </description></item>
    /// </list>
    /// <para>
    /// The method goes before the first latent of that Q plate that depends on it, else after the plate's last latent,
    /// else first in the class. Missing Q plates on the way (Q may omit plates without latents) are created as
    /// <c>[Plate] public partial class</c>es. When neither fix applies (no learnable template and P's method cannot be
    /// copied), none is offered.
    /// </para>
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddMissingLatentCodeFixProvider)), Shared]
    public sealed class AddMissingLatentCodeFixProvider : CodeFixProvider
    {
        public const string LearnableEquivalenceKey = "Alan.AddMissingLatent.Learnable";
        public const string CopyEquivalenceKey = "Alan.AddMissingLatent.Copy";

        private const string LatentAttribute = "Alan.LatentAttribute";
        private const string DataAttribute = "Alan.DataAttribute";
        private const string PlateAttribute = "Alan.PlateAttribute";
        private const string InputAttribute = "Alan.InputAttribute";
        private const string ParamAttribute = "Alan.ParamAttribute";
        private const string QemParamAttribute = "Alan.QemParamAttribute";
        private const string Tensor = "global::TorchSharp.torch.Tensor";

        /// <summary>Learnable proposals: distribution type -> (argument names, constructor call).</summary>
        private static readonly Dictionary<string, (string[] Arguments, string Construction)> Learnable = CreateTemplates();

        private static Dictionary<string, (string[], string)> CreateTemplates()
        {
            var t = new Dictionary<string, (string[], string)>(StringComparer.Ordinal);
            foreach (var f in new[] { "Normal", "LogNormal", "Laplace", "Cauchy", "Gumbel" })
                t["global::Alan." + f] = (new[] { "loc", "logScale" }, "new(loc, logScale.exp())");
            foreach (var f in new[] { "HalfNormal", "HalfCauchy" })
                t["global::Alan." + f] = (new[] { "logScale" }, "new(logScale.exp())");
            foreach (var f in new[] { "Exponential", "Poisson" })
                t["global::Alan." + f] = (new[] { "logRate" }, "new(logRate.exp())");
            t["global::Alan.Gamma"] = (new[] { "logConcentration", "logRate" }, "new(logConcentration.exp(), logRate.exp())");
            t["global::Alan.Weibull"] = (new[] { "logScale", "logConcentration" }, "new(logScale.exp(), logConcentration.exp())");
            t["global::Alan.Beta"] = (new[] { "logConcentration1", "logConcentration0" }, "new(logConcentration1.exp(), logConcentration0.exp())");
            foreach (var f in new[] { "Bernoulli", "Geometric" })
                t["global::Alan." + f] = (new[] { "logits" }, "new(logits: logits)");
            return t;
        }

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(AlanDiagnosticIds.LatentMissingFromQ);

        /// <summary>
        /// No fix-all: several latents inserted into one plate at the same point would be merged as conflicting edits;
        /// each missing latent is fixed on its own.
        /// </summary>
        public override FixAllProvider? GetFixAllProvider() => null;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var request = await ReadAsync(context.Document, diagnostic, context.CancellationToken).ConfigureAwait(false);
                if (request == null) continue;

                if (Learnable.TryGetValue(request.DistributionType, out var template))
                {
                    var method = LearnableMethod(request, template.Arguments, template.Construction);
                    var solution = await InsertAsync(request, method, context.CancellationToken).ConfigureAwait(false);
                    if (solution != null)
                        context.RegisterCodeFix(
                            CodeAction.Create(
                                $"Add '{request.Latent}' to '{request.PlateDisplay}' with a learnable {request.Distribution} proposal",
                                _ => Task.FromResult(solution),
                                LearnableEquivalenceKey),
                            diagnostic);
                }

                if (CanCopy(request))
                {
                    var method = CopiedMethod(request);
                    var solution = await InsertAsync(request, method, context.CancellationToken).ConfigureAwait(false);
                    if (solution != null)
                        context.RegisterCodeFix(
                            CodeAction.Create(
                                $"Add '{request.Latent}' to '{request.PlateDisplay}' as a copy of the model's {request.Distribution} (the prior)",
                                _ => Task.FromResult(solution),
                                CopyEquivalenceKey),
                            diagnostic);
                }
            }
        }

        // ------------------------------------------------------------------ reading the diagnostic

        private sealed class Request
        {
            public string Latent = "";
            public string Distribution = "";
            public string DistributionType = "";
            public MethodDeclarationSyntax PMethod = null!;
            public IMethodSymbol PSymbol = null!;
            public Solution Solution = null!;
            /// <summary>Existing Q plate types from the root down to the deepest one that exists on the plate path.</summary>
            public List<INamedTypeSymbol> QChain = new List<INamedTypeSymbol>();
            /// <summary>Plate names on the path below the deepest existing Q plate (created by the fix).</summary>
            public List<string> MissingPlates = new List<string>();
            public Document QDocument = null!;
            public TypeDeclarationSyntax QDeclaration = null!;
            /// <summary>Where the method goes among <see cref="QDeclaration"/>'s members (when no plate is missing).</summary>
            public int InsertIndex;
            /// <summary>Names of the Q latents of the target plate declared before <see cref="InsertIndex"/>.</summary>
            public HashSet<string> LatentsBefore = new HashSet<string>(StringComparer.Ordinal);
            public string PlateDisplay = "";
        }

        private static async Task<Request?> ReadAsync(Document document, Diagnostic diagnostic, CancellationToken ct)
        {
            var props = diagnostic.Properties;
            string Get(string key) => props.TryGetValue(key, out var v) && v != null ? v : "";
            var latent = Get(DiagnosticPropertyNames.Latent);
            var distributionType = Get(DiagnosticPropertyNames.DistributionType);
            var qType = Get(DiagnosticPropertyNames.QType);
            if (latent.Length == 0 || distributionType.Length == 0 || qType.Length == 0) return null;
            var path = Get(DiagnosticPropertyNames.QPlatePath);
            var segments = path.Length == 0 ? new string[0] : path.Split('.');

            var root = await document.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
            if (root == null || model == null) return null;
            var span = diagnostic.Location.SourceSpan;
            if (span.End > root.FullSpan.End) return null;
            var pMethod = root.FindToken(span.Start).Parent?.AncestorsAndSelf().OfType<MethodDeclarationSyntax>().FirstOrDefault();
            if (pMethod == null || !pMethod.Identifier.Span.IntersectsWith(span)) return null;
            if (!(model.GetDeclaredSymbol(pMethod, ct) is IMethodSymbol pSymbol)) return null;

            var compilation = model.Compilation;
            var qRoot = compilation.GetSymbolsWithName(SimpleName(qType), SymbolFilter.Type, ct)
                .OfType<INamedTypeSymbol>()
                .FirstOrDefault(t => t.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) == qType);
            if (qRoot == null) return null;

            var request = new Request
            {
                Latent = latent,
                Distribution = Get(DiagnosticPropertyNames.Distribution),
                DistributionType = distributionType,
                PMethod = pMethod,
                PSymbol = pSymbol,
                Solution = document.Project.Solution,
            };
            var current = qRoot;
            request.QChain.Add(current);
            for (int i = 0; i < segments.Length; i++)
            {
                var child = current.GetTypeMembers(segments[i]).FirstOrDefault(t => HasAttribute(t, PlateAttribute));
                if (child == null)
                {
                    request.MissingPlates.AddRange(segments.Skip(i));
                    break;
                }
                current = child;
                request.QChain.Add(current);
            }
            request.PlateDisplay = segments.Length > 0 ? segments[segments.Length - 1] : qRoot.Name;

            if (!await ChooseDeclarationAsync(request, current, ct).ConfigureAwait(false)) return null;
            return request;
        }

        private static string SimpleName(string fullName)
        {
            var dot = fullName.LastIndexOf('.');
            var colon = fullName.LastIndexOf(':');
            var name = fullName.Substring(Math.Max(dot, colon) + 1);
            return name.StartsWith("@", StringComparison.Ordinal) ? name.Substring(1) : name;
        }

        /// <summary>Picks the declaration of <paramref name="type"/> to edit (one in a regular document, preferably one with latents) and the insertion point.</summary>
        private static async Task<bool> ChooseDeclarationAsync(Request request, INamedTypeSymbol type, CancellationToken ct)
        {
            (Document Document, TypeDeclarationSyntax Declaration, SemanticModel Model, List<IMethodSymbol?> Methods)? chosen = null;
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var document = request.Solution.GetDocument(reference.SyntaxTree);
                if (document == null) continue; // generated
                if (!(await reference.GetSyntaxAsync(ct).ConfigureAwait(false) is TypeDeclarationSyntax declaration)) continue;
                var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
                if (model == null) continue;
                var methods = declaration.Members.Select(m => m is MethodDeclarationSyntax md ? model.GetDeclaredSymbol(md, ct) : null).ToList();
                bool hasVariables = methods.Any(m => m != null && IsVariable(m));
                if (chosen == null || hasVariables && !chosen.Value.Methods.Any(m => m != null && IsVariable(m)))
                    chosen = (document, declaration, model, methods);
            }
            if (chosen == null) return false;
            request.QDocument = chosen.Value.Document;
            request.QDeclaration = chosen.Value.Declaration;
            if (request.MissingPlates.Count > 0)
            {
                request.InsertIndex = request.QDeclaration.Members.Count;
                return true;
            }

            var list = chosen.Value.Methods;
            int firstDependent = -1, lastVariable = -1;
            for (int i = 0; i < list.Count; i++)
            {
                var m = list[i];
                if (m == null || !IsVariable(m)) continue;
                lastVariable = i;
                if (firstDependent < 0 && m.Parameters.Any(p => !IsParam(p) && Binds(p.Name, request.Latent))) firstDependent = i;
            }
            request.InsertIndex = firstDependent >= 0 ? firstDependent : lastVariable + 1;
            for (int i = 0; i < request.InsertIndex; i++)
                if (list[i] is IMethodSymbol m && HasAttribute(m, LatentAttribute)) request.LatentsBefore.Add(m.Name);
            return true;
        }

        // ------------------------------------------------------------------ the two proposals

        private static string LearnableMethod(Request request, string[] arguments, string construction)
        {
            var parameters = string.Join(", ", arguments.Select(a => $"[global::Alan.Param(0.0)] {Tensor} {a}"));
            return $"[global::Alan.Latent] static {request.DistributionType} {Escape(request.Latent)}({parameters}) => {construction};";
        }

        /// <summary>P's method with <c>[Latent]</c> only (P's group does not carry over) and the fully qualified distribution type.</summary>
        private static string CopiedMethod(Request request)
        {
            var p = request.PMethod;
            var body = p.ExpressionBody != null ? p.ExpressionBody.ToString() + ";" : p.Body?.ToString() ?? "";
            return $"[global::Alan.Latent] static {request.DistributionType} {Escape(request.Latent)}{p.ParameterList} {body}";
        }

        /// <summary>Every argument of P's method that is not a parameter binds to something Q can see at the insertion point.</summary>
        private static bool CanCopy(Request request)
        {
            if (request.PMethod.Body == null && request.PMethod.ExpressionBody == null) return false;
            var qLatents = new HashSet<string>(request.LatentsBefore, StringComparer.Ordinal);
            // Latents of enclosing Q plates (all of the chain except the target plate, unless the target is missing).
            int enclosing = request.MissingPlates.Count > 0 ? request.QChain.Count : request.QChain.Count - 1;
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < enclosing; i++)
                foreach (var m in request.QChain[i].GetMembers().OfType<IMethodSymbol>())
                    if (HasAttribute(m, LatentAttribute)) qLatents.Add(m.Name);
            foreach (var q in request.QChain)
            {
                names.UnionWith(ClassLevelNames(q, InputAttribute));
                names.UnionWith(ClassLevelNames(q, ParamAttribute));
            }
            for (var t = request.PSymbol.ContainingType; t != null; t = t.ContainingType)
            {
                if (!HasAttribute(t, PlateAttribute)) break;
                names.UnionWith(ClassLevelNames(t, InputAttribute));
            }
            names.UnionWith(qLatents);
            foreach (var parameter in request.PSymbol.Parameters)
            {
                if (IsParam(parameter)) continue;
                if (!names.Any(n => Binds(parameter.Name, n))) return false;
            }
            return true;
        }

        /// <summary>The string names of the class-level attributes of one kind ([Input("X")], [Param("X", init)]).</summary>
        private static IEnumerable<string> ClassLevelNames(INamedTypeSymbol type, string attribute)
        {
            foreach (var a in type.GetAttributes())
                if (a.AttributeClass?.ToDisplayString() == attribute && a.ConstructorArguments.Length > 0 && a.ConstructorArguments[0].Value is string s)
                    yield return s;
        }

        // ------------------------------------------------------------------ editing Q

        private static readonly SyntaxAnnotation Inserted = new SyntaxAnnotation("Alan.AddMissingLatent");

        /// <summary>
        /// The solution with the method <paramref name="methodText"/> in Q (inside the missing plates, if any), or null
        /// when the inserted code does not compile there.
        /// </summary>
        private static async Task<Solution?> InsertAsync(Request request, string methodText, CancellationToken ct)
        {
            var text = await request.QDocument.GetTextAsync(ct).ConfigureAwait(false);
            var root = await request.QDocument.GetSyntaxRootAsync(ct).ConfigureAwait(false);
            if (root == null) return null;
            var nl = text.ToString().Contains("\r\n") ? "\r\n" : "\n";
            var memberText = methodText;
            for (int i = request.MissingPlates.Count - 1; i >= 0; i--)
                memberText = $"[global::Alan.Plate]{nl}public partial class {Escape(request.MissingPlates[i])}{nl}{{{nl}{memberText}{nl}}}";
            var parsed = SyntaxFactory.ParseMemberDeclaration(memberText);
            if (parsed == null || parsed.ContainsDiagnostics) return null;

            var declaration = request.QDeclaration;
            int index = Math.Min(request.InsertIndex, declaration.Members.Count);
            var member = parsed.WithTrailingTrivia(SyntaxFactory.EndOfLine(nl));
            if (request.MissingPlates.Count > 0 && index > 0) member = member.WithLeadingTrivia(SyntaxFactory.EndOfLine(nl)); // a blank line before a new plate
            member = member.WithAdditionalAnnotations(Inserted, Formatter.Annotation, Simplifier.Annotation);
            var newRoot = root.ReplaceNode(declaration, declaration.WithMembers(declaration.Members.Insert(index, member)));
            var document = request.QDocument.WithSyntaxRoot(newRoot);

            // The inserted code must compile where it is (the names it uses must resolve in Q's file).
            var model = await document.GetSemanticModelAsync(ct).ConfigureAwait(false);
            var inserted = (await document.GetSyntaxRootAsync(ct).ConfigureAwait(false))?.GetAnnotatedNodes(Inserted).FirstOrDefault();
            if (model == null || inserted == null) return null;
            if (model.GetDiagnostics(inserted.Span, ct).Any(d => d.Severity == DiagnosticSeverity.Error)) return null;
            return document.Project.Solution;
        }

        // ------------------------------------------------------------------ helpers

        private static string Escape(string name) => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

        private static bool IsVariable(IMethodSymbol m) => HasAttribute(m, LatentAttribute) || HasAttribute(m, DataAttribute);

        private static bool IsParam(IParameterSymbol p) => HasAttribute(p, ParamAttribute) || HasAttribute(p, QemParamAttribute);

        private static bool HasAttribute(ISymbol symbol, string attribute) =>
            symbol.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == attribute);

        /// <summary>The binding rule: an argument binds to the member named like it, or like it with the first letter upper-cased.</summary>
        private static bool Binds(string argument, string member) =>
            argument == member || (argument.Length > 0 && char.ToUpperInvariant(argument[0]) + argument.Substring(1) == member);
    }
}
