using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Validation.Tests.Models
{
    /// <summary>
    /// nigreg: y_n ~ N(alpha + beta x_n, 1 / tau) with the conjugate Normal-Gamma prior tau ~ Gamma(2, rate 2),
    /// alpha ~ N(0, 100^2 / tau), beta ~ N(0, 10^2 / tau), and one uncentred predictor (x near 2000).
    /// </summary>
    [Plate]
    public partial class NormalGammaRegression
    {
        [Latent] static Gamma Tau() => new(2.0, 2.0);
        [Latent] static Normal Alpha(Tensor tau) => new(0.0, 100.0 * tau.rsqrt());
        [Latent] static Normal Beta(Tensor tau) => new(0.0, 10.0 * tau.rsqrt());

        [Plate, Input("X")]
        public partial class Points
        {
            [Data] static Normal Y(Tensor alpha, Tensor beta, Tensor tau, Tensor x) => new(alpha + beta * x, tau.rsqrt());
        }
    }

    [Problem(typeof(NormalGammaRegression))]
    public partial class NormalGammaRegressionProblem { }
}
