using System;
using System.Collections.Generic;
using System.Linq;

namespace Alan.Generator.Model
{
    /// <summary>
    /// Matches a QEM variable's arguments to its family's conventional parameters (DESIGN 4.8). The families and
    /// their parameter names come from the runtime distribution types' <c>[QemFamily]</c> attributes
    /// (<see cref="DistributionInfo.Qem"/>); nothing here lists them.
    /// </summary>
    internal static class QemArguments
    {
        /// <summary>
        /// The variable's arguments in the family's parameter order: matched by name (case-insensitive),
        /// else by position when the counts agree; null when neither works.
        /// </summary>
        public static IReadOnlyList<ArgumentModel>? Map(IReadOnlyList<string> names, IReadOnlyList<ArgumentModel> arguments)
        {
            if (arguments.Count != names.Count) return null;
            var byName = names.Select(n => arguments.FirstOrDefault(a => string.Equals(a.Name, n, StringComparison.OrdinalIgnoreCase))).ToList();
            if (byName.All(a => a != null) && byName.Distinct().Count() == names.Count) return byName!;
            return arguments;
        }
    }
}
