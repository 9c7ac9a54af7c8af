using System;
using System.ComponentModel;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Problems
{
    /// <summary>
    /// Turns libtorch's linear-algebra failures ("linalg.cholesky: The factorization could not be completed because the
    /// input is not positive-definite", surfaced by TorchSharp as an <see cref="System.Runtime.InteropServices.ExternalException"/>)
    /// into a <see cref="FactorizationException"/>: the generated accessor of a variable that can fail so names the variable
    /// (<see cref="InVariable"/>), and the problem's entry points add the method being run and the dtype (<see cref="During"/>).
    /// Both are exception filters and catch blocks: nothing runs on the path that does not throw.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class FactorizationFailure
    {
        /// <summary>True for a libtorch linear-algebra failure, not yet wrapped.</summary>
        public static bool Is(Exception e) =>
            e is not FactorizationException
            && e is System.Runtime.InteropServices.ExternalException
            && e.Message is string m
            && (m.Contains("linalg") || m.Contains("cholesky") || m.Contains("positive-definite") || m.Contains("singular"));

        /// <summary>True for a failure to report with the method being run: a libtorch one, or one named by its variable only.</summary>
        public static bool IsUnreported(Exception e) => Is(e) || e is FactorizationException { Operation: null };

        /// <summary>The failure <paramref name="e"/> of <paramref name="variable"/>'s method or distribution.</summary>
        public static FactorizationException InVariable(Exception e, string variable) => new(variable, null, null, null, e);

        /// <summary>The failure <paramref name="e"/> (libtorch's, or <see cref="InVariable"/>'s) during <c>problem.operation</c> in <paramref name="dtype"/>.</summary>
        public static FactorizationException During(Exception e, string problem, string operation, ScalarType dtype) =>
            e is FactorizationException named
                ? new FactorizationException(named.Variable, problem, operation, dtype, named.InnerException ?? named)
                : new FactorizationException(null, problem, operation, dtype, e);
    }
}
