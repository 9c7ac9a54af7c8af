using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests.Models
{
    // A user-defined distribution (Kumaraswamy, defined in this assembly) in P and Q:
    // z ~ Kumaraswamy(2, 3), y_t ~ Kumaraswamy(1 + 3 z, 2); Q: z ~ Kumaraswamy(exp(logA), exp(logB)).
    [Plate]
    public partial class UserKuma
    {
        [Latent] static Kumaraswamy Z() => new(2.0, 3.0);

        [Plate]
        public partial class T
        {
            [Data] static Kumaraswamy Y(Tensor z) => new(1.0 + 3.0 * z, 2.0);
        }
    }

    [Plate]
    public partial class UserKumaGuide
    {
        [Latent] static Kumaraswamy Z([Param(0.8)] Tensor logA, [Param(1.0)] Tensor logB) => new(logA.exp(), logB.exp());
    }

    [Problem(typeof(UserKuma), typeof(UserKumaGuide))]
    public partial class UserKumaProblem { }
}
