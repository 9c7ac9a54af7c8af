using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests.Models
{
    // (ii) a ~ N(2, 2), z_t ~ N(a, 1.3), d_t ~ N(z_t, 1.5); Q fixed: a ~ N(1, 4), z_t ~ N(1.5 a, 3.5).
    [Plate]
    public partial class CjPlate
    {
        [Latent] static Normal A() => new(2.0, 2.0);

        [Plate]
        public partial class T
        {
            [Latent] static Normal Z(Tensor a) => new(a, 1.3);
            [Data] static Normal D(Tensor z) => new(z, 1.5);
        }
    }

    [Plate]
    public partial class CjPlateGuide
    {
        [Latent] static Normal A() => new(1.0, 4.0);

        [Plate]
        public partial class T
        {
            [Latent] static Normal Z(Tensor a) => new(1.5 * a, 3.5);
        }
    }

    [Problem(typeof(CjPlate), typeof(CjPlateGuide))]
    public partial class CjPlateProblem { }

    // (iii) a ~ N(2, 1), b ~ N(a, 1), d_t ~ N(b, 3); Q correlated: a ~ N(1.5, 2), b ~ N(a + 0.5, 2).
    [Plate]
    public partial class CjCorr
    {
        [Latent] static Normal A() => new(2.0, 1.0);
        [Latent] static Normal B(Tensor a) => new(a, 1.0);

        [Plate]
        public partial class T
        {
            [Data] static Normal D(Tensor b) => new(b, 3.0);
        }
    }

    [Plate]
    public partial class CjCorrGuide
    {
        [Latent] static Normal A() => new(1.5, 2.0);
        [Latent] static Normal B(Tensor a) => new(a + 0.5, 2.0);
    }

    [Problem(typeof(CjCorr), typeof(CjCorrGuide))]
    public partial class CjCorrProblem { }

    // (iv) the same P with the two Q latents in one group (one particle dimension).
    [Plate]
    public partial class CjCorrGroupedGuide
    {
        [Latent(Group = "AB")] static Normal A() => new(1.5, 2.0);
        [Latent(Group = "AB")] static Normal B(Tensor a) => new(a + 0.5, 2.0);
    }

    [Problem(typeof(CjCorr), typeof(CjCorrGroupedGuide))]
    public partial class CjCorrGroupedProblem { }

    // Beta-Bernoulli: p ~ Beta(2, 3), x_t ~ Bernoulli(p); Q p ~ Beta(1.5, 2).
    [Plate]
    public partial class BetaBern
    {
        [Latent] static Beta Prob() => new(2.0, 3.0);

        [Plate]
        public partial class T
        {
            [Data] static Bernoulli X(Tensor prob) => new(probs: prob);
        }
    }

    [Plate]
    public partial class BetaBernGuide
    {
        [Latent] static Beta Prob() => new(1.5, 2.0);
    }

    [Problem(typeof(BetaBern), typeof(BetaBernGuide))]
    public partial class BetaBernProblem { }

    // RWS with a discrete latent: z ~ Bernoulli(0.3), x_t ~ N(2 z - 1, 1); Q z ~ Bernoulli(logits = param).
    [Plate]
    public partial class RwsBern
    {
        [Latent] static Bernoulli Z() => new(probs: 0.3);

        [Plate]
        public partial class T
        {
            [Data] static Normal X(Tensor z) => new(2 * z - 1, 1.0);
        }
    }

    [Plate]
    public partial class RwsBernGuide
    {
        [Latent] static Bernoulli Z([Param(0.0)] Tensor logits) => new(logits: logits);
    }

    [Problem(typeof(RwsBern), typeof(RwsBernGuide))]
    public partial class RwsBernProblem { }

    // A learnable parameter in P (prior mean of Mu) and in Q (loc, logScale of Mu).
    [Plate]
    public partial class GradModel
    {
        [Latent] static Normal Mu([Param(0.0)] Tensor priorLoc) => new(priorLoc, 1.0);

        [Plate]
        public partial class P1
        {
            [Data] static Normal Obs(Tensor mu) => new(mu, 1.0);
        }
    }

    [Plate]
    public partial class GradModelGuide
    {
        [Latent] static Normal Mu([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
    }

    [Problem(typeof(GradModel), typeof(GradModelGuide))]
    public partial class GradModelProblem { }
}
