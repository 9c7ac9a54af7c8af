using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.MemoryProbe
{
    // A root latent and one latent per item: the factor of X holds K_Mu x K_X x Items elements.
    [Plate]
    public partial class Hierarchy
    {
        [Latent] static Normal Mu() => new(0.0, 1.0);

        [Plate]
        public partial class Items
        {
            [Latent] static Normal X(Tensor mu) => new(mu, 1.0);
            [Data] static Normal Obs(Tensor x) => new(x, 1.0);
        }
    }

    [Plate]
    public partial class HierarchyGuide
    {
        [Latent] static Normal Mu([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

        [Plate]
        public partial class Items
        {
            [Latent] static Normal X([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        }
    }

    [Problem(typeof(Hierarchy), typeof(HierarchyGuide))]
    public partial class HierarchyProblem { }
}
