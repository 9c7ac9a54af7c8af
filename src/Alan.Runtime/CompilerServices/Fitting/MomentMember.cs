using System.Collections.Generic;
using System.ComponentModel;

namespace Alan.CompilerServices.Fitting
{
    /// <summary>How a latent's value maps to the unconstrained reals where the root block of a derived guide is normal.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public enum Unconstrain
    {
        /// <summary>A real latent: the value itself.</summary>
        Identity,

        /// <summary>A positive latent: its log (the guide pushes the normal through exp).</summary>
        Log,

        /// <summary>A latent in (0, 1): its logit (the guide pushes the normal through a sigmoid).</summary>
        Logit,
    }

    /// <summary>
    /// A latent of a derived Default guide's root block (generated code, DESIGN 3.1): a normal in unconstrained space whose
    /// location is <c>loc</c> plus a weight times each earlier member (<c>&lt;parent&gt;Weight</c>), with scale
    /// <c>exp(logScale)</c> (a vector: scale_tril <c>offDiagonal.tril(-1) + diag(exp(logScale))</c>). Fit sets these from
    /// the posterior moments of the block (<see cref="RootMomentUpdate"/>).
    /// </summary>
    /// <param name="Latent">The latent's name (its parameters are <c>Latent.loc</c>, ...).</param>
    /// <param name="Unconstrain">How its values map to the unconstrained reals.</param>
    /// <param name="Size">Unconstrained values per draw (1 for a scalar).</param>
    /// <param name="Vector">A vector latent (a multivariate normal with <c>offDiagonal</c>).</param>
    /// <param name="Parents">The earlier members its location reads, in order.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed record MomentMember(string Latent, Unconstrain Unconstrain, int Size, bool Vector, IReadOnlyList<string> Parents);
}
