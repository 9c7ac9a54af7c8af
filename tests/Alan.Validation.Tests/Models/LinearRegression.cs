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

    [Problem(typeof(LinearRegression))]
    public partial class LinearRegressionProblem { }
}
