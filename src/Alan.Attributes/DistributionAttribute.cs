using System;

namespace Alan
{
    /// <summary>
    /// Metadata on an Alan distribution type, read by the source generator: support,
    /// whether it can be sampled with reparameterisation, and its inherent event rank.
    /// </summary>
    /// <remarks>
    /// Required on every class deriving from <c>Alan.Distribution</c> that a [Latent] or [Data] method returns, including
    /// user-defined ones (docs/custom-distributions.md). It is not inherited: a subclass declares its own.
    /// </remarks>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class DistributionAttribute : Attribute
    {
        /// <summary>Describes a distribution with the given support.</summary>
        public DistributionAttribute(Support support) { Support = support; }

        /// <summary>The support.</summary>
        public Support Support { get; }

        /// <summary>True when rsample (pathwise gradients) is available.</summary>
        public bool Reparameterised { get; set; }

        /// <summary>Number of trailing dimensions forming one event (1 for Dirichlet and MultivariateNormal).</summary>
        public int EventRank { get; set; }
    }
}
