using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests.Models
{
    // Three levels (root, States, Zips) with inputs, a grouped root pair and a vector latent.
    [Plate]
    public partial class Nested
    {
        [Latent] static Normal GlobalMean() => new(0.0, 1.0);
        [Latent] static Normal GlobalLogScale() => new(0.0, 1.0);
        [Latent] static Normal Phi() => new(torch.zeros(3), torch.ones(3));

        [Plate, Input("Basement")]
        public partial class States
        {
            [Latent] static Normal StateMean(Tensor globalMean, Tensor globalLogScale) => new(globalMean, globalLogScale.exp());
            [Latent] static Normal BetaBasement() => new(0.0, 1.0);

            [Plate, Input("Covariates", Shape = new long[] { 3 })]
            public partial class Zips
            {
                [Data] static Normal Obs(Tensor stateMean, Tensor basement, Tensor betaBasement, Tensor phi, Tensor covariates)
                    => new(stateMean.add(basement * betaBasement, Scalars.Of(1)).add((phi * covariates).sum(-1), Scalars.Of(1)), 1.0);
            }
        }
    }

    [Plate]
    public partial class NestedGuide
    {
        [Latent(Group = "Globals")] static Normal GlobalMean([Param(0.0)] Tensor loc) => new(loc, 1.0);
        [Latent(Group = "Globals")] static Normal GlobalLogScale([Param(0.0)] Tensor loc) => new(loc, 1.0);
        [Latent] static Normal Phi([Param(0.0, Shape = new long[] { 3 })] Tensor loc) => new(loc, 1.0);

        [Plate]
        public partial class States
        {
            [Latent] static Normal StateMean([Param(0.0)] Tensor loc, Tensor globalMean) => new(loc.add(Scalars.Of(0.1) * globalMean, Scalars.Of(1)), 1.0);
            [Latent] static Normal BetaBasement([Param(0.0)] Tensor loc) => new(loc, 1.0);
        }
    }

    [Problem(typeof(Nested), typeof(NestedGuide))]
    public partial class NestedProblem { }
}
