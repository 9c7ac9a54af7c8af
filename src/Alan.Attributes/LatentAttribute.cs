using System;

namespace Alan
{
    /// <summary>
    /// Marks a static method returning an Alan distribution as a latent variable named after the method.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class LatentAttribute : Attribute
    {
        /// <summary>
        /// Latents of one plate with the same group share one particle dimension
        /// (only the proposal's grouping matters for inference).
        /// </summary>
        public string? Group { get; set; }
    }
}
