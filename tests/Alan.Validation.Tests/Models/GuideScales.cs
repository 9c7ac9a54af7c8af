using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Validation.Tests.Models
{
    /// <summary>The lower-triangular scale of a vector latent's multivariate normal in the guides.</summary>
    internal static class GuideScales
    {
        /// <summary>
        /// L = diag(exp(logScale)) + the strictly lower part of <paramref name="lowerScale"/>: lower-triangular with a
        /// positive diagonal for any parameter values, so L L^T is always a valid covariance. Its batch dims are those of
        /// the parameters.
        /// </summary>
        public static Tensor LowerTriangular(Tensor logScale, Tensor lowerScale) =>
            lowerScale.tril(-1) + torch.diag_embed(logScale.exp());
    }
}
