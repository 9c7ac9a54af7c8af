using System;
using System.ComponentModel;

namespace Alan.CompilerServices
{
    /// <summary>
    /// Marks an Alan distribution type as the QEM family <see cref="Family"/> (DESIGN.md section 4.8) and names
    /// its conventional parameters in the order QEM's statistics and updates use them (the leading parameters
    /// of its constructor). The single source of QEM family metadata: the source generator reads it (to check
    /// [QemParam] arguments and to emit the update) and the runtime's QEM reads it (parameter names and
    /// statistic counts).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    [AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
    public sealed class QemFamilyAttribute : Attribute
    {
        /// <summary>Declares the family and its conventional parameter names.</summary>
        public QemFamilyAttribute(QemFamily family, params string[] parameters)
        {
            Family = family;
            Parameters = parameters ?? throw new ArgumentNullException(nameof(parameters));
        }

        /// <summary>The family.</summary>
        public QemFamily Family { get; }

        /// <summary>
        /// The conventional parameter names in order; there are as many sufficient statistics (and mean
        /// parameters) as conventional parameters for every family.
        /// </summary>
        public string[] Parameters { get; }
    }
}
