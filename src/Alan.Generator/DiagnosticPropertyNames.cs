namespace Alan.Generator
{
    /// <summary>
    /// Keys of the <c>Diagnostic.Properties</c> the generator attaches for the code fixes in Alan.CodeFixes
    /// (this file is compiled into both assemblies).
    /// </summary>
    internal static class DiagnosticPropertyNames
    {
        /// <summary>ALAN004: the existing name closest to the unbound argument (a latent, data variable, input or parameter), when there is one.</summary>
        public const string Suggestion = "Suggestion";

        /// <summary>ALAN009: the name of the latent missing from Q.</summary>
        public const string Latent = "Latent";

        /// <summary>ALAN009: the latent's distribution type in P, fully qualified (<c>global::Alan.Normal</c>).</summary>
        public const string DistributionType = "DistributionType";

        /// <summary>ALAN009: the latent's distribution type in P, short (<c>Normal</c>).</summary>
        public const string Distribution = "Distribution";

        /// <summary>ALAN009: the Q program root type, fully qualified (<c>global::Ns.IntroGuide</c>).</summary>
        public const string QType = "QType";

        /// <summary>ALAN009: the plate names from Q's root (exclusive) to the plate the latent belongs in, joined by '.' ("" for the root).</summary>
        public const string QPlatePath = "QPlatePath";

        /// <summary>ALAN055: the derived guide as a top-level class for the user's file (its text, unindented).</summary>
        public const string GuideClass = "GuideClass";

        /// <summary>ALAN055: the name of that class (<c>&lt;Problem&gt;Guide</c>, or with a number when the name is taken).</summary>
        public const string GuideName = "GuideName";
    }
}
