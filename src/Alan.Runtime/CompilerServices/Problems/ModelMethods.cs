using System;
using System.ComponentModel;

namespace Alan.CompilerServices.Problems
{
    /// <summary>Checks generated code applies to what a model's methods return.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ModelMethods
    {
        /// <summary>
        /// Returns <paramref name="distribution"/>, or throws naming the method that returned null: generated code would
        /// otherwise fail later with a <see cref="NullReferenceException"/> naming nothing.
        /// </summary>
        /// <param name="distribution">What the method returned.</param>
        /// <param name="kind">The method's attribute: "Latent" or "Data".</param>
        /// <param name="method">The method, with its plate classes ("Intro.P1.Obs").</param>
        public static T NotNull<T>(T? distribution, string kind, string method) where T : class =>
            distribution ?? throw new InvalidOperationException(
                $"The [{kind}] method {method} returned null: a model method must return its distribution on every path " +
                $"(e.g. new Normal(loc, scale)); return an actual {typeof(T).Name}.");
    }
}
