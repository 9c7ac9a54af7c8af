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

    /// <summary>
    /// The automatic default guide for <see cref="NormalGammaRegression"/>: the root latents in one group, a Cholesky
    /// chain in P's order over their unconstrained values (log Tau, Alpha, Beta). Tau = exp(a normal) starts at
    /// log-mean log 1 = 0 with scale 1 / sqrt(2) (the coefficient of variation of Gamma(2, 2)); Alpha and Beta start at
    /// their prior scales at Tau's prior mean of 1, 100 and 10.
    /// </summary>
    [Plate]
    public partial class NormalGammaRegressionGuide
    {
        private const double LogInverseSqrtTwo = -0.34657359027997264; // log(1 / sqrt 2)
        private const double LogHundred = 4.605170185988092;
        private const double LogTen = 2.302585092994046;

        [Latent(Group = "Root")]
        static Transformed Tau([Param(0.0)] Tensor loc, [Param(LogInverseSqrtTwo)] Tensor logScale) =>
            new(new Normal(loc, logScale.exp()), Bijector.Exp);

        [Latent(Group = "Root")]
        static Normal Alpha(Tensor tau, [Param(0.0)] Tensor loc, [Param(0.0)] Tensor tauWeight, [Param(LogHundred)] Tensor logScale) =>
            new(loc + tauWeight * tau.log(), logScale.exp());

        [Latent(Group = "Root")]
        static Normal Beta(Tensor tau, Tensor alpha, [Param(0.0)] Tensor loc, [Param(0.0)] Tensor tauWeight, [Param(0.0)] Tensor alphaWeight,
            [Param(LogTen)] Tensor logScale) =>
            new(loc + tauWeight * tau.log() + alphaWeight * alpha, logScale.exp());
    }

    [Problem(typeof(NormalGammaRegression), typeof(NormalGammaRegressionGuide))]
    public partial class NormalGammaRegressionProblem { }
}
