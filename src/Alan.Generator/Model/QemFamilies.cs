using System;
using System.Collections.Generic;
using System.Linq;

namespace Alan.Generator.Model
{
    /// <summary>
    /// The distributions QEM supports (DESIGN 4.8) and their conventional parameters in the order
    /// Alan.Qem expects (mirrors Alan.QemFamily and Alan.Qem.ParameterNames in the runtime).
    /// </summary>
    internal static class QemFamilies
    {
        private static readonly Dictionary<string, string[]> Parameters = new Dictionary<string, string[]>(StringComparer.Ordinal)
        {
            ["Normal"] = new[] { "loc", "scale" },
            ["Bernoulli"] = new[] { "probs" },
            ["Exponential"] = new[] { "rate" },
            ["HalfNormal"] = new[] { "scale" },
            ["Poisson"] = new[] { "rate" },
            ["Gamma"] = new[] { "concentration", "rate" },
            ["Beta"] = new[] { "concentration1", "concentration0" },
            ["Dirichlet"] = new[] { "concentration" },
            ["MultivariateNormal"] = new[] { "loc", "covarianceMatrix" },
        };

        private static readonly Dictionary<string, int> Statistics = new Dictionary<string, int>(StringComparer.Ordinal)
        {
            ["Normal"] = 2, ["Bernoulli"] = 1, ["Exponential"] = 1, ["HalfNormal"] = 1, ["Poisson"] = 1,
            ["Gamma"] = 2, ["Beta"] = 2, ["Dirichlet"] = 1, ["MultivariateNormal"] = 2,
        };

        public static IEnumerable<string> Supported => Parameters.Keys;

        /// <summary>Number of sufficient statistics Alan.Qem.Statistics returns for the family.</summary>
        public static int StatisticCount(string distribution) => Statistics[distribution];

        public static bool IsSupported(string distribution) => Parameters.ContainsKey(distribution);

        public static IReadOnlyList<string> ParameterNames(string distribution) => Parameters[distribution];

        /// <summary>
        /// The variable's arguments in the family's parameter order: matched by name (case-insensitive),
        /// else by position when the counts agree; null when neither works.
        /// </summary>
        public static IReadOnlyList<ArgumentModel>? Map(string distribution, IReadOnlyList<ArgumentModel> arguments)
        {
            if (!Parameters.TryGetValue(distribution, out var names) || arguments.Count != names.Length) return null;
            var byName = names.Select(n => arguments.FirstOrDefault(a => string.Equals(a.Name, n, StringComparison.OrdinalIgnoreCase))).ToList();
            if (byName.All(a => a != null) && byName.Distinct().Count() == names.Length) return byName!;
            return arguments;
        }
    }
}
