using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Alan.Generator.Check;
using Alan.Generator.Model;

namespace Alan.Generator.Plan
{
    /// <summary>
    /// ALAN042, the cost report at build time: names the largest tensor one evaluation of a problem
    /// materialises and its dims, e.g. "factor d_Obs, K^4 x States x Zips", so the cost of a Q structure shows in
    /// the IDE; a warning when it suggests a grouping that would shrink that tensor, information otherwise. Plate sizes are known only at run time, so "largest" is the most particle dims, then the most plates.
    /// </summary>
    internal static class CostReport
    {
        public static EquatableArray<DiagnosticInfo> Make(ProblemPlan plan, LocationInfo location)
        {
            var candidates = plan.Reductions.Where(r => r.Largest != null).Select(r =>
            {
                string plate = r.Largest!.OverParent ? ParentOf(plan, r.Plate) : r.Plate;
                return (Largest: r.Largest, Plates: PathOf(plan, plate));
            }).ToList();
            if (candidates.Count == 0) return EquatableArray<DiagnosticInfo>.Empty;
            var top = candidates
                .OrderByDescending(c => c.Largest.ParticleDims)
                .ThenByDescending(c => c.Plates.Count)
                .First();
            int k = top.Largest.ParticleDims;
            string shape = Shape(k, top.Plates);
            string suggestion = k > 1 ? Suggestion(plan, top.Largest, top.Plates) : "";
            string hint = k > 1
                ? $"; its {k} particle dims come from {k} Q groups: latents of one plate in a shared group ([Latent(Group = \"g\")]) carry one dim between them"
                  + suggestion
                : "";
            // A grouping that would shrink the tensor is worth a warning in a plain build; the report alone is information.
            var report = CheckUtil.Make(Diagnostics.CostReport, location, plan.ClassName, top.Largest.Description, shape, hint) with { Informational = suggestion.Length == 0 };
            return new[] { report }.ToEquatableArray();
        }

        private static string Shape(int particleDims, IEnumerable<string> plates)
        {
            var dims = new List<string>();
            if (particleDims == 1) dims.Add("K");
            else if (particleDims > 1) dims.Add("K^" + particleDims.ToString(CultureInfo.InvariantCulture));
            dims.AddRange(plates);
            return dims.Count == 0 ? "a scalar" : string.Join(" x ", dims);
        }

        /// <summary>
        /// The regrouping that would shrink the tensor: its groups declared in one plate (a chain's group excepted,
        /// ALAN041) merged into one, e.g. "; grouping StateMean, StateLogScale, BetaU, BetaBasement in Q would make it
        /// K x States". Empty when no two of its groups share a plate.
        /// </summary>
        private static string Suggestion(ProblemPlan plan, LargestTensor largest, List<string> plates)
        {
            if (largest.Dims.Count == 0) return "";
            var chained = new HashSet<string>(plan.Chains.Select(c => c.Latent));
            var held = new HashSet<int>(largest.Dims);
            var merges = plan.Groups
                .Where(g => held.Contains(g.Dim) && !g.Members.Any(chained.Contains))
                .GroupBy(g => g.Plate)
                .Where(byPlate => byPlate.Count() > 1)
                .ToList();
            if (merges.Count == 0) return "";
            int saved = merges.Sum(m => m.Count() - 1);
            var latents = merges.Select(m => string.Join(", ", m.SelectMany(g => g.Members)));
            return $"; grouping {string.Join("; and ", latents)} in Q would make it {Shape(largest.ParticleDims - saved, plates)}";
        }

        private static string ParentOf(ProblemPlan plan, string plate) =>
            plan.Plates.FirstOrDefault(p => p.Name == plate)?.Parent ?? "";

        /// <summary>The plates from the root down to <paramref name="plate"/> (none for the root).</summary>
        private static List<string> PathOf(ProblemPlan plan, string plate)
        {
            var path = new List<string>();
            for (var p = plan.Plates.FirstOrDefault(x => x.Name == plate); p != null && p.Name.Length > 0 && path.Count < plan.Plates.Count;
                 p = plan.Plates.FirstOrDefault(x => x.Name == p.Parent))
                path.Insert(0, p.Name);
            return path;
        }
    }
}
