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

    [Problem(typeof(NormalMixture))]
    public partial class NormalMixtureProblem { }
}
