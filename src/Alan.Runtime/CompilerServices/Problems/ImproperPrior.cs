using System;
using System.ComponentModel;
using System.Linq;

namespace Alan.CompilerServices.Problems
{
    /// <summary>
    /// What generated code does with a latent whose prior is improper (<see cref="Flat"/>, <see cref="HalfFlat"/>): no
    /// draw of it from P exists, so <c>SamplePrior</c> refuses before drawing anything, and <c>Extend</c> refuses to grow
    /// a plate it lives on (its new positions would have to be drawn from P) but keeps its importance draws otherwise.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ImproperPrior
    {
        /// <summary>The exception SamplePrior throws for a P with improper latents (<paramref name="latents"/>, with their <paramref name="distributions"/>).</summary>
        public static InvalidOperationException CannotSamplePrior(string problem, string[] latents, string[] distributions)
        {
            if (latents is null) throw new ArgumentNullException(nameof(latents));
            if (distributions is null || distributions.Length != latents.Length) throw new ArgumentException("One distribution per latent.", nameof(distributions));
            var listed = string.Join(", ", latents.Select((l, i) => $"'{l}' ({distributions[i]})"));
            var which = latents.Length == 1 ? $"the latent {listed} has an improper prior" : $"the latents {listed} have improper priors";
            return new InvalidOperationException(
                $"{problem}.SamplePrior cannot draw the model P: {which} (density 1, not normalisable), which cannot be sampled. " +
                "Give each a proper prior to draw synthetic data from P; inference (Sample, ImportanceSample, Fit) draws them from Q and works as it is.");
        }

        /// <summary>Throws when <paramref name="plate"/>, on whose positions the improper <paramref name="latent"/> lives, is extended.</summary>
        public static void CheckExtension(string latent, string distribution, string plate, long training, long extended)
        {
            if (extended == training) return;
            throw new NotSupportedException(
                $"Extend cannot draw the latent '{latent}' at the new positions of plate '{plate}' (training size {training}, new size {extended}): " +
                $"its prior {distribution} is improper (density 1, not normalisable) and cannot be sampled. Keep plate '{plate}' at its training size, " +
                $"or give '{latent}' a proper prior.");
        }
    }
}
