namespace Alan
{
    /// <summary>
    /// The support of a distribution; P and Q must agree for every latent. The problem's constructor checks
    /// every observation once against its distribution's support (and every observation and input for
    /// NaN and infinities), naming the variable, the first offending index and the value.
    /// </summary>
    public enum Support
    {
        /// <summary>Real numbers (or real vectors): observations must be finite.</summary>
        Real = 0,
        /// <summary>Positive reals: observations must be finite and strictly greater than 0.</summary>
        Positive = 1,
        /// <summary>An interval [low, high) whose bounds are parameters: observations must be finite
        /// (a value outside the bounds has log-density -inf).</summary>
        Interval = 2,
        /// <summary>The open unit interval (0, 1): observations must lie strictly between 0 and 1.</summary>
        UnitInterval = 3,
        /// <summary>The open probability simplex: observations must be strictly positive and sum to 1 along the
        /// last dimension (within the square root of the dtype's machine epsilon).</summary>
        Simplex = 4,
        /// <summary>{0, 1}: observations must be 0 or 1.</summary>
        Binary = 5,
        /// <summary>0..n: observations must be non-negative integers (at most totalCount, checked at
        /// construction when totalCount does not depend on a latent).</summary>
        BoundedCount = 6,
        /// <summary>0..K-1 (category indices): observations must be non-negative integers (below the
        /// number of categories, checked at construction when the probabilities do not depend on a latent).</summary>
        Category = 7,
        /// <summary>0, 1, 2, ...: observations must be non-negative integers.</summary>
        Count = 8,
        /// <summary>Strictly increasing real vectors (event rank 1): observations must be finite and increase
        /// strictly along the last dimension.</summary>
        Ordered = 9,
        /// <summary>Strictly increasing positive vectors (event rank 1): observations must be finite, greater than 0
        /// and increase strictly along the last dimension.</summary>
        PositiveOrdered = 10,
    }
}
