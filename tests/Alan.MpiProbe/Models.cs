using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.MpiProbe
{
    // A global mean and scale, one local latent per unit and a P parameter: enough to exercise every kind of tensor the
    // sharded plate shares with the root (global particles, global Q and P parameters) or keeps (local ones).
    [Plate]
    [Param("LogNoise", -0.5)]
    public partial class Units
    {
        [Latent] static Normal Mu() => new(0.0, 1.0);
        [Latent] static Normal LogSigma() => new(0.0, 0.5);

        [Plate]
        public partial class Unit
        {
            [Latent] static Normal Z(Tensor mu, Tensor logSigma) => new(mu, logSigma.exp());
            [Data] static Normal Obs(Tensor z, Tensor logNoise) => new(z, logNoise.exp());
        }
    }

    [Plate]
    public partial class UnitsGuide
    {
        [Latent(Group = "Globals")] static Normal Mu([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        [Latent(Group = "Globals")] static Normal LogSigma([Param(0.0)] Tensor loc, [Param(-1.0)] Tensor logScale) => new(loc, logScale.exp());

        [Plate]
        public partial class Unit
        {
            [Latent] static Normal Z([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        }
    }

    [Problem(typeof(Units), typeof(UnitsGuide))]
    public partial class UnitsProblem { }

    // Only global latents: every rank draws exactly what one process draws, so the sharded results equal its results.
    [Plate]
    [Param("Shift", 0.1)]
    public partial class Mean
    {
        [Latent] static Normal Mu() => new(0.0, 1.0);
        [Latent] static Normal LogSigma() => new(0.0, 0.5);

        [Plate]
        public partial class Item
        {
            [Data] static Normal Value(Tensor mu, Tensor logSigma, Tensor shift) => new(mu + shift, logSigma.exp());
        }
    }

    [Plate]
    public partial class MeanGuide
    {
        [Latent(Group = "Globals")] static Normal Mu([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        [Latent(Group = "Globals")] static Normal LogSigma([Param(0.0)] Tensor loc, [Param(-1.0)] Tensor logScale) => new(loc, logScale.exp());
    }

    [Problem(typeof(Mean), typeof(MeanGuide))]
    public partial class MeanProblem { }
}
