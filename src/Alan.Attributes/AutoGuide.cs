namespace Alan
{
    /// <summary>
    /// How the generator derives the proposal Q of a <c>[Problem(typeof(P))]</c> that names no guide (docs/auto-guides.md).
    /// Every continuous latent is proposed in unconstrained space and pushed onto P's support by a bijector.
    /// </summary>
    public enum AutoGuide
    {
        /// <summary>
        /// The root plate's continuous latents jointly normal (full covariance, written as a chain of conditional normals);
        /// a latent in a plate one normal per element whose location and log-scale are linear in its parents' unconstrained
        /// values; discrete latents learned per-element probabilities. Trained by gradient (VI, or RWS with discrete latents).
        /// </summary>
        Default,

        /// <summary>One independent normal per latent element in unconstrained space; discrete latents as in <see cref="Default"/>.</summary>
        MeanField,

        /// <summary>
        /// QEM-updated families matching each support (Normal or a multivariate normal for real vectors, Gamma for positive,
        /// Beta for (0, 1), Dirichlet for a simplex, Bernoulli and Poisson for counts), trained by <c>UpdateQemParams</c>.
        /// </summary>
        Qem,
    }
}
