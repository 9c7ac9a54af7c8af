using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Alan.Generator.Model;
using Alan.Generator.Parse;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Alan.Generator.AutoGuide
{
    /// <summary>The guide derived for a <c>[Problem(typeof(P))]</c>: its mode and the C# file that declares it (<c>Problem.Guide</c>).</summary>
    /// <param name="Mode">The <c>Alan.AutoGuide</c> value (0 Default, 1 MeanField, 2 Qem).</param>
    /// <param name="Source">The generated file declaring the guide (added to the compilation as is).</param>
    /// <param name="StandaloneName">The name the code fix gives the guide in the user's file.</param>
    /// <param name="StandaloneClass">The guide as a top-level class of that name, as the code fix writes it (ALAN055).</param>
    /// <param name="MomentBlock">The root block's members that Fit sets from posterior moments (Default only; see <see cref="MomentMember"/>).</param>
    internal sealed record DerivedGuideModel(int Mode, string Source, string StandaloneName, string StandaloneClass, EquatableArray<MomentMember> MomentBlock = default);

    /// <summary>
    /// A latent of a derived Default guide's root block whose chain parameters (loc, a weight per earlier member,
    /// offDiagonal for a vector, logScale) Fit sets from the posterior moments of the block's unconstrained values.
    /// </summary>
    /// <param name="Unconstrain">0: the value itself; 1: its log (positive); 2: its logit (0, 1).</param>
    /// <param name="Size">The number of unconstrained values per draw (1 for a scalar).</param>
    /// <param name="Vector">A vector latent (a multivariate normal with offDiagonal), not a scalar normal.</param>
    /// <param name="Parents">The earlier members its location reads, in its arguments' order.</param>
    internal sealed record MomentMember(string Latent, int Unconstrain, int Size, bool Vector, EquatableArray<string> Parents);

    /// <summary>
    /// Derives, writes and parses the guide of a problem that names none. The guide is written as C# first and then
    /// parsed like any hand-written Q against the user's compilation with the file added: what is checked, planned and
    /// emitted is exactly the code the user can read (and write out with the code fix).
    /// </summary>
    internal static class DerivedGuide
    {
        /// <summary>The nested class name of a derived guide.</summary>
        public const string ClassName = "Guide";

        /// <summary>The derived guide and its parsed program, or nulls with the diagnostics that say why.</summary>
        public static (DerivedGuideModel? Guide, ProgramModel? Q) Derive(INamedTypeSymbol problem, INamedTypeSymbol pType, ProgramModel p, int mode,
            Compilation compilation, List<DiagnosticInfo> diagnostics, CancellationToken ct)
        {
            var latents = GuideDeriver.Derive(pType, p, mode, compilation, LocationInfo.From(problem), problem.Name, diagnostics, ct);
            if (latents == null || diagnostics.Count > 0) return (null, null);
            var ns = problem.ContainingNamespace is { IsGlobalNamespace: false } n ? n.ToDisplayString() : "";
            var source = Source(ns, problem.Name, pType.ToDisplayString(), p, latents, mode);
            var options = problem.DeclaringSyntaxReferences.FirstOrDefault()?.SyntaxTree.Options as CSharpParseOptions;
            var tree = CSharpSyntaxTree.ParseText(source, options, path: "", cancellationToken: ct);
            var withGuide = compilation.AddSyntaxTrees(tree);
            var metadataName = (ns.Length > 0 ? ns + "." : "") + problem.MetadataName + "+" + ClassName;
            var guideType = withGuide.GetTypeByMetadataName(metadataName);
            var q = ProgramParser.Parse(guideType, withGuide, ct);
            var standaloneName = FreeName(compilation, ns, problem.Name + "Guide");
            var pName = (p.Namespace.Length > 0 ? p.Namespace + "." : "") + string.Concat(p.ContainerNames.Select(c => c + ".")) + p.Root.ClassName;
            var standalone = GuideWriter.WriteClass(p.Root, latents, mode, standaloneName, pName, 0, nestedInProblem: false);
            return (new DerivedGuideModel(mode, source, standaloneName, standalone, MomentBlock(latents, mode)), q);
        }

        /// <summary>
        /// The root block's members whose parents are all members (Real, positive and (0, 1) latents, read through their
        /// log or logit); a simplex or ordered root latent stays trained by gradient, and so does a low-rank vector: its
        /// moments would come from the draws of one sample of K particles, which in more than 64 dimensions are nearly
        /// all one particle's (a 70-value regression's block collapsed to a sixth of its posterior sd that way; gradient
        /// steps do not collapse it).
        /// </summary>
        private static EquatableArray<MomentMember> MomentBlock(IReadOnlyList<GuideLatent> latents, int mode)
        {
            if (mode != GuideWriter.Default) return EquatableArray<MomentMember>.Empty;
            var members = new List<MomentMember>();
            foreach (var l in latents.Where(l => l.InRoot && !l.IsDiscrete && l.Unconstrain != null && !l.IsLowRank))
            {
                int kind = l.Unconstrain == "{0}" ? 0 : l.Unconstrain!.StartsWith("{0}.log", System.StringComparison.Ordinal) ? 1 : 2;
                int size = l.UnconstrainedShape.Length == 0 ? 1 : (int)l.UnconstrainedShape[0];
                members.Add(new MomentMember(l.Name, kind, size, l.UnconstrainedShape.Length == 1, l.Parents.Select(p => p.Name).ToEquatableArray()));
            }
            // A member reading a latent outside the block cannot be set from the block's moments, nor can one reading such a
            // member: drop them until every remaining member's parents are members.
            while (members.RemoveAll(m => !m.Parents.All(p => members.Any(o => o.Latent == p))) > 0) { }
            return members.ToEquatableArray();
        }

        /// <summary><paramref name="name"/>, or with 2, 3, ... appended while a type of that name exists in the namespace.</summary>
        private static string FreeName(Compilation compilation, string ns, string name)
        {
            string prefix = ns.Length > 0 ? ns + "." : "";
            var candidate = name;
            for (int i = 2; compilation.GetTypeByMetadataName(prefix + candidate) != null; i++) candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return candidate;
        }

        /// <summary>The generated file: the guide nested in the problem's partial class.</summary>
        public static string Source(string ns, string problemName, string pDisplay, ProgramModel p, IReadOnlyList<GuideLatent> latents, int mode)
        {
            var text = new System.Text.StringBuilder();
            text.Append("// <auto-generated/>\n");
            text.Append($"// The guide of {problemName}, derived from {pDisplay} by AutoGuide.{GuideWriter.ModeName(mode)}. To edit it, write it out into your\n");
            text.Append("// file with the code fix on the problem (ALAN055) and name it in [Problem(typeof(P), typeof(Q))].\n");
            text.Append("#nullable enable\n#pragma warning disable CS1591\n");
            text.Append("using Alan;\nusing TorchSharp;\nusing static TorchSharp.torch;\n\n");
            int indent = 0;
            if (ns.Length > 0)
            {
                text.Append($"namespace {Identifiers.SpellDotted(ns)}\n{{\n");
                indent = 1;
            }
            var pad = new string(' ', 4 * indent);
            text.Append($"{pad}partial class {Identifiers.Spell(problemName)}\n{pad}{{\n");
            var pName = (p.Namespace.Length > 0 ? "global::" + p.Namespace + "." : "global::") + string.Concat(p.ContainerNames.Select(c => c + ".")) + p.Root.ClassName;
            text.Append(GuideWriter.WriteClass(p.Root, latents, mode, ClassName, pName, indent + 1, nestedInProblem: true));
            text.Append($"{pad}}}\n");
            if (ns.Length > 0) text.Append("}\n");
            return text.ToString();
        }
    }
}
