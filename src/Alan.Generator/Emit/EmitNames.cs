using System.Collections.Generic;
using System.Linq;
using Alan.Generator.Plan;

namespace Alan.Generator.Emit
{
    /// <summary>
    /// The one place that turns the plan's names into C# identifiers of generated members and locals that are
    /// built from more than one name (parameters, re-indexed latents, re-indexing maps) or that name user types
    /// (accessors). Names built from several parts keep their natural spelling (<c>Q_Mu_a_b</c>) unless two
    /// different things would be spelled alike (a variable <c>Mu_a</c> with argument <c>b</c>, and <c>Mu</c> with
    /// <c>a_b</c>): the later one gets the first free <c>_2</c>, <c>_3</c>, ... suffix, so spellings are unique per problem.
    /// Single names behind a fixed prefix (<c>v_</c>, <c>__data_</c>, ...) are unique already: the plan's names are.
    /// </summary>
    internal sealed class EmitNames
    {
        private readonly ProblemPlan _plan;
        private readonly Dictionary<ParamRef, string> _params;
        private readonly Dictionary<(string Group, string Latent), string> _reindexed;
        private readonly Dictionary<(string Group, string Parent), string> _maps;

        public EmitNames(ProblemPlan plan)
        {
            _plan = plan;
            _params = Unique(plan.Params.Select(p => (p.Id, Natural(p.Id))));
            var latentGroup = plan.Latents.ToDictionary(l => l.Name, l => l.Group);
            var reindexed = new List<((string, string), string)>();
            var maps = new List<((string, string), string)>();
            foreach (var g in plan.Groups)
                foreach (var member in g.Members)
                    foreach (var a in plan.Latents.First(l => l.Name == member).Q.Args.Where(a => a.Source == ArgSource.Latent))
                    {
                        var h = latentGroup[a.Name];
                        if (h == g.Name) continue;
                        reindexed.Add(((g.Name, a.Name), g.Name + "_" + a.Name));
                        maps.Add(((g.Name, h), g.Name + "_" + h));
                    }
            // A chained Q (DESIGN 4.10) re-indexes its init at the chain's first element.
            foreach (var c in plan.Chains.Where(c => c.QChained && c.QStart == null))
            {
                var g = latentGroup[c.Latent];
                reindexed.Add(((g, c.Init), g + "_" + c.Init));
                maps.Add(((g, latentGroup[c.Init]), g + "_" + latentGroup[c.Init]));
            }
            _reindexed = Unique(reindexed);
            _maps = Unique(maps);
        }

        /// <summary>The natural spelling of a parameter's identifier fragment.</summary>
        private static string Natural(ParamRef id) => id.Owner switch
        {
            ParamOwner.Named => "N_" + id.Name,
            ParamOwner.P => "P_" + id.Name + "_" + id.Argument,
            _ => "Q_" + id.Name + "_" + id.Argument,
        };

        /// <summary>
        /// A spelling per key: its natural one if no earlier key took it, else the natural one with the first
        /// suffix "_2", "_3", ... that is nobody's natural spelling and not yet taken (so the map is injective).
        /// </summary>
        private static Dictionary<TKey, string> Unique<TKey>(IEnumerable<(TKey Key, string Natural)> items) where TKey : notnull
        {
            var list = items.ToList();
            var used = new HashSet<string>(list.Select(i => i.Natural), System.StringComparer.Ordinal);
            var taken = new HashSet<string>(System.StringComparer.Ordinal);
            var result = new Dictionary<TKey, string>();
            foreach (var (key, natural) in list)
            {
                if (result.ContainsKey(key)) continue;
                var name = natural;
                if (taken.Contains(name))
                {
                    for (int n = 2; ; n++)
                    {
                        name = natural + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
                        if (!used.Contains(name)) break;
                    }
                    used.Add(name);
                }
                taken.Add(name);
                result[key] = name;
            }
            return result;
        }

        private string Param(ParamRef id) => _params[id];

