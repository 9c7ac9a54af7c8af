using System;

namespace Alan
{
    /// <summary>
    /// A learnable parameter. On a method parameter it creates a trainable tensor for that argument,
    /// one value per element of the enclosing plates, named <c>Variable.parameter</c>. On a plate class
    /// (with a name) it declares a trainable tensor usable by any variable in that plate or below.
    /// </summary>
    [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class ParamAttribute : Attribute
    {
        /// <summary>A parameter initialised to <paramref name="init"/> everywhere.</summary>
        public ParamAttribute(double init) { Init = init; }

        /// <summary>A named parameter (plate classes), initialised to <paramref name="init"/>.</summary>
        public ParamAttribute(string name, double init) { Name = name; Init = init; }

        /// <summary>The initial value of every element.</summary>
        public double Init { get; }

        /// <summary>An explicit (shareable) name; defaults to <c>Variable.parameter</c>.</summary>
        public string? Name { get; set; }

        /// <summary>Event shape appended after the plate dimensions (empty for one value per plate element).</summary>
        public long[]? Shape { get; set; }
    }
}
