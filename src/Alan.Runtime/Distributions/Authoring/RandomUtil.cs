using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Distributions.Authoring
{
    /// <summary>
    /// Primitive random draws for <c>SampleCore</c>: open-interval uniforms, standard normals and standard gammas (with
    /// pathwise gradients). They draw from the <c>generator</c> passed to them; without one, from
    /// <see cref="CurrentGenerator"/>: the generator of the draw in progress (the one given to
    /// <see cref="Distribution.Sample(long[], ScalarType, bool, torch.Generator)"/>, by <c>problem.Sample(K, generator: g)</c>
    /// or by <c>Fit</c>'s seed), else torch's default generator, which follows <c>torch.manual_seed</c>.
    /// </summary>
    /// <remarks>
    /// Build every random quantity of a distribution from these (transforming them with differentiable tensor
    /// operations), rather than calling torch's samplers directly: a reparameterised draw then carries gradients to
    /// the parameters, and the draw follows the generator its caller chose. A distribution that must call one of
    /// torch's samplers itself (<c>torch.poisson</c>, <c>torch.multinomial</c>, ...) passes it
    /// <see cref="CurrentGenerator"/>.
    /// </remarks>
    public static class RandomUtil
    {
        [ThreadStatic] private static torch.Generator? _current;

        /// <summary>
        /// The generator of the draw in progress on this thread: the one passed to <see cref="Distribution.Sample(long[],
        /// ScalarType, bool, torch.Generator)"/> while its <c>SampleCore</c> runs, else null (torch's default generator).
        /// It is per thread, so draws on other threads never take numbers from it.
        /// </summary>
        public static torch.Generator? CurrentGenerator => _current;

        /// <summary>Makes <paramref name="generator"/> the current one until the returned scope is disposed (null keeps the current one).</summary>
        internal static GeneratorScope Use(torch.Generator? generator)
        {
            var previous = _current;
            if (generator is not null) _current = generator;
            return new GeneratorScope(previous);
        }

        /// <summary>Restores the generator that was current before <see cref="Use"/>.</summary>
        internal readonly struct GeneratorScope : IDisposable
        {
            private readonly torch.Generator? _previous;

            public GeneratorScope(torch.Generator? previous) => _previous = previous;

            public void Dispose() => _current = _previous;
        }

        /// <summary>
        /// Uniform(0, 1) draws clamped to [finfo.tiny, 1 - finfo.eps], so that log(u), log(1 - u) and inverse CDFs at u
        /// are finite.
        /// </summary>
        /// <param name="shape">The shape of the draw.</param>
        /// <param name="dtype">A floating dtype.</param>
        /// <param name="device">The device (usually a parameter's).</param>
        /// <param name="generator">The generator to draw from; null: <see cref="CurrentGenerator"/> (torch's default generator when none).</param>
        public static Tensor OpenUniform(long[] shape, ScalarType dtype, Device device, torch.Generator? generator = null)
        {
            if (shape is null) throw new ArgumentNullException(nameof(shape));
            var fi = torch.finfo(dtype);
            return torch.rand(shape, dtype, device, generator: generator ?? _current).clamp(Scalars.Temporary(fi.tiny), Scalars.Temporary(1 - fi.eps));
        }

        /// <summary>Standard normal draws.</summary>
        /// <param name="shape">The shape of the draw.</param>
        /// <param name="dtype">A floating dtype.</param>
        /// <param name="device">The device (usually a parameter's).</param>
        /// <param name="generator">The generator to draw from; null: <see cref="CurrentGenerator"/> (torch's default generator when none).</param>
        public static Tensor Normal(long[] shape, ScalarType dtype, Device device, torch.Generator? generator = null)
        {
            if (shape is null) throw new ArgumentNullException(nameof(shape));
            return torch.randn(shape, dtype, device, generator: generator ?? _current);
        }

        /// <summary>
        /// Gamma(concentration, 1) draws of the given shape, with pathwise gradients with respect to
        /// <paramref name="concentration"/> (torch's standard gamma sampler has an implicit-reparameterisation
        /// backward), clamped to at least finfo.tiny so that their logarithm is finite. Divide by a rate for
        /// Gamma(concentration, rate); normalise several for a Dirichlet or a Beta.
        /// </summary>
        /// <param name="concentration">The shape parameter, broadcastable to <paramref name="shape"/>; its dtype and device are the draw's.</param>
        /// <param name="shape">The shape of the draw.</param>
        /// <param name="generator">The generator to draw from; null: <see cref="CurrentGenerator"/> (torch's default generator when none).</param>
        public static Tensor StandardGamma(Tensor concentration, long[] shape, torch.Generator? generator = null)
        {
            if (concentration is null) throw new ArgumentNullException(nameof(concentration));
            if (shape is null) throw new ArgumentNullException(nameof(shape));
            var g = torch._standard_gamma(concentration.expand(shape).contiguous(), generator ?? _current);
            return g.clamp_min(Scalars.Temporary(torch.finfo(g.dtype).tiny));
        }
    }
}