        // ---- One latent, by role (DESIGN 4.1-4.7). Each role has one spelling, used by every emitter. ----

        /// <summary>A sample's field holding the latent's particles, in the layout.</summary>
        public string Particles(string latent) => "__v_" + latent;

        /// <summary>The latent's particles while <c>Sample</c> draws them (and the sample's constructor parameter).</summary>
        public string Drawn(string latent) => "v_" + latent;

        /// <summary>The particles as the estimator reads them (detached for RWS and the posterior passes).</summary>
        public string Estimated(string latent) => "z_" + latent;

        /// <summary>A variable's draw in <c>SamplePrior</c>, and a latent's importance-sample draws.</summary>
        public string Draw(string latent) => "x_" + latent;

        /// <summary>The drawn particle indices of a latent's group in <c>ImportanceSample</c>.</summary>
        public string DrawnIndex(string latent) => "i_" + latent;

        /// <summary>An extended sample's field holding the latent over the extended plates.</summary>
        public string ExtendedField(string latent) => "__e_" + latent;

        /// <summary>The latent over the extended plates while <c>Extend</c> builds it.</summary>
        public string Extended(string latent) => "e_" + latent;

        /// <summary>The problem's field holding the parameter tensor.</summary>
        public string ParamField(ParamRef id) => "__param_" + Param(id);

        /// <summary>The problem's field holding the parameter's layout view shape.</summary>
        public string ParamView(ParamRef id) => "__view_" + Param(id);

        /// <summary>The estimator's local holding the parameter in the layout.</summary>
        public string ParamLocal(ParamRef id) => "pv_" + Param(id);

        /// <summary>The parameter's identifier part (e.g. <c>Q_Mu_loc</c>), which the role names above prefix.</summary>
        public string ParamName(ParamRef id) => Param(id);

        /// <summary>SamplePrior's local holding the parameter at its initial value.</summary>
        public string PriorParam(ParamRef id) => "__prior_" + Param(id);

        /// <summary>The problem's field holding a parameter sub-module (by its state-dict name).</summary>
        public string ModuleField(string module) => "__module_" + module;

        /// <summary>The sampler's local holding latent <paramref name="latent"/> re-indexed for group <paramref name="group"/>.</summary>
        public string Reindexed(string group, string latent) => "r_" + _reindexed[(group, latent)];

        /// <summary>The sampler's local holding the indices group <paramref name="group"/> picks of <paramref name="parent"/>'s particles.</summary>
        public string ReindexMap(string group, string parent) => "__idx_" + _maps[(group, parent)];

        /// <summary>The local holding a QEM variable's expected sufficient statistics, shaped like its parameters.</summary>
        public string QemExtracted(QemPlan q) => "__x_" + QemVariable(q);

        private static string QemVariable(QemPlan q) => (q.InP ? "P_" : "Q_") + q.Variable;

        /// <summary>The fully qualified, escaped name of a program root (<c>global::Ns.Outer.Root</c>).</summary>
        public static string Type(TypePath type)
        {
            var parts = new List<string>();
            if (type.Namespace.Length > 0) parts.Add(Identifiers.SpellDotted(type.Namespace));
            parts.AddRange(type.Types.Select(Identifiers.Spell));
            return "global::" + string.Join(".", parts);
        }

        /// <summary>The accessor a call goes through: <c>global::Ns.Root.Plate.__Alan_Variable</c>.</summary>
        public string Accessor(CallPlan call) => Owner(call) + "." + AccessorEmitter.AccessorName(call.Variable);

        /// <summary>The accessor of an affine Normal's scale: <c>global::Ns.Root.Plate.__AlanScale_Variable</c>.</summary>
        public string ScaleAccessor(CallPlan call) => Owner(call) + "." + AccessorEmitter.ScaleAccessorName(call.Variable);

        private string Owner(CallPlan call) => Type(call.InP ? _plan.P : _plan.Q) + string.Concat(call.Plates.Select(p => "." + Identifiers.Spell(p)));
    }
}
