namespace Alan.CodeFixes
{
    /// <summary>IDs of the generator diagnostics these code fixes handle (the generator's descriptors are in Alan.Generator/Check/Diagnostics.cs).</summary>
    internal static class AlanDiagnosticIds
    {
        public const string NonPartialPlate = "ALAN001";
        public const string UnknownName = "ALAN004";
        public const string LatentMissingFromQ = "ALAN009";
        public const string NonPartialProblem = "ALAN017";
        public const string NonPartialContainer = "ALAN025";
        public const string DerivedGuide = "ALAN055";
        public const string ImplicitScalarNumber = "ALAN056";
        public const string ImplicitScalarInTorchSharp = "ALAN057";
    }
}
