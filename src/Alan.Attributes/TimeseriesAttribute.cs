using System;

namespace Alan
{
    /// <summary>
    /// Makes a <c>[Latent]</c> or <c>[Data]</c> variable a timeseries along its plate (DESIGN 4.10): the method's
    /// argument named <c>prev</c> is the same variable at the previous element of the plate, and at the first element
    /// it is <see cref="Init"/>: a latent of the immediately enclosing plate with the same event shape (an observed
    /// timeseries may also start from an input of that plate, and reads <c>prev2</c>, <c>prev3</c>, ... further back,
    /// the init then holding those values oldest first). A latent chain may instead name a static method of its own
    /// plate returning the first element's distribution (a self-starting chain).
    /// </summary>
    /// <example><code>
    /// [Latent, Timeseries("X0")] static Normal X(Tensor prev) => new(0.8 * prev, 0.6);
    /// </code></example>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class TimeseriesAttribute : Attribute
    {
        /// <param name="init">The latent or input (in the immediately enclosing plate) that <c>prev</c> is at the first element, or the method giving the first element's distribution.</param>
        public TimeseriesAttribute(string init)
        {
            Init = init;
        }

        /// <summary>The latent or input that <c>prev</c> is at the first element of the plate, or the first element's distribution's method.</summary>
        public string Init { get; }
    }
}
