using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests.Models
{
    // A global mean and one local latent per unit: the plate of units is what subsampling and sharding cut.
    [Plate]
    public partial class Units
    {
        [Latent] static Normal Mu() => new(0.0, 1.0);

        [Plate]
        public partial class Unit
        {
            [Latent] static Normal Z(Tensor mu) => new(mu, 1.0);
            [Data] static Normal Obs(Tensor z) => new(z, 0.5);
        }
    }

    [Plate]
    public partial class UnitsGuide
    {
        [Latent] static Normal Mu([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

        [Plate]
        public partial class Unit
        {
            [Latent] static Normal Z([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        }
    }

    [Problem(typeof(Units), typeof(UnitsGuide))]
    public partial class UnitsProblem { }
}
