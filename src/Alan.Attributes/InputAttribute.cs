using System;

namespace Alan
{
    /// <summary>
    /// Declares an input (covariate) tensor living on this plate: its leading dimensions are the sizes
    /// of the plate path from the root to this plate, followed by any event dimensions.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class InputAttribute : Attribute
    {
        /// <summary>Declares an input called <paramref name="name"/>.</summary>
        public InputAttribute(string name) { Name = name; }

        /// <summary>The input's name (the property of the generated <c>Inputs</c> record).</summary>
        public string Name { get; }
    }
}
