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

        /// <summary>
        /// True for an improper distribution (<c>Flat</c>, <c>HalfFlat</c>): its density does not integrate to 1, so it
        /// cannot be sampled. It may only be the distribution of a latent of the model P (never of Q, never of data).
        /// </summary>
        public bool Improper { get; set; }

        /// <summary>
        /// True when the support, event rank and reparameterisation are those of the distributions the constructor is
        /// given (<c>Mixture</c>: its components'; <c>Ordered</c>: an ordered vector of its component's support): the
        /// generator derives them from the static types of the constructor's arguments, and <see cref="Support"/> is
        /// only the default it starts from.
        /// </summary>
        public bool FromComponents { get; set; }
    }
}
