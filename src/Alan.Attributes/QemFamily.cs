using System.ComponentModel;

namespace Alan.CompilerServices
{
    /// <summary>
    /// The exponential families that QEM (DESIGN.md section 4.8) can update: a distribution whose arguments are all
    /// QEM parameters keeps moving averages of the posterior expectations of its sufficient statistics and sets its
    /// conventional parameters from them (the runtime's <c>Qem</c>). Each family is declared on its distribution type with <see cref="QemFamilyAttribute"/>.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public enum QemFamily
    {
        /// <summary>Normal(loc, scale); statistics (x, x^2).</summary>
        Normal,

        /// <summary>Bernoulli(probs); statistic x.</summary>
        Bernoulli,

        /// <summary>Exponential(rate); statistic x.</summary>
        Exponential,

        /// <summary>HalfNormal(scale); statistic x^2.</summary>
        HalfNormal,

        /// <summary>Poisson(rate); statistic x.</summary>
        Poisson,

        /// <summary>Gamma(concentration, rate); statistics (log x, x).</summary>
        Gamma,

        /// <summary>Beta(concentration1, concentration0); statistics (log x, log(1 - x)).</summary>
        Beta,

        /// <summary>Dirichlet(concentration) over the last dimension; statistic log x.</summary>
        Dirichlet,

        /// <summary>MultivariateNormal(loc, covarianceMatrix) over the last dimension; statistics (x, x x^T).</summary>
        MultivariateNormal,
    }
}
