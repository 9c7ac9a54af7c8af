using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Samples.Intro
{
    // P: the generative model. Mu ~ N(0, 1); for each element of plate P1, Obs ~ N(Mu, 1).
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

    // Q: the approximate posterior, Mu ~ N(loc, exp(logScale)) with both parameters learnt.
    [Plate]
    public partial class IntroGuide
    {
        [Latent] static Normal Mu([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

        [Plate] public partial class P1 { }
    }

    [Problem(typeof(Intro), typeof(IntroGuide))]
    public partial class IntroProblem { }

    // The same model with a guide the generator derives from P (docs/auto-guides.md): the one-call path, with Fit.
    [Problem(typeof(Intro))]
    public partial class IntroAuto { }
}
