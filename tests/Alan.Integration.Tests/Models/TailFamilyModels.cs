using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests.Models
{
    // mu ~ TruncatedNormal(0.5, 2, -1, 3), y_t ~ N(mu, 1); Q: mu ~ TruncatedNormal(loc, exp(logScale), -1, 3) (same support).
    [Plate]
    public partial class TruncMean
    {
        [Latent] static TruncatedNormal Mu() => new(0.5, 2.0, -1.0, 3.0);

        [Plate]
        public partial class T
        {
            [Data] static Normal Y(Tensor mu) => new(mu, 1.0);
        }
    }

    [Plate]
    public partial class TruncMeanGuide
    {
        [Latent] static TruncatedNormal Mu([Param(0.5)] Tensor loc, [Param(0.5)] Tensor logScale) =>
            new(loc, logScale.exp(), -1.0, 3.0);
        [Plate] public partial class T { }
    }

    [Problem(typeof(TruncMean), typeof(TruncMeanGuide))]
    public partial class TruncMeanProblem { }

    // sigma ~ HalfStudentT(3, 1), y_t ~ N(0, sigma); Q: sigma ~ LogNormal(loc, exp(logScale)) (both positive).
    [Plate]
    public partial class HalfTScale
    {
        [Latent] static HalfStudentT Sigma() => new(3.0, 1.0);

        [Plate]
        public partial class T
        {
            [Data] static Normal Y(Tensor sigma) => new(0.0, sigma);
        }
    }

    [Plate]
    public partial class HalfTScaleGuide
    {
        [Latent] static LogNormal Sigma([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        [Plate] public partial class T { }
    }

    [Problem(typeof(HalfTScale), typeof(HalfTScaleGuide))]
    public partial class HalfTScaleProblem { }

    // The same P with Q sigma ~ HalfNormal(exp(logScale)) and ~ Gamma(exp(a), exp(b)): positive supports agree.
    [Plate]
    public partial class HalfTScaleHalfNormalGuide
    {
        [Latent] static HalfNormal Sigma([Param(0.0)] Tensor logScale) => new(logScale.exp());
        [Plate] public partial class T { }
    }

    [Problem(typeof(HalfTScale), typeof(HalfTScaleHalfNormalGuide))]
    public partial class HalfTScaleHalfNormalProblem { }

    [Plate]
    public partial class HalfTScaleGammaGuide
    {
        [Latent] static Gamma Sigma([Param(1.0)] Tensor logConcentration, [Param(1.0)] Tensor logRate) =>
            new(logConcentration.exp(), logRate.exp());
        [Plate] public partial class T { }
    }

    [Problem(typeof(HalfTScale), typeof(HalfTScaleGammaGuide))]
    public partial class HalfTScaleGammaProblem { }
}
