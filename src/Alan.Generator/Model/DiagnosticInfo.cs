namespace Alan.Generator.Model
{
    /// <summary>
    /// A diagnostic to report, in equatable form (descriptor id + message arguments + location + properties).
    /// </summary>
    /// <param name="Properties">
    /// Strings a code fix needs (keys in <see cref="DiagnosticPropertyNames"/>), reported as the diagnostic's
    /// <c>Properties</c>; empty for most diagnostics.
    /// </param>
    /// <param name="Informational">
    /// Reported as information rather than at the descriptor's default severity (ALAN042 without a grouping to suggest).
    /// </param>
    internal sealed record DiagnosticInfo(string Id, LocationInfo Location, EquatableArray<string> Arguments, EquatableArray<DiagnosticProperty> Properties = default,
        bool Informational = false)
    {
        /// <summary>This diagnostic with the given key/value pairs as its properties (alternating key, value).</summary>
        public DiagnosticInfo WithProperties(params string[] keysAndValues)
        {
            var list = new System.Collections.Generic.List<DiagnosticProperty>();
            for (int i = 0; i + 1 < keysAndValues.Length; i += 2)
                list.Add(new DiagnosticProperty(keysAndValues[i] ?? "", keysAndValues[i + 1] ?? ""));
            return this with { Properties = list.ToEquatableArray() };
        }
    }

    /// <summary>One entry of <see cref="DiagnosticInfo.Properties"/>.</summary>
    internal sealed record DiagnosticProperty(string Key, string Value);
}
