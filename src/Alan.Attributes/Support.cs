namespace Alan
{
    /// <summary>The support of a distribution; P and Q must agree for every latent.</summary>
    public enum Support
    {
        /// <summary>Real numbers (or real vectors).</summary>
        Real = 0,
        /// <summary>Positive reals.</summary>
        Positive = 1,
        /// <summary>An interval [low, high).</summary>
        Interval = 2,
        /// <summary>The unit interval (0, 1).</summary>
        UnitInterval = 3,
        /// <summary>The probability simplex.</summary>
        Simplex = 4,
        /// <summary>{0, 1}.</summary>
        Binary = 5,
        /// <summary>0..n.</summary>
        BoundedCount = 6,
        /// <summary>0..K-1 (category indices).</summary>
        Category = 7,
        /// <summary>0, 1, 2, ...</summary>
        Count = 8,
    }
}
