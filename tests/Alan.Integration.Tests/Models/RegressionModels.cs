using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests.Models
{
    // ---- a radon-like hierarchical regression, twice: through plate statistics and elementwise -----
    // RegStats's Obs has the affine-Normal form (loc = intercept + input * latent - input * latent, scale read from
    // a latent), so its plate Zips is summed through plate statistics; RegGeneral is the same model with "+ 0.0"
    // in the loc, which is not the form: the general path (elementwise log-density, then the plate sum).

    [Plate]
    public partial class RegStats
    {
        [Latent] static Normal GlobalMean() => new(0.0, 1.0);

        [Plate]
        public partial class States
        {
            [Latent] static Normal StateMean(Tensor globalMean) => new(globalMean, 1.0);
            [Latent] static Normal StateLogScale() => new(0.0, 1.0);
            [Latent] static Normal BetaU() => new(0.0, 1.0);
            [Latent] static Normal BetaBasement() => new(0.0, 1.0);

            [Plate, Input("Basement"), Input("LogU")]
            public partial class Zips
            {
                [Data]
                static Normal Obs(Tensor stateMean, Tensor basement, Tensor betaBasement, Tensor logU, Tensor betaU, Tensor stateLogScale)
                    => new(stateMean + basement * betaBasement - logU * betaU, stateLogScale.exp());
            }
        }
    }

    [Plate]
    public partial class RegGeneral
    {
        [Latent] static Normal GlobalMean() => new(0.0, 1.0);

        [Plate]
        public partial class States
        {
            [Latent] static Normal StateMean(Tensor globalMean) => new(globalMean, 1.0);
            [Latent] static Normal StateLogScale() => new(0.0, 1.0);
            [Latent] static Normal BetaU() => new(0.0, 1.0);
            [Latent] static Normal BetaBasement() => new(0.0, 1.0);

            [Plate, Input("Basement"), Input("LogU")]
            public partial class Zips
            {
                [Data]
                static Normal Obs(Tensor stateMean, Tensor basement, Tensor betaBasement, Tensor logU, Tensor betaU, Tensor stateLogScale)
                    => new(stateMean + basement * betaBasement - logU * betaU + 0.0, stateLogScale.exp());
            }
        }
    }

    [Plate]
    public partial class RegStatsGuide
    {
        [Latent] static Normal GlobalMean([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

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

    [Plate]
    public partial class RegGeneralGuide
    {
        [Latent] static Normal GlobalMean([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

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

    [Problem(typeof(RegStats), typeof(RegStatsGuide))]
    public partial class RegStatsProblem { }

    [Problem(typeof(RegGeneral), typeof(RegGeneralGuide))]
    public partial class RegGeneralProblem { }
}
