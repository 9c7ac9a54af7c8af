using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Alan.Generator.Model;

namespace Alan.Generator.AutoGuide
{
    /// <summary>
    /// Writes a derived guide as C# a person could have written (DESIGN 3.1), from the latents <see cref="GuideDeriver"/>
    /// read. Every continuous latent is a normal in unconstrained space pushed onto P's support by a bijector:
    /// <list type="bullet">
    /// <item><c>Default</c>: the root block (the root plate's continuous latents, one group) is a chain of conditional
    /// normals, each location linear in the earlier ones' unconstrained values: a full-covariance multivariate normal.
    /// A latent in a plate is one normal per element whose location and log-scale are linear in its P-parents'
    /// unconstrained values (so a funnel's scale can follow its parent's).</item>
    /// <item><c>MeanField</c>: one independent normal per element.</item>
    /// <item><c>Qem</c>: QEM families matching each support (the QEM update sets them from posterior moments).</item>
    /// </list>
    /// Discrete latents get learned logits (Qem: probabilities or rates). The root block shares one particle dimension
    /// (group <c>Root</c>), and so do the latents of each plate (group <c>&lt;Plate&gt;Block</c>): the estimator's cost is
    /// then K times per plate level, whatever the number of latents.
    /// </summary>
    internal static class GuideWriter
    {
        public const int Default = 0, MeanField = 1, Qem = 2;

        /// <summary>
        /// A root vector latent with more unconstrained values than this gets a low-rank-plus-diagonal covariance
        /// (<c>LowRankMultivariateNormal</c>, rank ceil(sqrt(n))) in place of a full one: a full factor has n(n+1)/2
        /// numbers to learn, more than 2,000 past this size, and its log-density costs O(n^2) per particle.
        /// </summary>
        public const int LowRankAbove = 64;
        private static readonly string[] ModeNames = { "Default", "MeanField", "Qem" };

        public static string ModeName(int mode) => mode >= 0 && mode < ModeNames.Length ? ModeNames[mode] : "Default";

        /// <summary>The guide class (a program root named <paramref name="className"/>), indented by <paramref name="indent"/> levels.</summary>
        public static string WriteClass(PlateModel pRoot, IReadOnlyList<GuideLatent> latents, int mode, string className, string pName, int indent, bool nestedInProblem)
        {
            var w = new Writer(indent);
            w.Line("/// <summary>");
            foreach (var line in Wrap($"The proposal derived from <see cref=\"{pName}\"/> by <c>AutoGuide.{ModeName(mode)}</c>: {Summary(mode)}", 100))
                w.Line("/// " + line);
            w.Line("/// </summary>");
            w.Line("[Plate]");
            w.Line($"public partial class {className}");
            w.Open();
            WritePlate(w, pRoot, new List<string>(), latents, mode);
            w.Close();
            return w.ToString();
        }

        private static string Summary(int mode) => mode switch
        {
            MeanField => "one independent normal per latent element in unconstrained space, pushed onto P's supports by bijectors.",
            Qem => "QEM-updated families matching each latent's support.",
            _ => "the root plate's latents jointly normal in unconstrained space (a chain of conditional normals: a full covariance; "
                + $"a vector of more than {LowRankAbove} values low rank plus diagonal), "
                + "latents in plates one normal per element with location and log-scale linear in their parents, pushed onto P's supports by bijectors.",
        };

        private static void WritePlate(Writer w, PlateModel plate, List<string> path, IReadOnlyList<GuideLatent> latents, int mode)
        {
            var here = latents.Where(l => l.PlatePath.SequenceEqual(path)).ToList();
            bool first = true;
            if (path.Count == 0 && here.Count(l => !l.IsDiscrete) > 1 && mode == Default)
            {
                w.Line("// The root block: " + string.Join(", ", here.Where(l => !l.IsDiscrete).Select(l => l.Name))
                    + " are jointly normal in unconstrained space. Each one's location is linear in the earlier ones' values:");
                w.Line("// a chain of conditional normals, which is a multivariate normal with a full covariance.");
                foreach (var large in here.Where(l => l.IsLowRank))
                    w.Line($"// {large.Name} has {large.UnconstrainedShape[0]} values: its own covariance is low rank ({large.LowRank}) plus diagonal.");
            }
            foreach (var latent in here)
            {
                if (!first) w.Line("");
                first = false;
                WriteLatent(w, latent, mode);
            }
            foreach (var child in plate.Children)
            {
                if (!first) w.Line("");
                first = false;
                var childPath = new List<string>(path) { child.PlateName };
                w.Line("[Plate]");
                w.Line($"public partial class {Identifiers.Spell(child.ClassName)}");
                w.Open();
                WritePlate(w, child, childPath, latents, mode);
                w.Close();
            }
        }

