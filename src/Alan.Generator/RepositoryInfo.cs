namespace Alan.Generator
{
    /// <summary>Where the project lives; the one place its URL is spelled (packaging metadata uses the same URL).</summary>
    internal static class RepositoryInfo
    {
        public const string Url = "https://github.com/alan-compiled/alan-compiled";

        /// <summary>Help link of every diagnostic: the diagnostics page (a table, then one section per rule with an example).</summary>
        public const string DiagnosticsHelpLink = Url + "/blob/main/docs/diagnostics.md";
    }
}
