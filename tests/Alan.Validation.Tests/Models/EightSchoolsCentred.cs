using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Validation.Tests.Models
{
    /// <summary>
    /// schools, centred: mu ~ N(0, 5^2), tau ~ HalfNormal(5), theta_j ~ N(mu, tau^2), y_j ~ N(theta_j, sigma_j^2) with
    /// the known standard errors sigma_j as an input of the plate.
    /// </summary>
    [Plate]
    public partial class EightSchoolsCentred
    {
        [Latent] static Normal Mu() => new(0.0, 5.0);
        [Latent] static HalfNormal Tau() => new(5.0);

        [Plate, Input("Sigma")]
        public partial class Schools
        {
            [Latent] static Normal Theta(Tensor mu, Tensor tau) => new(mu, tau);
            [Data] static Normal Y(Tensor theta, Tensor sigma) => new(theta, sigma);
        }
    }

    /// <summary>
    /// The automatic default guide for <see cref="EightSchoolsCentred"/>. Root: Mu then Tau in one group, Tau = exp(a
    /// normal whose loc is linear in Mu); Mu starts at its prior N(0, 5^2), log Tau at log 5 (the prior's scale) with
    /// unit scale. Each Theta_j: a normal whose loc is linear in Mu and log Tau and whose log-scale is linear in log Tau
    /// (its parents in P), starting at N(0, 1).
    /// </summary>
    [Plate]
    public partial class EightSchoolsCentredGuide
    {
        private const double LogFive = 1.6094379124341003;

        [Latent(Group = "Root")]
        static Normal Mu([Param(0.0)] Tensor loc, [Param(LogFive)] Tensor logScale) => new(loc, logScale.exp());

        [Latent(Group = "Root")]
        static Transformed Tau(Tensor mu, [Param(LogFive)] Tensor loc, [Param(0.0)] Tensor muWeight, [Param(0.0)] Tensor logScale) =>
            new(new Normal(loc + muWeight * mu, logScale.exp()), Bijector.Exp);

        [Plate]
        public partial class Schools
        {
            [Latent]
            static Normal Theta(Tensor mu, Tensor tau, [Param(0.0)] Tensor loc, [Param(0.0)] Tensor muWeight, [Param(0.0)] Tensor tauWeight,
                [Param(0.0)] Tensor logScale, [Param(0.0)] Tensor tauScaleWeight) =>
                new(loc + muWeight * mu + tauWeight * tau.log(), (logScale + tauScaleWeight * tau.log()).exp());
        }
    }

    [Problem(typeof(EightSchoolsCentred), typeof(EightSchoolsCentredGuide))]
    public partial class EightSchoolsCentredProblem { }
}
