using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Bench
{
    // A wide model for ComputationStrategy.Split: a root latent and a plate of 10,000 plated latents,
    // so the plate's factors hold K x K x 10,000 elements.
    [Plate]
    public partial class Wide
    {
        [Latent] static Normal Mean() => new(0.0, 1.0);

        [Plate]
        public partial class Items
        {
            [Latent] static Normal Z(Tensor mean) => new(mean, 1.0);
            [Data] static Normal Y(Tensor z) => new(z, 0.5);
        }
    }

    [Plate]
    public partial class WideGuide
    {
        [Latent] static Normal Mean([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

        [Plate]
        public partial class Items
        {
            [Latent] static Normal Z([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        }
    }

    [Problem(typeof(Wide), typeof(WideGuide))]
    public partial class WideProblem { }
}
