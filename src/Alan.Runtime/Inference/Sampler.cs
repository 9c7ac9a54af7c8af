namespace Alan
{
    /// <summary>How a child group's particles pick their parent particles (DESIGN 4.1).</summary>
    public enum Sampler
    {
        /// <summary>A random permutation of the K parent particles per plate element (the default).</summary>
        Permutation = 0,
        /// <summary>K independent uniform draws of parent particles per plate element.</summary>
        Categorical = 1,
    }
}
