using System;
using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests.Models
{
    // A bimodal prior as a Mixture latent: z ~ 0.3 N(-2, 1) + 0.7 N(2, 1), y_i ~ N(z, 1).
    // Q is a Mixture too (not reparameterised: RWS), with learned weights and locations.
    [Plate]
    public partial class MixturePrior
    {
        [Latent] static Mixture Z() =>
            new(torch.tensor(new[] { Math.Log(0.3), Math.Log(0.7) }), new Normal(-2.0, 1.0), new Normal(2.0, 1.0));

        [Plate]
        public partial class Points
        {
            [Data] static Normal Y(Tensor z) => new(z, 1.0);
        }
    }

    [Plate]
    public partial class MixturePriorGuide
    {
        [Latent] static Mixture Z([Param(0.0, Shape = new long[] { 2 })] Tensor logits, [Param(-1.0)] Tensor low, [Param(1.0)] Tensor high,
                                  [Param(0.0)] Tensor logScale) =>
            new(logits, new Normal(low, logScale.exp()), new Normal(high, logScale.exp()));
    }

    [Problem(typeof(MixturePrior), typeof(MixturePriorGuide))]
    public partial class MixturePriorProblem { }
}