        private static void WriteLatent(Writer w, GuideLatent l, int mode)
        {
            w.Line($"// P: {OneLine(l.PriorDescription)}");
            var group = l.IsDiscrete ? null : l.InRoot ? "Root" : l.PlatePath[l.PlatePath.Count - 1] + "Block";
            w.Line(group == null ? "[Latent]" : $"[Latent(Group = \"{group}\")]");
            var name = Identifiers.Spell(l.Name);
            var args = new List<string>();
            string type, body;
            if (mode == Qem) (type, body) = QemLatent(l, args);
            else if (l.IsDiscrete) (type, body) = DiscreteLatent(l, args);
            else (type, body) = NormalLatent(l, mode, args);
            var oneLine = $"static {type} {name}({string.Join(", ", args)})";
            if (oneLine.Length + w.Indentation <= 120) w.Line(oneLine);
            else
            {
                w.Line($"static {type} {name}(");
                for (int i = 0; i < args.Count; i++) w.Line("    " + args[i] + (i + 1 < args.Count ? "," : ")"));
            }
            if (body.Length + w.Indentation + 7 <= 120 || !body.StartsWith("new(new ", System.StringComparison.Ordinal)) w.Line($"    => {body};");
            else
            {
                // new(new Base(...), Bijector.X) over three lines: the base distribution, then the bijector; a base too
                // long for its line puts its scale argument on a line of its own
                int split = body.LastIndexOf(", Bijector.", System.StringComparison.Ordinal);
                var baseCall = body.Substring(4, split - 4);
                w.Line("    => new(");
                int scaleAt = baseCall.IndexOf(", scaleTril: ", System.StringComparison.Ordinal);
                if (scaleAt < 0) scaleAt = baseCall.IndexOf(", covFactor, ", System.StringComparison.Ordinal);
                if (baseCall.Length + w.Indentation + 9 > 150 && scaleAt > 0)
                {
                    w.Line("        " + baseCall.Substring(0, scaleAt + 1));
                    w.Line("            " + baseCall.Substring(scaleAt + 2) + ",");
                }
                else w.Line("        " + baseCall + ",");
                w.Line("        " + body.Substring(split + 2, body.Length - split - 3) + ");");
            }
        }

        /// <summary>A continuous latent as a normal in unconstrained space (a multivariate normal for a root vector in Default).</summary>
        private static (string Type, string Body) NormalLatent(GuideLatent l, int mode, List<string> args)
        {
            var parents = mode == Default ? l.Parents : new List<GuideLatent>();
            foreach (var p in parents) args.Add($"Tensor {Identifiers.Spell(p.ArgumentName)}");
            var u = l.UnconstrainedShape;
            args.Add($"{Param(l.InitLoc, u)} Tensor loc");
            var loc = new StringBuilder("loc");
            foreach (var p in parents)
            {
                var weight = Identifiers.Spell(p.ArgumentName + "Weight");
                var value = string.Format(CultureInfo.InvariantCulture, p.Unconstrain!, Identifiers.Spell(p.ArgumentName));
                long[] weightShape;
                string term;
                if (u.Length == 0 && p.Shape.Length == 0) { weightShape = new long[0]; term = $"{weight} * {value}"; }
                else if (p.Shape.Length == 0) { weightShape = u; term = $"{weight} * {value}.unsqueeze(-1)"; }
                else if (u.Length == 0) { weightShape = p.Shape; term = $"({weight} * {value}).sum(-1)"; }
                else { weightShape = new[] { u[0], p.Shape[0] }; term = $"({weight} * {value}.unsqueeze(-2)).sum(-1)"; }
                args.Add($"{Param(0.0, weightShape)} Tensor {weight}");
                loc.Append(" + ").Append(term);
            }
            bool fullCovariance = mode == Default && l.InRoot && u.Length == 1;
            bool lowRank = fullCovariance && l.IsLowRank;
            string baseDistribution;
            if (lowRank)
            {
                // covariance covFactor covFactor^T + diag(exp(logScale)^2); Scalars.Of keeps the exponent alive (ALAN057)
                args.Add($"{Param(0.0, new[] { u[0], l.LowRank })} Tensor covFactor");
                args.Add($"{Param(l.InitLogScale, u)} Tensor logScale");
                baseDistribution = $"new LowRankMultivariateNormal({loc}, covFactor, logScale.exp().pow(Scalars.Of(2)))";
            }
            else if (fullCovariance)
            {
                args.Add($"{Param(0.0, new[] { u[0], u[0] })} Tensor offDiagonal");
                args.Add($"{Param(l.InitLogScale, u)} Tensor logScale");
                baseDistribution = $"new MultivariateNormal({loc}, scaleTril: offDiagonal.tril(-1) + logScale.exp().diag_embed())";
            }
            else
            {
                args.Add($"{Param(l.InitLogScale, u)} Tensor logScale");
                var scale = new StringBuilder("logScale");
                if (!l.InRoot)
                    foreach (var p in parents)
                    {
                        var weight = Identifiers.Spell(p.ArgumentName + "ScaleWeight");
                        args.Add($"{Param(0.0, u)} Tensor {weight}");
                        scale.Append($" + {weight} * {string.Format(CultureInfo.InvariantCulture, p.Unconstrain!, Identifiers.Spell(p.ArgumentName))}");
                    }
                var scaleText = scale.ToString() == "logScale" ? "logScale.exp()" : $"({scale}).exp()";
                baseDistribution = $"new Normal({loc}, {scaleText})";
            }
            if (l.Family == GuideFamily.Real)
                return (lowRank ? "LowRankMultivariateNormal" : fullCovariance ? "MultivariateNormal" : "Normal",
                    "new" + baseDistribution.Substring(baseDistribution.IndexOf('(')));
            return ("Transformed", $"new({baseDistribution}, {l.Bijector})");
        }

