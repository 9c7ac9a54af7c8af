using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Validation.Tests.Models
{
    /// <summary>
    /// schools, non-centred: mu ~ N(0, 5^2), tau ~ HalfNormal(5), eta_j ~ N(0, 1), y_j ~ N(mu + tau eta_j, sigma_j^2)
    /// (the same posterior as the centred form, with theta_j = mu + tau eta_j).
    /// </summary>
    [Plate]
    public partial class EightSchoolsNonCentred
    {
        [Latent] static Normal Mu() => new(0.0, 5.0);
        [Latent] static HalfNormal Tau() => new(5.0);

        [Plate, Input("Sigma")]
        public partial class Schools
        {
            [Latent] static Normal Eta() => new(0.0, 1.0);
            [Data] static Normal Y(Tensor mu, Tensor tau, Tensor eta, Tensor sigma) => new(mu + tau * eta, sigma);
        }
    }

    /// <summary>
    /// The automatic default guide for <see cref="EightSchoolsNonCentred"/>: the root block as in the centred guide;
    /// each Eta_j has no parents in P, so it is an independent normal per school, starting at its prior N(0, 1).
    /// </summary>
    [Plate]
    public partial class EightSchoolsNonCentredGuide
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
            [Latent] static Normal Eta([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        }
    }

    [Problem(typeof(EightSchoolsNonCentred), typeof(EightSchoolsNonCentredGuide))]
    public partial class EightSchoolsNonCentredProblem { }
}
