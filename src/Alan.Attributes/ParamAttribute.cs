using System;

namespace Alan
{
    /// <summary>
    /// A learnable parameter. On a method parameter it creates a trainable tensor for that argument,
    /// one value per element of the enclosing plates, named <c>Variable.parameter</c>. On a plate class
    /// (with a name) it declares a trainable tensor usable by any variable in that plate or below.
    /// </summary>
    /// <remarks>
    /// The tensor starts at <see cref="Value"/> everywhere, at identity matrices (<see cref="Init"/> =
    /// <see cref="ParamInit.Identity"/>), or at the value of a static member of the plate class (<see cref="InitFrom"/>).
    /// </remarks>
    [AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
    public sealed class ParamAttribute : Attribute
    {
        /// <summary>A parameter that starts as <see cref="Init"/> or <see cref="InitFrom"/> say (zero when neither is set).</summary>
        public ParamAttribute() { }

        /// <summary>A parameter initialised to <paramref name="init"/> everywhere.</summary>
        public ParamAttribute(double init) { Value = init; }

        /// <summary>A named parameter (plate classes) that starts as <see cref="Init"/> or <see cref="InitFrom"/> say.</summary>
        public ParamAttribute(string name) { Name = name; }

        /// <summary>A named parameter (plate classes), initialised to <paramref name="init"/>.</summary>
        public ParamAttribute(string name, double init) { Name = name; Value = init; }

        /// <summary>The initial value of every element (<see cref="ParamInit.Constant"/>), or the identity's scale.</summary>
        public double Value { get; }

        /// <summary>The initial form: a constant (the default) or identity matrices over the last two event dims.</summary>
        public ParamInit Init { get; set; }

        /// <summary>
        /// The name of a static field, property or parameterless method of the plate class, of type <c>Tensor</c> or
        /// <c>double[]</c>, whose value (broadcast to the parameter's shape) is the initial value: <c>InitFrom = nameof(PriorMean)</c>.
        /// </summary>
        public string? InitFrom { get; set; }

        /// <summary>An explicit (shareable) name; defaults to <c>Variable.parameter</c>.</summary>
        public string? Name { get; set; }

        /// <summary>Event shape appended after the plate dimensions (empty for one value per plate element).</summary>
        public long[]? Shape { get; set; }
    }
}
