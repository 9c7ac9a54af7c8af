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
        /// <param name="binary">
        /// Factors of binary latents by their own particle dim: a step that eliminates exactly that dim from such a factor
        /// (alone or with one other) is a <see cref="StepKind.SumBinary"/>, which never materialises the factor itself
        /// (only P's log-densities at 0 and 1, without the own dim) nor the joint (only the other factor with the own dim).
        /// </param>
        /// <returns>
        /// The steps, the remaining factors (holding only ancestor dims), and the largest tensor the steps
        /// materialise (a factor, or the broadcast joint of a contracted pair) with its particle-dim count.
        /// </returns>
        public static (List<EliminationStep> Steps, List<Factor> Remaining, LargestTensor? Largest) Plan(
            IEnumerable<Factor> factors, IEnumerable<int> eliminate, System.Func<string> fresh, IReadOnlyDictionary<string, int>? binary = null)
        {
            var live = factors.ToList();
            binary ??= new Dictionary<string, int>();
            LargestTensor? largest = null;
            var materialised = new List<int>();
            void Consider(string description, IEnumerable<int> dims)
            {
                var held = dims.OrderBy(d => d).ToEquatableArray();
                materialised.Add(held.Count);
                if (largest is null || held.Count > largest.ParticleDims) largest = new LargestTensor(description, held.Count, Dims: held);
            }
            // A binary latent's factor whose step sums it per value: the step's name and kind, and what it materialises.
            bool SumsPerValue(Factor f, IReadOnlyCollection<int> eliminated) =>
                binary.TryGetValue(f.Name, out var own) && eliminated.Count == 1 && eliminated.Contains(own);
            foreach (var f in live)
            {
                if (binary.TryGetValue(f.Name, out var own)) Consider("P at 0 and 1 of " + f.Name, f.Dims.Where(d => d != own));
                else Consider("factor " + f.Name, f.Dims);
            }
            // A binary latent's factor contracted in another way is materialised whole.
            void Materialised(Factor f)
            {
                if (binary.ContainsKey(f.Name)) Consider("factor " + f.Name, f.Dims);
            }
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
                        var kind = SumsPerValue(live[i], sole) ? StepKind.SumBinary : StepKind.LogSumExp;
                        if (kind == StepKind.LogSumExp) Materialised(live[i]);
                        steps.Add(new EliminationStep(kind, output.Name, new[] { live[i].Name }.ToEquatableArray(), sole.ToEquatableArray(), output.Dims.ToEquatableArray()));
                        materialised.Add(output.Dims.Count);
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
                var merged = new Factor(fresh(), a.Dims.Union(b.Dims).Except(bestRemovable));
                // A binary latent's factor first: per value, the step holds the other factor with the latent's dim, and the output.
                if (!SumsPerValue(a, bestRemovable) && SumsPerValue(b, bestRemovable)) (a, b) = (b, a);
                if (SumsPerValue(a, bestRemovable))
                {
                    Materialised(b);
                    Consider($"{b.Name} summed per value of {a.Name}", b.Dims.Union(bestRemovable));
                    Consider($"the sum of {a.Name} and {b.Name}", merged.Dims);
                    steps.Add(new EliminationStep(StepKind.SumBinary, merged.Name, new[] { a.Name, b.Name }.ToEquatableArray(), bestRemovable.ToEquatableArray(), merged.Dims.ToEquatableArray()));
                }
                else
                {
                    Materialised(a);
                    Materialised(b);
                    Consider($"the joint of {a.Name} and {b.Name}", a.Dims.Union(b.Dims));
                    steps.Add(new EliminationStep(StepKind.SumProduct, merged.Name, new[] { a.Name, b.Name }.ToEquatableArray(), bestRemovable.ToEquatableArray(), merged.Dims.ToEquatableArray()));
                }
                materialised.Add(merged.Dims.Count);
                foreach (var d in bestRemovable) todo.Remove(d);
                live.RemoveAt(bestJ);
                live[bestI] = merged;
            }
            return (steps, live, largest is null ? null : largest with { Materialised = materialised.ToEquatableArray() });
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
