namespace Alan.Generator.Model
{
    /// <summary>A diagnostic to report, in equatable form (descriptor id + message arguments + location).</summary>
    internal sealed record DiagnosticInfo(string Id, LocationInfo Location, EquatableArray<string> Arguments);
}
