using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Validation.Tests.Models
{
    /// <summary>
    /// mixture: w ~ Beta(2, 2), mu ~ Ordered(N(0, 5^2), 2) (mu_1 &lt; mu_2), y_n ~ w N(mu_1, 1) + (1 - w) N(mu_2, 1).
    /// </summary>
    [Plate]
    public partial class NormalMixture
    {
        [Latent] static Beta W() => new(2.0, 2.0);
        [Latent] static Ordered Mu() => new(new Normal(0.0, 5.0), 2);

        [Plate]
        public partial class Points
        {
            [Data]
            static Mixture Y(Tensor w, Tensor mu) =>
                new(torch.stack(new[] { w.log(), (-w).log1p() }, -1), new Normal(mu.select(-1, 0), 1.0), new Normal(mu.select(-1, 1), 1.0));
        }
    }

    /// <summary>
    /// The automatic default guide for <see cref="NormalMixture"/>: W = sigmoid(a normal) then Mu through the ordered
    /// bijector (mu_1 = x_1, mu_2 = x_1 + exp(x_2)) from a bivariate normal over (x_1, x_2) whose mean is linear in
    /// logit(W) and whose scale is a learned lower-triangular matrix. W starts at logit 0 (the prior mean 1/2) with unit
    /// scale; x starts at (0, log 5) (the component's location, a gap of one prior sd) with scales (5, 1).
    /// </summary>
    [Plate]
    public partial class NormalMixtureGuide
    {
        static double[] MuStartLoc => new[] { 0.0, 1.6094379124341003 };       // (0, log 5)
        static double[] MuStartLogScale => new[] { 1.6094379124341003, 0.0 };  // (log 5, log 1)

        [Latent(Group = "Root")]
        static Transformed W([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) =>
            new(new Normal(loc, logScale.exp()), Bijector.UnitInterval);

        [Latent(Group = "Root")]
        static Transformed Mu(Tensor w,
            [Param(InitFrom = nameof(MuStartLoc), Shape = new long[] { 2 })] Tensor loc,
            [Param(0.0, Shape = new long[] { 2 })] Tensor wWeight,
            [Param(InitFrom = nameof(MuStartLogScale), Shape = new long[] { 2 })] Tensor logScale,
            [Param(0.0, Shape = new long[] { 2, 2 })] Tensor lowerScale) =>
            new(new MultivariateNormal(loc + wWeight * (w.log() - (-w).log1p()).unsqueeze(-1), scaleTril: GuideScales.LowerTriangular(logScale, lowerScale)),
                Bijector.Ordered);
    }

    [Problem(typeof(NormalMixture), typeof(NormalMixtureGuide))]
    public partial class NormalMixtureProblem { }
}
