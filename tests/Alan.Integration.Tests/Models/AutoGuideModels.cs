using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests.Models
{
    // A straight line through uncentred x: the intercept and slope are strongly (negatively) correlated a posteriori.
    [Plate]
    public partial class AutoLine
    {
        [Latent] static Normal Intercept() => new(0.0, 3.0);
        [Latent] static Normal Slope() => new(0.0, 3.0);

        [Plate, Input("X")]
        public partial class Points
        {
            [Data] static Normal Y(Tensor intercept, Tensor slope, Tensor x) => new(intercept + slope * x, 0.5);
        }
    }

    [Problem(typeof(AutoLine))]
    public partial class AutoLineProblem { }

    [Problem(typeof(AutoLine), AutoGuide = AutoGuide.MeanField)]
    public partial class AutoLineMeanFieldProblem { }

    [Problem(typeof(AutoLine), AutoGuide = AutoGuide.Qem)]
    public partial class AutoLineQemProblem { }

    // The same line with both coefficients in one vector latent.
    [Plate]
    public partial class AutoVectorLine
    {
        [Latent] static Normal Coefficients() => new(torch.zeros(2, dtype: ScalarType.Float64), 3.0);

        [Plate, Input("Design", Shape = new long[] { 2 })]
        public partial class Points
        {
            [Data] static Normal Y(Tensor coefficients, Tensor design) => new((coefficients * design).sum(-1), 0.5);
        }
    }

    [Problem(typeof(AutoVectorLine))]
    public partial class AutoVectorLineProblem { }

    // An unknown scale: y_i ~ N(0, sigma), sigma ~ HalfNormal(2) (positive: the guide pushes a normal through exp).
    [Plate]
    public partial class AutoScale
    {
        [Latent] static HalfNormal Sigma() => new(2.0);

        [Plate]
        public partial class Points
        {
            [Data] static Normal Y(Tensor sigma) => new(0.0, sigma);
        }
    }

    [Problem(typeof(AutoScale))]
    public partial class AutoScaleProblem { }

    [Problem(typeof(AutoScale), AutoGuide = AutoGuide.MeanField)]
    public partial class AutoScaleMeanFieldProblem { }

    // A discrete latent per point: z_i ~ Bernoulli(0.3), y_i ~ N(2 z_i - 1, 1).
    [Plate]
    public partial class AutoSwitch
    {
        [Plate]
        public partial class Points
        {
            [Latent] static Bernoulli Z() => new(probs: 0.3);
            [Data] static Normal Y(Tensor z) => new(2.0 * z - 1.0, 1.0);
        }
    }

    [Problem(typeof(AutoSwitch))]
    public partial class AutoSwitchProblem { }

    // A wide regression: 70 coefficients in one vector latent (more than the 64 past which the derived root block gives a
    // vector a low-rank-plus-diagonal covariance), then an intercept that reads them.
    [Plate]
    public partial class AutoWideRegression
    {
        [Latent] static Normal Coefficients() => new(torch.zeros(70, dtype: ScalarType.Float64), 1.0);
        [Latent] static Normal Intercept() => new(0.0, 5.0);

        [Plate, Input("Design", Shape = new long[] { 70 })]
        public partial class Points
        {
            [Data] static Normal Y(Tensor coefficients, Tensor intercept, Tensor design) => new(intercept + (coefficients * design).sum(-1), 1.0);
        }
    }

    [Problem(typeof(AutoWideRegression))]
    public partial class AutoWideRegressionProblem { }
}
