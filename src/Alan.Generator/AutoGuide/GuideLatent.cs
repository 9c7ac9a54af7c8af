using System.Collections.Generic;

namespace Alan.Generator.AutoGuide
{
    /// <summary>How a derived guide proposes one latent, by P's support.</summary>
    internal enum GuideFamily
    {
        /// <summary>A normal on the reals (a multivariate normal for a vector in the root block).</summary>
        Real,

        /// <summary>A normal pushed through a bijector onto P's support (exp for positive, a sigmoid for (0, 1), ...).</summary>
        Bijected,

        /// <summary>Bernoulli with learned logits.</summary>
        Binary,

        /// <summary>Categorical with learned logits.</summary>
        Category,

        /// <summary>Poisson with a learned log-rate.</summary>
        Count,
    }

    /// <summary>A P latent as the guide writer needs it.</summary>
    /// <param name="Name">The latent (and the guide method's) name.</param>
    /// <param name="PlatePath">The plates enclosing it, outermost first (empty in the root plate).</param>
    /// <param name="Support">Numeric <c>Alan.Support</c> of P's distribution.</param>
    /// <param name="Shape">The shape of one element's value (empty: a scalar).</param>
    /// <param name="UnconstrainedShape">The shape of the normal under the bijector (one less on the last dim for a simplex).</param>
    /// <param name="Categories">The number of categories of a categorical latent, else 0.</param>
    /// <param name="Bijector">The C# bijector expression for <see cref="GuideFamily.Bijected"/> ("Bijector.Exp"), else "".</param>
    /// <param name="Unconstrain">How a value of this latent is mapped back to the reals when another latent's guide reads it ("{0}.log()"), or null when it is not read.</param>
    /// <param name="InitLoc">The start of the unconstrained location (P's prior location where it is a constant).</param>
    /// <param name="InitLogScale">The start of the unconstrained log-scale.</param>
    /// <param name="Parents">P-parents whose unconstrained values the guide's location (and log-scale) are linear in.</param>
    /// <param name="PriorDescription">P's distribution as written, for the guide's comment.</param>
    internal sealed record GuideLatent(
        string Name,
        IReadOnlyList<string> PlatePath,
        int Support,
        GuideFamily Family,
        long[] Shape,
        long[] UnconstrainedShape,
        long Categories,
        string Bijector,
        string? Unconstrain,
        double InitLoc,
        double InitLogScale,
        IReadOnlyList<GuideLatent> Parents,
        string PriorDescription)
    {
        public bool IsDiscrete => Family is GuideFamily.Binary or GuideFamily.Category or GuideFamily.Count;
        public bool InRoot => PlatePath.Count == 0;

        /// <summary>
        /// A root vector latent of more than <see cref="GuideWriter.LowRankAbove"/> unconstrained values: its normal has a
        /// low-rank-plus-diagonal covariance of rank <see cref="LowRank"/> (DESIGN 3.1), not a full one.
        /// </summary>
        public bool IsLowRank => InRoot && !IsDiscrete && UnconstrainedShape.Length == 1 && UnconstrainedShape[0] > GuideWriter.LowRankAbove;

        /// <summary>The rank of a low-rank latent's covariance factor: ceil(sqrt(n)) of its n unconstrained values.</summary>
        public int LowRank => IsLowRank ? (int)System.Math.Ceiling(System.Math.Sqrt(UnconstrainedShape[0])) : 0;

        /// <summary>The argument name a method uses for this latent (the first-letter rule: <c>GlobalMean</c> is <c>globalMean</c>).</summary>
        public string ArgumentName => char.ToLowerInvariant(Name[0]) + Name.Substring(1);
    }
}
