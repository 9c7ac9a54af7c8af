// Radon (Gelman & Hill home radon survey, EPA): the two-level model of the original alan's radon experiment.
// Plates: States (4) > Zips (150 train + 150 test). Q: mean-field Normals, the two globals grouped.
using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Samples.Radon
{
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
                // log radon of a house ~ N(state mean + basement effect + uranium effect, state scale)
                [Data]
                static Normal LogRadon(Tensor stateMean, Tensor basement, Tensor betaBasement, Tensor logU, Tensor betaU, Tensor stateLogScale)
                    => new(stateMean + basement * betaBasement + logU * betaU, stateLogScale.exp());
            }
        }
    }

    // Q for VI and RWS: Normal(loc, exp logScale) per latent, both learnt by gradient (loc 0, log-scale 0 initially).
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

    // Q for QEM: the same structure with moment-matched Normal(loc, scale), starting at N(0, 1).
    [Plate]
    public partial class RadonQemGuide
    {
        [Latent(Group = "Globals")]
        static Normal GlobalMean([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);

        [Latent(Group = "Globals")]
        static Normal GlobalLogScale([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);

        [Plate]
        public partial class States
        {
            [Latent] static Normal StateMean([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);
            [Latent] static Normal StateLogScale([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);
            [Latent] static Normal BetaU([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);
            [Latent] static Normal BetaBasement([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);

            [Plate] public partial class Zips { }
        }
    }

    [Problem(typeof(Radon), typeof(RadonGuide))]
    public partial class RadonProblem { }

    [Problem(typeof(Radon), typeof(RadonQemGuide))]
    public partial class RadonQemProblem { }
}
