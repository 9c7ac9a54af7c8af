using System;

namespace Alan
{
    /// <summary>
    /// Metadata on an Alan bijector type, read by the source generator: the support its forward map lands on (the
    /// support of a <c>Transformed</c> variable built with it) and the number of trailing dimensions it acts on jointly.
    /// </summary>
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class BijectorAttribute : Attribute
    {
        /// <summary>Describes a bijector whose forward map lands on <paramref name="support"/>.</summary>
        public BijectorAttribute(Support support) { Support = support; }

        /// <summary>The support of the forward map's values.</summary>
        public Support Support { get; }

        /// <summary>Number of trailing dimensions transformed jointly (0: elementwise; 1: along the last dimension).</summary>
        public int EventRank { get; set; }
    }
}
