using System;

namespace Alan
{
    /// <summary>
    /// Declares an input (covariate) tensor living on this plate: its leading dimensions are the sizes
    /// of the plate path from the root to this plate, followed by the event dimensions declared with
    /// <see cref="Shape"/> (none by default: one scalar per plate element).
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class InputAttribute : Attribute
    {
        /// <summary>Declares an input called <paramref name="name"/>.</summary>
        public InputAttribute(string name) { Name = name; }

        /// <summary>The input's name (the property of the generated <c>Inputs</c> record).</summary>
        public string Name { get; }

        /// <summary>
        /// The event shape after the plate dimensions, e.g. <c>Shape = new long[] { 3 }</c> for a vector of
        /// three covariates per plate element. Unset (or empty): one scalar per plate element. The problem's
        /// constructor refuses an input whose shape is not exactly <c>[plate path..., Shape...]</c>.
        /// </summary>
        public long[]? Shape { get; set; }
    }
}
