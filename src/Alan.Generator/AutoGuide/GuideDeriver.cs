using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using Alan.Generator.Binding;
using Alan.Generator.Check;
using Alan.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Alan.Generator.AutoGuide
{
    /// <summary>
    /// Reads what a derived guide needs about each latent of P (DESIGN 3.1): its support and value shape, P's prior
    /// location and scale where they are constants (the guide's start), and which parents the proposal may read.
    /// A latent it cannot propose gets ALAN052 (unknown shape) or ALAN053 (no automatic proposal).
    /// </summary>
    internal static class GuideDeriver
    {
        private const int Real = 0, Positive = 1, Interval = 2, UnitInterval = 3, Simplex = 4, Binary = 5, BoundedCount = 6, Category = 7,
            Count = 8, Ordered = 9, PositiveOrdered = 10;

        /// <summary>The latents of P in P's order (pre-order over plates), or null when P itself cannot be read (P's own diagnostics say why).</summary>
        public static IReadOnlyList<GuideLatent>? Derive(INamedTypeSymbol pType, ProgramModel p, int mode, Compilation compilation,
            LocationInfo problemLocation, string problemName, List<DiagnosticInfo> diagnostics, CancellationToken ct)
        {
            var scope = new ProgramScope(p);
            var binder = new Binder(scope, null, null);
            var byName = new Dictionary<string, GuideLatent>(StringComparer.Ordinal);
            var result = new List<GuideLatent>();
            foreach (var entry in scope.Variables)
            {
                ct.ThrowIfCancellationRequested();
                var v = entry.Variable;
                if (v.Kind != VariableKind.Latent) continue;
                if (v.Distribution == null || !v.Distribution.SupportKnown) return null;
                var plateType = PlateType(pType, entry.Plate.Path);
                var method = plateType?.GetMembers(v.Name).OfType<IMethodSymbol>().FirstOrDefault(m => m.MethodKind == MethodKind.Ordinary);
                if (method == null) return null;
                var creation = ReturnedCreation(method, compilation, ct);
                var where = v.Location;
                if (creation == null)
                {
                    diagnostics.Add(CheckUtil.Make(Diagnostics.AutoGuideShapeUnknown, where, CheckUtil.S(problemName), CheckUtil.S(v.Name),
                        "its method does not return a distribution's constructor call directly"));
                    continue;
                }

                long[]? ArgumentShape(string argument)
                {
                    var model = v.Arguments.FirstOrDefault(a => a.Name == argument);
                    if (model == null) return null;
                    var binding = binder.Bind(entry, model);
                    switch (binding.Kind)
                    {
                        case BindingKind.Latent: return byName.TryGetValue(binding.Target, out var parent) ? parent.Shape : null;
                        case BindingKind.Previous:
                            return v.Timeseries is { Length: > 0 } init && byName.TryGetValue(init, out var first) ? first.Shape : null;
                        case BindingKind.Input:
                            foreach (var plate in scope.Plates)
                                foreach (var input in plate.Plate.Inputs)
                                    if (input.Name == binding.Target) return input.Shape.ToArray();
                            return null;
                        case BindingKind.PlateParam:
                            for (var plate = entry.Plate; plate != null; plate = plate.Parent)
                                foreach (var param in plate.Plate.Params)
                                    if (param.Name == binding.Target) return param.Shape.ToArray();
                            return null;
                        default: return null;
                    }
                }

                var reader = new ValueShapeReader(ArgumentShape);
                var shape = reader.OfDistribution(creation);
                long categories = reader.Categories;
                // A chain's elements have its init's shape (DESIGN 4.10), however the step's distribution is written.
                if (shape == null && v.Timeseries is { Length: > 0 } chainInit && byName.TryGetValue(chainInit, out var initLatent))
                {
                    shape = initLatent.Shape;
                    categories = initLatent.Categories;
                }
                if (shape == null)
                {
                    diagnostics.Add(CheckUtil.Make(Diagnostics.AutoGuideShapeUnknown, where, CheckUtil.S(problemName), CheckUtil.S(v.Name), reader.Reason));
                    continue;
                }

                var support = v.Distribution.Support;
                string? refusal = null;
                GuideFamily family;
                string bijector = "";
                string? unconstrain = null;
                var unconstrained = shape;
                switch (support)
                {
                    case Real: family = GuideFamily.Real; unconstrain = "{0}"; break;
                    case Positive: family = GuideFamily.Bijected; bijector = "Bijector.Exp"; unconstrain = "{0}.log()"; break;
                    case UnitInterval: family = GuideFamily.Bijected; bijector = "Bijector.UnitInterval"; unconstrain = "torch.logit({0})"; break;
                    case Interval:
                        family = GuideFamily.Bijected;
                        bijector = IntervalBijector(creation, out refusal);
                        break;
                    case Simplex:
                        family = GuideFamily.Bijected;
                        bijector = "Bijector.StickBreaking";
                        if (shape.Length == 0 || shape[shape.Length - 1] < 2) refusal = "a simplex needs at least two components";
                        else { unconstrained = (long[])shape.Clone(); unconstrained[unconstrained.Length - 1] -= 1; }
                        break;
                    case Ordered: family = GuideFamily.Bijected; bijector = "Bijector.Ordered"; break;
                    case PositiveOrdered: family = GuideFamily.Bijected; bijector = "Bijector.PositiveOrdered"; break;
                    case Binary: family = GuideFamily.Binary; break;
                    case Category: family = GuideFamily.Category; break;
                    case Count: family = GuideFamily.Count; break;
                    case BoundedCount:
                        family = GuideFamily.Count;
                        refusal = "a bounded count has no automatic proposal (the bound is P's); write its proposal by hand (Binomial with the same total count)";
                        break;
                    default: family = GuideFamily.Real; refusal = "its support has no automatic proposal"; break;
                }
                if (refusal == null && shape.Length > 1)
                    refusal = "its value per element is a matrix (shape " + ShapeText(shape) + "); automatic guides propose scalars and vectors";
                if (refusal == null && mode == GuideWriter.Qem && support is Interval or Category or Ordered or PositiveOrdered)
                {
                    diagnostics.Add(CheckUtil.Make(Diagnostics.AutoGuideNoQemFamily, where, CheckUtil.S(problemName), CheckUtil.S(v.Name),
                        CheckUtil.S(CheckUtil.SupportName(support))));
                    continue;
                }
                if (refusal != null)
                {
                    diagnostics.Add(CheckUtil.Make(Diagnostics.AutoGuideUnsupported, where, CheckUtil.S(problemName), CheckUtil.S(v.Name),
                        CheckUtil.S(CheckUtil.SupportName(support)), refusal));
                    continue;
                }

                var (initLoc, initLogScale) = v.Distribution.Improper ? (0.0, 0.0) : PriorStart(creation, support, family);
                var parents = new List<GuideLatent>();
                if (mode == 0 && family is GuideFamily.Real or GuideFamily.Bijected)
                {
                    if (entry.Plate.Path.Count == 0)
                    {
                        // The root block: every earlier root latent the chain can read (a full covariance), except that
                        // two low-rank vectors do not read each other (their weights would be an n x m matrix).
                        bool large = unconstrained.Length == 1 && unconstrained[0] > GuideWriter.LowRankAbove;
                        parents.AddRange(result.Where(l => l.InRoot && !l.IsDiscrete && l.Unconstrain != null && !(large && l.IsLowRank)));
                    }
                    else
                        foreach (var a in v.Arguments)
                        {
                            var binding = binder.Bind(entry, a);
                            if (binding.Kind == BindingKind.Latent && byName.TryGetValue(binding.Target, out var parent)
                                && !parent.IsDiscrete && parent.Unconstrain != null && parent.Shape.Length == 0 && !parents.Contains(parent))
                                parents.Add(parent);
                        }
                }

                var latent = new GuideLatent(v.Name, entry.Plate.Path.ToList(), support, family, shape, unconstrained, categories, bijector,
                    unconstrain, initLoc, initLogScale, parents, Describe(creation));
                byName[v.Name] = latent;
                result.Add(latent);
            }
            return result;
        }

        /// <summary>P's distribution as <c>Normal(0.0, 1.0)</c>, whether written <c>new Normal(...)</c> or <c>new(...)</c>.</summary>
        private static string Describe(IObjectCreationOperation creation)
        {
            var list = creation.Syntax switch
            {
                ObjectCreationExpressionSyntax o => o.ArgumentList?.ToString(),
                ImplicitObjectCreationExpressionSyntax i => i.ArgumentList.ToString(),
                _ => null,
            };
            return (creation.Type?.Name ?? "") + (list ?? "()");
        }

        /// <summary>The nested plate class at <paramref name="path"/> under P's root class.</summary>
        private static INamedTypeSymbol? PlateType(INamedTypeSymbol root, IReadOnlyList<string> path)
        {
            var type = root;
            foreach (var name in path)
            {
                type = type.GetTypeMembers(name).FirstOrDefault();
                if (type == null) return null;
            }
            return type;
        }

        /// <summary>The constructor call the method returns (an expression body, or a body that only returns it).</summary>
        private static IObjectCreationOperation? ReturnedCreation(IMethodSymbol method, Compilation compilation, CancellationToken ct)
        {
            if (method.DeclaringSyntaxReferences.Length != 1 || method.DeclaringSyntaxReferences[0].GetSyntax(ct) is not MethodDeclarationSyntax syntax) return null;
            var returned = syntax.ExpressionBody?.Expression
                ?? (syntax.Body?.Statements.Count == 1 && syntax.Body.Statements[0] is ReturnStatementSyntax r ? r.Expression : null);
            if (returned == null) return null;
            var model = compilation.GetSemanticModel(syntax.SyntaxTree);
            return ValueShapeReader.Unwrap(model.GetOperation(returned, ct)) as IObjectCreationOperation;
        }

        /// <summary>
        /// The bijector onto P's interval, with P's bounds when they are constants: Uniform(low, high), TruncatedNormal(.., low, high),
        /// or a Transformed over Bijector.Interval/LowerBound/UpperBound.
        /// </summary>
        private static string IntervalBijector(IObjectCreationOperation creation, out string? refusal)
        {
            refusal = null;
            var type = creation.Type?.ToDisplayString();
            string? Constant(string parameter)
            {
                var arg = creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameter);
                var value = ValueShapeReader.Unwrap(arg?.Value)?.ConstantValue;
                return value is { HasValue: true } && value.Value.Value is IConvertible c && value.Value.Value is not string and not bool
                    ? Number(c.ToDouble(CultureInfo.InvariantCulture)) : null;
            }
            if (type is "Alan.Uniform" or "Alan.TruncatedNormal")
            {
                var low = Constant("low");
                var high = Constant("high");
                if (low != null && high != null) return $"Bijector.Interval({low}, {high})";
                refusal = "its bounds are not constants";
                return "";
            }
            if (type == "Alan.Transformed")
            {
                var bijector = ValueShapeReader.Unwrap(creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "bijector")?.Value);
                if (bijector is IInvocationOperation call && call.TargetMethod.ContainingType?.ToDisplayString() == "Alan.Bijector"
                    && call.Arguments.All(a => ValueShapeReader.Unwrap(a.Value)?.ConstantValue.HasValue == true))
                    return call.Syntax.ToString();
                refusal = "its bijector's bounds are not constants";
                return "";
            }
            refusal = "its bounds are not read at compile time";
            return "";
        }

        /// <summary>
        /// Where the unconstrained normal starts (DESIGN 3.1: at P's prior location and scale where defined): read from
        /// constant arguments of common priors, else 0 and log-scale 0.
        /// </summary>
        private static (double Loc, double LogScale) PriorStart(IObjectCreationOperation creation, int support, GuideFamily family)
        {
            double? C(string parameter)
            {
                var arg = creation.Arguments.FirstOrDefault(a => a.Parameter?.Name == parameter && a.ArgumentKind != ArgumentKind.DefaultValue);
                var value = ValueShapeReader.Unwrap(arg?.Value)?.ConstantValue;
                return value is { HasValue: true } && value.Value.Value is IConvertible c && value.Value.Value is not string and not bool
                    ? c.ToDouble(CultureInfo.InvariantCulture) : null;
            }
            var name = creation.Type?.Name;
            switch (name)
            {
                case "Normal": case "StudentT": case "Cauchy": case "Laplace": case "Gumbel":
                    if (support == Real && C("loc") is double loc && C("scale") is double scale && scale > 0) return (loc, Math.Log(scale));
                    break;
                case "LogNormal":
                    if (C("loc") is double mu && C("scale") is double s && s > 0) return (mu, Math.Log(s));
                    break;
                case "HalfNormal": case "HalfCauchy": case "HalfStudentT":
                    if (C("scale") is double hs && hs > 0) return (Math.Log(hs), 0.0);
                    break;
                case "Exponential":
                    if (C("rate") is double rate && rate > 0) return (-Math.Log(rate), 0.0);
                    break;
                case "Gamma":
                    if (C("concentration") is double a && C("rate") is double b && a > 0 && b > 0) return (Math.Log(a / b), Math.Min(0.0, -0.5 * Math.Log(a)));
                    break;
                case "Beta":
                    if (C("concentration1") is double a1 && C("concentration0") is double a0 && a1 > 0 && a0 > 0) return (Math.Log(a1 / a0), 0.0);
                    break;
                case "Bernoulli":
                    if (C("probs") is double p && p > 0 && p < 1) return (Math.Log(p / (1 - p)), 0.0);
                    if (C("logits") is double logit) return (logit, 0.0);
                    break;
                case "Poisson":
                    if (C("rate") is double lambda && lambda > 0) return (Math.Log(lambda), 0.0);
                    break;
            }
            return (0.0, 0.0);
        }

        internal static string Number(double x)
        {
            var text = x.ToString("R", CultureInfo.InvariantCulture);
            return text.Contains(".") || text.Contains("E") || text.Contains("N") || text.Contains("I") ? text : text + ".0";
        }

        private static string ShapeText(long[] shape) => "[" + string.Join(", ", shape.Select(s => s.ToString(CultureInfo.InvariantCulture))) + "]";
    }
}
