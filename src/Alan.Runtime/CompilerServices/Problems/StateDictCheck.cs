using System;
using System.Collections.Generic;
using System.Linq;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Problems
{
    /// <summary>
    /// What a problem checks before it loads a state dictionary: the keys (a dictionary saved from another model names
    /// other parameters) and every shared parameter's shape (one saved with other plate sizes has per-element parameters
    /// of other lengths), so the error names the keys and the parameter instead of TorchSharp's "not identical to the
    /// target dictionary" or a broadcast error.
    /// </summary>
    internal static class StateDictCheck
    {
        /// <summary>Throws <see cref="ArgumentException"/> (parameter "source") naming what does not match.</summary>
        /// <param name="problem">The problem's name, for messages.</param>
        /// <param name="own">The problem's own state dictionary.</param>
        /// <param name="source">The dictionary being loaded.</param>
        /// <param name="strict">Whether every key must match (TorchSharp's strict load).</param>
        /// <param name="skip">Keys not loaded.</param>
        public static void Check(string problem, IReadOnlyDictionary<string, Tensor> own, IReadOnlyDictionary<string, Tensor> source, bool strict, IList<string>? skip)
        {
            if (source is null) throw new ArgumentNullException(nameof(source));
            bool Skipped(string key) => skip is not null && skip.Contains(key);
            if (strict)
            {
                var missing = own.Keys.Where(k => !Skipped(k) && !source.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
                var extra = source.Keys.Where(k => !Skipped(k) && !own.ContainsKey(k)).OrderBy(k => k, StringComparer.Ordinal).ToList();
                if (missing.Count > 0 || extra.Count > 0)
                {
                    var parts = new List<string>();
                    if (missing.Count > 0) parts.Add($"it lacks {string.Join(", ", missing.Select(k => $"'{k}'"))}");
                    if (extra.Count > 0) parts.Add($"it has {string.Join(", ", extra.Select(k => $"'{k}'"))}, which {problem} does not");
                    throw new ArgumentException(
                        $"The state dictionary does not fit {problem}: {string.Join("; ", parts)}. Was it saved from another model? {problem}'s " +
                        $"keys are: {string.Join(", ", own.Keys.OrderBy(k => k, StringComparer.Ordinal))}. Pass strict: false to load only the keys both have.",
                        "source");
                }
            }
            var mismatched = new List<string>();
            foreach (var (key, mine) in own)
            {
                if (Skipped(key) || !source.TryGetValue(key, out var theirs) || theirs is null) continue;
                if (!mine.shape.SequenceEqual(theirs.shape))
                    mismatched.Add($"'{key}' is {Shape(theirs.shape)} where {problem} expects {Shape(mine.shape)}");
            }
            if (mismatched.Count > 0)
                throw new ArgumentException(
                    $"The state dictionary does not fit {problem}: {string.Join("; ", mismatched)}. A parameter that varies over a plate " +
                    "has one entry per element: load a dictionary saved from a problem with the same plate sizes.",
                    "source");
        }

        private static string Shape(long[] shape) => "[" + string.Join(", ", shape) + "]";
    }
}
