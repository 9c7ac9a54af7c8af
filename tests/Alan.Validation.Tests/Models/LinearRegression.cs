using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Validation.Tests.Models
{
    /// <summary>
    /// linreg: y_n ~ N(alpha + x_n . beta, 1) with alpha ~ N(0, 100^2) and beta_j ~ N(0, 10^2), three uncentred,
    /// correlated predictors (x near 3000, x_3 close to x_1), so alpha and the coefficients are almost collinear a
    /// posteriori.
    /// </summary>
    [Plate]
    public partial class LinearRegression
    {
        [Latent] static Normal Alpha() => new(0.0, 100.0);
        [Latent] static Normal Beta() => new(torch.zeros(3, dtype: ScalarType.Float64), 10.0);

        [Plate, Input("X", Shape = new long[] { 3 })]
        public partial class Points
        {
            [Data] static Normal Y(Tensor alpha, Tensor beta, Tensor x) => new(alpha + (x * beta).sum(-1), 1.0);
        }
    }

    /// <summary>
    /// The guide the automatic default derives for <see cref="LinearRegression"/>: one group of the root latents, a
    /// Cholesky chain in declaration order. Alpha is a normal; Beta is a multivariate normal whose mean is linear in
    /// Alpha and whose scale is a learned lower-triangular matrix (positive diagonal exp(logScale), free strictly-lower
    /// part). Together: a full-covariance normal over (Alpha, Beta). It starts at the priors: locations 0, scales 100
    /// and 10, no correlation.
    /// </summary>
    [Plate]
    public partial class LinearRegressionGuide
    {
        private const double LogHundred = 4.605170185988092; // log 100, the prior sd of Alpha
        private const double LogTen = 2.302585092994046;     // log 10, the prior sd of each Beta_j

        [Latent(Group = "Root")]
        static Normal Alpha([Param(0.0)] Tensor loc, [Param(LogHundred)] Tensor logScale) => new(loc, logScale.exp());

        [Latent(Group = "Root")]
        static MultivariateNormal Beta(Tensor alpha,
            [Param(0.0, Shape = new long[] { 3 })] Tensor loc,
            [Param(0.0, Shape = new long[] { 3 })] Tensor alphaWeight,
            [Param(LogTen, Shape = new long[] { 3 })] Tensor logScale,
            [Param(0.0, Shape = new long[] { 3, 3 })] Tensor lowerScale) =>
            new(loc + alphaWeight * alpha.unsqueeze(-1), scaleTril: GuideScales.LowerTriangular(logScale, lowerScale));
    }

    [Problem(typeof(LinearRegression), typeof(LinearRegressionGuide))]
    public partial class LinearRegressionProblem { }
}
