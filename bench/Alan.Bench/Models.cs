using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Bench
{
    // ---- the introduction model (DESIGN 2.1) ------------------------------------------------

    [Plate]
    public partial class Intro
    {
        [Latent] static Normal Mu() => new(0.0, 1.0);

        [Plate]
        public partial class P1
        {
            [Data] static Normal Obs(Tensor mu) => new(mu, 1.0);
        }
    }

    [Plate]
    public partial class IntroGuide
    {
        [Latent] static Normal Mu([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

        [Plate] public partial class P1 { }
    }

    [Problem(typeof(Intro), typeof(IntroGuide))]
    public partial class IntroProblem { }

}
