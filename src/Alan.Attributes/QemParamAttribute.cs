using System;

namespace Alan
{
    /// <summary>
    /// Marks a distribution argument as a QEM parameter, updated by moment matching
    /// (<c>sample.UpdateQemParams(lr)</c>) rather than by gradients. If one argument of a
    /// distribution is a QEM parameter, all of them must be. It starts as a <see cref="ParamAttribute"/> does.
    /// </summary>
    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class QemParamAttribute : Attribute
    {
        /// <summary>A QEM parameter that starts as <see cref="Init"/> or <see cref="InitFrom"/> say (zero when neither is set).</summary>
        public QemParamAttribute() { }

        /// <summary>A QEM parameter initialised to <paramref name="init"/>.</summary>
        public QemParamAttribute(double init) { Value = init; }

        /// <summary>The initial value of every element (<see cref="ParamInit.Constant"/>), or the identity's scale.</summary>
        public double Value { get; }

        /// <summary>The initial form: a constant (the default) or identity matrices over the last two event dims.</summary>
        public ParamInit Init { get; set; }

        /// <summary>
        /// The name of a static field, property or parameterless method of the plate class, of type <c>Tensor</c> or
        /// <c>double[]</c>, whose value (broadcast to the parameter's shape) is the initial value.
        /// </summary>
        public string? InitFrom { get; set; }

        /// <summary>Event shape appended after the plate dimensions.</summary>
        public long[]? Shape { get; set; }
    }
}
