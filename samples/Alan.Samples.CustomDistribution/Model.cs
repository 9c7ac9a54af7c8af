// Germination: seed lots whose germination probabilities vary around a common shape. The probabilities are
// Kumaraswamy-distributed in P, and Q proposes them from a Kumaraswamy too: the user-defined distribution of
// Kumaraswamy.cs is used like any of Alan's own.
using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Samples.CustomDistribution
{
    // P: log a, log b ~ N(1, 0.5); per lot, the germination probability Theta ~ Kumaraswamy(a, b); per seed of the lot,
    // Germinated ~ Bernoulli(Theta).
    [Plate]
    public partial class Germination
    {
        [Latent] static Normal LogA() => new(1.0, 0.5);
        [Latent] static Normal LogB() => new(1.0, 0.5);

        [Plate]
        public partial class Lots
        {
            [Latent] static Kumaraswamy Theta(Tensor logA, Tensor logB) => new(logA.exp(), logB.exp());

            [Plate]
            public partial class Seeds
            {
                [Data] static Bernoulli Germinated(Tensor theta) => new(probs: theta);
            }
        }
    }

    // Q: Normals for log a and log b, sharing one particle dimension, starting at N(0, 1); per lot, Theta ~ Kumaraswamy
    // with its own two learnt log-exponents (one value per lot), starting at Kumaraswamy(1, 1), the uniform distribution.
    [Plate]
    public partial class GerminationGuide
    {
        [Latent(Group = "Shape")] static Normal LogA([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        [Latent(Group = "Shape")] static Normal LogB([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

        [Plate]
        public partial class Lots
        {
            [Latent] static Kumaraswamy Theta([Param(0.0)] Tensor lotLogA, [Param(0.0)] Tensor lotLogB) => new(lotLogA.exp(), lotLogB.exp());
        }
    }

    [Problem(typeof(Germination), typeof(GerminationGuide))]
    public partial class GerminationProblem { }
}
