using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests.Models
{
    // ---- radon (Gelman & Hill home radon survey), two levels: States (4) > Zips (150) -------

    [Plate]
    public partial class Radon
    {
        [Latent] static Normal GlobalMean() => new(0.0, 1.0);
        [Latent] static Normal GlobalLogScale() => new(0.0, 1.0);

        [Plate]
        public partial class States
        {
            [Latent] static Normal StateMean(Tensor globalMean, Tensor globalLogScale) => new(globalMean, globalLogScale.exp());
            [Latent] static Normal StateLogScale() => new(0.0, 1.0);
            [Latent] static Normal BetaU() => new(0.0, 1.0);
            [Latent] static Normal BetaBasement() => new(0.0, 1.0);

            [Plate, Input("Basement"), Input("LogU")]
            public partial class Zips
            {
                [Data]
                static Normal Obs(Tensor stateMean, Tensor basement, Tensor betaBasement, Tensor logU, Tensor betaU, Tensor stateLogScale)
                    => new(stateMean + basement * betaBasement + logU * betaU, stateLogScale.exp());
            }
        }
    }

    // Mean-field Normals; the two globals share one particle dimension.
    [Plate]
    public partial class RadonGuide
    {
        [Latent(Group = "Globals")]
        static Normal GlobalMean([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

        [Latent(Group = "Globals")]
        static Normal GlobalLogScale([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

        [Plate]
        public partial class States
        {
            [Latent] static Normal StateMean([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
            [Latent] static Normal StateLogScale([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
            [Latent] static Normal BetaU([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
            [Latent] static Normal BetaBasement([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

            [Plate] public partial class Zips { }
        }
    }

    [Problem(typeof(Radon), typeof(RadonGuide))]
    public partial class RadonProblem { }
}
