using System;

namespace Alan
{
    /// <summary>
    /// Marks a distribution argument as a QEM parameter, updated by moment matching
    /// (<c>sample.UpdateQemParams(lr)</c>) rather than by gradients. If one argument of a
    /// distribution is a QEM parameter, all of them must be.
    /// </summary>
    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class QemParamAttribute : Attribute
    {
        /// <summary>A QEM parameter initialised to <paramref name="init"/>.</summary>
        public QemParamAttribute(double init) { Init = init; }

        /// <summary>The initial value of every element.</summary>
        public double Init { get; }

        /// <summary>Event shape appended after the plate dimensions.</summary>
        public long[]? Shape { get; set; }
    }
}
