using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests.Models
{
    // Intro whose prior method returns null: the generated code names the method instead of a NullReferenceException.
    [Plate]
    public partial class NullPrior
    {
        [Latent] static Normal Mu() => null!;

        [Plate]
        public partial class P1
        {
            [Data] static Normal Obs(Tensor mu) => new(mu, 1.0);
        }
    }

    [Problem(typeof(NullPrior), typeof(IntroGuide))]
    public partial class NullPriorProblem { }
}
