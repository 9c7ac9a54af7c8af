using System;
using System.ComponentModel;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Problems
{
    /// <summary>The check behind a generated <c>ParticleSet</c>'s properties.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ParticleViews
    {
        /// <summary>
        /// Returns <paramref name="particles"/>, or throws <see cref="ObjectDisposedException"/> naming the latent and the
        /// problem once the sample that owns them has been disposed (which releases them): TorchSharp would otherwise say
        /// only "Tensor invalid -- empty handle".
        /// </summary>
        /// <param name="particles">The latent's particles, owned by a sample.</param>
        /// <param name="latent">The latent's name.</param>
        /// <param name="problem">The problem class's name.</param>
        public static Tensor Alive(Tensor particles, string latent, string problem) =>
            particles is null || !particles.IsInvalid
                ? particles!
                : throw new ObjectDisposedException(
                    $"{problem}.ProblemSample",
                    $"The particles of latent '{latent}' belong to a {problem} sample that has been disposed, which released them. " +
                    $"Use them before disposing the sample, or keep a copy that outlives it (Particles.{latent}.clone()).");
    }
}
