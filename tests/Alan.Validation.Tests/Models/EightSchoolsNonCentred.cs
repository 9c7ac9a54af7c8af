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

    [Problem(typeof(EightSchoolsNonCentred))]
    public partial class EightSchoolsNonCentredProblem { }
}
