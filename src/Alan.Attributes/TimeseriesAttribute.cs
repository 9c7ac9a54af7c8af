using System;

namespace Alan
{
    /// <summary>
    /// Makes a <c>[Latent]</c> a chain along its plate (DESIGN 4.10): the method's argument named <c>prev</c> is the
    /// same latent at the previous element of the plate, and at the first element it is the latent named
    /// <see cref="Init"/>, which lives in the immediately enclosing plate and has the same event shape.
    /// </summary>
    /// <example><code>
    /// [Latent, Timeseries("X0")] static Normal X(Tensor prev) => new(0.8 * prev, 0.6);
    /// </code></example>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class TimeseriesAttribute : Attribute
    {
        /// <param name="init">The latent (in the immediately enclosing plate) that <c>prev</c> is at the first element.</param>
        public TimeseriesAttribute(string init)
        {
            Init = init;
        }

        /// <summary>The latent that <c>prev</c> is at the first element of the plate.</summary>
        public string Init { get; }
    }
}
