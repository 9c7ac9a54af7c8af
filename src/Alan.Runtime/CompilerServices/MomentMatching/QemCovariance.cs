using TorchSharp;
using static TorchSharp.torch;

namespace Alan.CompilerServices.MomentMatching
{
    public static partial class Qem
    {
        /// <summary>
        /// Eigenvalues of a QEM covariance are floored at this multiple of the dtype's machine epsilon times the largest
        /// eigenvalue: a condition number of at most 1 / (16 eps), which a Cholesky factorisation in that dtype survives
        /// (about 5e5 in float32, 3e14 in float64).
        /// </summary>
        internal const double EigenvalueFloorInEpsilons = 16;

        /// <summary>
        /// The positive-definite matrix nearest a moment-matched covariance [..., n, n] that <paramref name="stored"/>
        /// can factorise: symmetrised, eigendecomposed (in the input's dtype, float64 in QEM), each eigenvalue raised to
        /// at least <see cref="EigenvalueFloorInEpsilons"/> eps(stored) times the largest (and to the smallest positive
        /// normal number of <paramref name="stored"/>), and rebuilt as V diag(lambda) V^T, symmetrised again. A matrix
        /// whose eigenvalues all clear the floor comes back equal to its symmetric part up to rounding.
        /// </summary>
        internal static Tensor PositiveDefiniteCovariance(Tensor covariance, ScalarType stored)
        {
            var symmetric = (covariance.add(covariance.transpose(-1, -2), Scalars.Of(1))) * Scalars.Of(0.5);
            var (values, vectors) = torch.linalg.eigh(symmetric);
            var info = torch.finfo(stored);
            var floor = (values.amax(new long[] { -1 }, keepdim: true) * (Scalars.Temporary(EigenvalueFloorInEpsilons * info.eps))).clamp_min(Scalars.Temporary(info.tiny));
            var floored = torch.maximum(values, floor);
            var rebuilt = (vectors * floored.unsqueeze(-2)).matmul(vectors.transpose(-1, -2));
            return (rebuilt.add(rebuilt.transpose(-1, -2), Scalars.Of(1))) * Scalars.Of(0.5);
        }
    }
}