        private static (string Type, string Body) DiscreteLatent(GuideLatent l, List<string> args)
        {
            switch (l.Family)
            {
                case GuideFamily.Binary:
                    args.Add($"{Param(l.InitLoc, l.Shape)} Tensor logits");
                    return ("Bernoulli", "new(logits: logits)");
                case GuideFamily.Category:
                    args.Add($"{Param(0.0, l.Shape.Concat(new[] { l.Categories }).ToArray())} Tensor logits");
                    return ("Categorical", "new(logits: logits)");
                default:
                    args.Add($"{Param(l.InitLoc, l.Shape)} Tensor logRate");
                    return ("Poisson", "new(logRate.exp())");
            }
        }

        private static (string Type, string Body) QemLatent(GuideLatent l, List<string> args)
        {
            var s = l.Shape;
            switch (l.Family)
            {
                case GuideFamily.Binary:
                    args.Add($"{QemParam(1.0 / (1.0 + System.Math.Exp(-l.InitLoc)), s)} Tensor probs");
                    return ("Bernoulli", "new(probs: probs)");
                case GuideFamily.Count:
                    args.Add($"{QemParam(System.Math.Exp(l.InitLoc), s)} Tensor rate");
                    return ("Poisson", "new(rate)");
            }
            switch (l.Support)
            {
                case 1: // positive: a Gamma with P's prior location as its mean
                    args.Add($"{QemParam(1.0, s)} Tensor concentration");
                    args.Add($"{QemParam(System.Math.Exp(-l.InitLoc), s)} Tensor rate");
                    return ("Gamma", "new(concentration, rate)");
                case 3: // (0, 1)
                    args.Add($"{QemParam(1.0, s)} Tensor concentration1");
                    args.Add($"{QemParam(1.0, s)} Tensor concentration0");
                    return ("Beta", "new(concentration1, concentration0)");
                case 4: // simplex
                    args.Add($"{QemParam(1.0, s)} Tensor concentration");
                    return ("Dirichlet", "new(concentration)");
            }
            var scale = System.Math.Exp(l.InitLogScale);
            if (s.Length == 1)
            {
                args.Add($"{QemParam(l.InitLoc, s)} Tensor loc");
                args.Add($"[QemParam({GuideDeriver.Number(scale * scale)}, Init = ParamInit.Identity, Shape = {ShapeLiteral(new[] { s[0], s[0] })})] Tensor covarianceMatrix");
                return ("MultivariateNormal", "new(loc, covarianceMatrix)");
            }
            args.Add($"{QemParam(l.InitLoc, s)} Tensor loc");
            args.Add($"{QemParam(scale, s)} Tensor scale");
            return ("Normal", "new(loc, scale)");
        }

        private static string Param(double init, long[] shape) =>
            shape.Length == 0 ? $"[Param({GuideDeriver.Number(init)})]" : $"[Param({GuideDeriver.Number(init)}, Shape = {ShapeLiteral(shape)})]";

        private static string QemParam(double init, long[] shape) =>
            shape.Length == 0 ? $"[QemParam({GuideDeriver.Number(init)})]" : $"[QemParam({GuideDeriver.Number(init)}, Shape = {ShapeLiteral(shape)})]";

        private static string ShapeLiteral(long[] shape) =>
            "new long[] { " + string.Join(", ", shape.Select(x => x.ToString(CultureInfo.InvariantCulture))) + " }";

        /// <summary>Words of <paramref name="text"/> in lines of at most <paramref name="width"/> characters.</summary>
        private static IEnumerable<string> Wrap(string text, int width)
        {
            var line = new StringBuilder();
            foreach (var word in text.Split(' '))
            {
                if (line.Length > 0 && line.Length + 1 + word.Length > width)
                {
                    yield return line.ToString();
                    line.Clear();
                }
                if (line.Length > 0) line.Append(' ');
                line.Append(word);
            }
            if (line.Length > 0) yield return line.ToString();
        }

        private static string OneLine(string text) => string.Join(" ", text.Split(new[] { '\r', '\n' }, System.StringSplitOptions.RemoveEmptyEntries).Select(t => t.Trim()));

        /// <summary>A minimal indented writer (four spaces per level).</summary>
        private sealed class Writer
        {
            private readonly StringBuilder _text = new StringBuilder();
            private int _indent;
            public Writer(int indent) { _indent = indent; }

            public int Indentation => 4 * _indent;

            public void Line(string line)
            {
                if (line.Length > 0) _text.Append(' ', 4 * _indent).Append(line);
                _text.Append('\n');
            }

            public void Open() { Line("{"); _indent++; }
            public void Close() { _indent--; Line("}"); }
            public override string ToString() => _text.ToString();
        }
    }
}
