using System;
using System.ComponentModel;

namespace Alan.CompilerServices.Problems
{
    /// <summary>
    /// The checks of a problem's records passed as objects (the untyped entry points: <c>Create</c>,
    /// <c>PredictiveLogLikelihood</c> on the interfaces).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ProblemRecords
    {
        /// <summary>
        /// <paramref name="value"/> as the problem's record type <typeparamref name="T"/>, else an <see cref="ArgumentException"/> naming
        /// <paramref name="parameter"/>, the type expected and the type given. Null is allowed only when <paramref name="optional"/>.
        /// </summary>
        public static T? Expect<T>(object? value, string parameter, bool optional = false) where T : class
        {
            if (value is T typed) return typed;
            if (value is null && optional) return null;
            throw new ArgumentException(
                $"{parameter} must be a {typeof(T).FullName!.Replace('+', '.')}, not {(value is null ? "null" : value.GetType().FullName!.Replace('+', '.'))}.", parameter);
        }

        /// <summary>Null, else an <see cref="ArgumentException"/>: the model declares no inputs.</summary>
        public static void ExpectNoInputs(object? inputs, string parameter)
        {
            if (inputs is not null)
                throw new ArgumentException($"{parameter} must be null: the model declares no inputs (given a {inputs.GetType().FullName!.Replace('+', '.')}).", parameter);
        }
    }
}
