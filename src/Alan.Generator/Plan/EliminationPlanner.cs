using System.Collections.Generic;
using System.Linq;
using Alan.Generator.Model;

namespace Alan.Generator.Plan
{
    /// <summary>
    /// Greedy elimination order for one plate (DESIGN 4.4): drop a particle dimension as soon as a single
    /// factor holds it; otherwise contract the pair of factors whose result has the fewest particle dims.
    /// Plain C# over dimension sets, independent of Roslyn.
    /// </summary>
    internal static class EliminationPlanner
    {
        public sealed class Factor
        {
            public Factor(string name, IEnumerable<int> dims) { Name = name; Dims = new SortedSet<int>(dims); }
            public string Name { get; }
            public SortedSet<int> Dims { get; }
        }

        /// <param name="factors">The plate's factors and the particle dims each holds.</param>
        /// <param name="eliminate">Particle dims of the groups declared in this plate.</param>
        /// <param name="fresh">Produces fresh temporary names.</param>
        /// <returns>
        /// The steps, the remaining factors (holding only ancestor dims), and the largest tensor the steps
        /// materialise (a factor, or the broadcast joint of a contracted pair) with its particle-dim count.
        /// </returns>
        public static (List<EliminationStep> Steps, List<Factor> Remaining, LargestTensor? Largest) Plan(
            IEnumerable<Factor> factors, IEnumerable<int> eliminate, System.Func<string> fresh)
        {
            var live = factors.ToList();
            LargestTensor? largest = null;
            void Consider(string description, IEnumerable<int> dims)
            {
                var held = dims.ToEquatableArray();
                if (largest is null || held.Count > largest.ParticleDims) largest = new LargestTensor(description, held.Count, Dims: held);
            }
            foreach (var f in live) Consider("factor " + f.Name, f.Dims);
            var todo = new SortedSet<int>(eliminate);
            var steps = new List<EliminationStep>();

            while (true)
            {
                bool changed = true;
                while (changed)
                {
                    changed = false;
                    for (int i = 0; i < live.Count; i++)
                    {
                        var sole = live[i].Dims.Where(d => todo.Contains(d) && HeldBy(live, d) == 1).ToList();
                        if (sole.Count == 0) continue;
                        var output = new Factor(fresh(), live[i].Dims.Except(sole));
                        steps.Add(new EliminationStep(StepKind.LogSumExp, output.Name, new[] { live[i].Name }.ToEquatableArray(), sole.ToEquatableArray(), output.Dims.ToEquatableArray()));
                        foreach (var d in sole) todo.Remove(d);
                        live[i] = output;
                        changed = true;
                    }
                }
                todo.RemoveWhere(d => HeldBy(live, d) == 0);
                if (todo.Count == 0) break;

                int bestI = -1, bestJ = -1, bestCost = int.MaxValue, bestUnion = int.MaxValue;
                List<int> bestRemovable = new List<int>();
                for (int i = 0; i < live.Count; i++)
                    for (int j = i + 1; j < live.Count; j++)
                    {
                        if (!live[i].Dims.Any(d => todo.Contains(d) && live[j].Dims.Contains(d))) continue;
                        var union = new SortedSet<int>(live[i].Dims.Union(live[j].Dims));
                        var removable = union.Where(d => todo.Contains(d) && HeldByOthers(live, d, i, j) == 0).ToList();
                        int cost = union.Count - removable.Count;
                        if (cost < bestCost || (cost == bestCost && union.Count < bestUnion))
                        {
                            bestI = i; bestJ = j; bestCost = cost; bestUnion = union.Count; bestRemovable = removable;
                        }
                    }
                var a = live[bestI];
                var b = live[bestJ];
                Consider($"the joint of {a.Name} and {b.Name}", a.Dims.Union(b.Dims).OrderBy(d => d));
                var merged = new Factor(fresh(), a.Dims.Union(b.Dims).Except(bestRemovable));
                steps.Add(new EliminationStep(StepKind.SumProduct, merged.Name, new[] { a.Name, b.Name }.ToEquatableArray(), bestRemovable.ToEquatableArray(), merged.Dims.ToEquatableArray()));
                foreach (var d in bestRemovable) todo.Remove(d);
                live.RemoveAt(bestJ);
                live[bestI] = merged;
            }
            return (steps, live, largest);
        }

        private static int HeldBy(List<Factor> live, int d) => live.Count(f => f.Dims.Contains(d));

        private static int HeldByOthers(List<Factor> live, int d, int i, int j)
        {
            int n = 0;
            for (int k = 0; k < live.Count; k++) if (k != i && k != j && live[k].Dims.Contains(d)) n++;
            return n;
        }
    }
}
