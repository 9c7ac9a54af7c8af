using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Distributions.Authoring
{
    /// <summary>
    /// Primitive random draws for <c>SampleCore</c>: open-interval uniforms, standard normals and standard gammas (with
    /// pathwise gradients). Without a <c>generator</c> they draw from torch's default generator, so they follow
    /// <c>torch.manual_seed</c>; with one they draw from it.
    /// </summary>
    /// <remarks>
    /// Build every random quantity of a distribution from these (transforming them with differentiable tensor
    /// operations), rather than calling torch's samplers directly: a reparameterised draw then carries gradients to
    /// the parameters, and a distribution that passes its generator through keeps working when the caller supplies one.
    /// </remarks>
    public static class RandomUtil
    {
        /// <summary>
        /// Uniform(0, 1) draws clamped to [finfo.tiny, 1 - finfo.eps], so that log(u), log(1 - u) and inverse CDFs at u
        /// are finite.
        /// </summary>
        /// <param name="shape">The shape of the draw.</param>
        /// <param name="dtype">A floating dtype.</param>
        /// <param name="device">The device (usually a parameter's).</param>
        /// <param name="generator">The generator to draw from; null: torch's default generator.</param>
        public static Tensor OpenUniform(long[] shape, ScalarType dtype, Device device, torch.Generator? generator = null)
        {
            if (shape is null) throw new ArgumentNullException(nameof(shape));
            var fi = torch.finfo(dtype);
            return torch.rand(shape, dtype, device, generator: generator).clamp(fi.tiny, 1 - fi.eps);
        }

        /// <summary>Standard normal draws.</summary>
        /// <param name="shape">The shape of the draw.</param>
        /// <param name="dtype">A floating dtype.</param>
        /// <param name="device">The device (usually a parameter's).</param>
        /// <param name="generator">The generator to draw from; null: torch's default generator.</param>
        public static Tensor Normal(long[] shape, ScalarType dtype, Device device, torch.Generator? generator = null)
        {
            if (shape is null) throw new ArgumentNullException(nameof(shape));
            return torch.randn(shape, dtype, device, generator: generator);
        }

        /// <summary>
        /// Gamma(concentration, 1) draws of the given shape, with pathwise gradients with respect to
        /// <paramref name="concentration"/> (torch's standard gamma sampler has an implicit-reparameterisation
        /// backward), clamped to at least finfo.tiny so that their logarithm is finite. Divide by a rate for
        /// Gamma(concentration, rate); normalise several for a Dirichlet or a Beta.
        /// </summary>
        /// <param name="concentration">The shape parameter, broadcastable to <paramref name="shape"/>; its dtype and device are the draw's.</param>
        /// <param name="shape">The shape of the draw.</param>
        /// <param name="generator">The generator to draw from; null: torch's default generator.</param>
        public static Tensor StandardGamma(Tensor concentration, long[] shape, torch.Generator? generator = null)
        {
            if (concentration is null) throw new ArgumentNullException(nameof(concentration));
            if (shape is null) throw new ArgumentNullException(nameof(shape));
            var g = torch._standard_gamma(concentration.expand(shape).contiguous(), generator);
            return g.clamp_min(torch.finfo(g.dtype).tiny);
        }
    }
}
