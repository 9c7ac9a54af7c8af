using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests.Models
{
    // AR(2) on observed Y with a latent coefficient: Y_t ~ N(Phi Y_{t-1} - 0.3 Y_{t-2}, 0.7), Phi ~ N(0, 1); the two values
    // before the first element are the input Init (oldest first). Q: a Normal on Phi with learnable loc and log-scale.
    [Plate, Input("Init", Shape = new long[] { 2 })]
    public partial class Ar2Coefficient
    {
        [Latent] static Normal Phi() => new(0.0, 1.0);

        [Plate]
        public partial class T
        {
            [Data, Timeseries("Init")] static Normal Y(Tensor prev, Tensor prev2, Tensor phi) => new(phi * prev - 0.3 * prev2, 0.7);
        }
    }

    [Plate]
    public partial class Ar2CoefficientGuide
    {
        [Latent] static Normal Phi([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
    }

    [Problem(typeof(Ar2Coefficient), typeof(Ar2CoefficientGuide))]
    public partial class Ar2CoefficientProblem { }

    // AR(1) on observed Y with a latent init in each region: Y0 ~ N(1, 2), Y_t ~ N(0.6 Y_{t-1}, 0.8) with Y_{-1} = Y0.
    [Plate]
    public partial class Ar1LatentInit
    {
        [Plate]
        public partial class Regions
        {
            [Latent] static Normal Y0() => new(1.0, 2.0);

            [Plate]
            public partial class T
            {
                [Data, Timeseries("Y0")] static Normal Y(Tensor prev) => new(0.6 * prev, 0.8);
            }
        }
    }

    [Plate]
    public partial class Ar1LatentInitGuide
    {
        [Plate]
        public partial class Regions
        {
            [Latent] static Normal Y0([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        }
    }

    [Problem(typeof(Ar1LatentInit), typeof(Ar1LatentInitGuide))]
    public partial class Ar1LatentInitProblem { }
}
