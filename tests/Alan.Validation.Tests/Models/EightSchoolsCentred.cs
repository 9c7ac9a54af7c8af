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

    [Problem(typeof(EightSchoolsCentred))]
    public partial class EightSchoolsCentredProblem { }
}
