using System;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// A matrix factorisation (a Cholesky factorisation, an inverse, a solve, an eigendecomposition) failed while a model
    /// was evaluated: a MultivariateNormal's covariance, or a matrix the model's own method factorises, is singular or not
    /// positive-definite at the problem's precision. The message names the variable, the method being run and the dtype;
    /// the libtorch error is the <see cref="Exception.InnerException"/>.
    /// </summary>
    public sealed class FactorizationException : InvalidOperationException
    {
        internal FactorizationException(string? variable, string? problem, string? operation, ScalarType? dtype, Exception inner)
            : base(Describe(variable, problem, operation, dtype, inner), inner)
        {
            Variable = variable;
            Operation = operation;
            DType = dtype;
        }

        /// <summary>The variable whose method or distribution failed, when known.</summary>
        public string? Variable { get; }

        /// <summary>The method being run (<c>Sample</c>, <c>ElboVi</c>, ...), when known.</summary>
        public string? Operation { get; }

        /// <summary>The problem's dtype, when known.</summary>
        public ScalarType? DType { get; }

        private static string Describe(string? variable, string? problem, string? operation, ScalarType? dtype, Exception inner)
        {
            var where = operation is null ? "" : (problem is null ? operation : problem + "." + operation) + ": ";
            var what = variable is null ? "a matrix factorisation failed" : $"a matrix factorisation failed in variable '{variable}'";
            var precision = dtype is null ? "" : $" in {dtype.Value.ToString().ToLowerInvariant()}";
            var advice = dtype == ScalarType.Float64
                ? "add a small jitter to the diagonal (cov + 1e-6 * I)"
                : "build the problem with dtype: ScalarType.Float64, or add a small jitter to the diagonal (cov + 1e-6 * I)";
            return $"{where}{what}{precision}: its covariance (or the matrix its method factorises) is singular or not positive-definite " +
                   $"at this precision; {advice}. A [Param] or [QemParam] matrix should start positive-definite (Init = ParamInit.Identity). " +
                   "libtorch: " + FirstLine(inner.Message);
        }

        private static string FirstLine(string s)
        {
            int i = s.IndexOf('\n');
            return (i < 0 ? s : s.Substring(0, i)).Trim();
        }
    }
}
