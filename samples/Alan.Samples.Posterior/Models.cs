using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Samples.Posterior
{
    // ---- Part 1: a grouped regression with nested plates -----------------------------------------
    //
    // GlobalMean ~ N(0, 1), GlobalLogScale ~ N(0, 0.5^2)
    // for each group g (plate Groups):
    //     GroupMean[g]  ~ N(GlobalMean, exp(GlobalLogScale)^2)
    //     GroupSlope[g] ~ N(0, 1)
    //     for each item i of the group (plate Items, input X[g, i]):
    //         Y[g, i] ~ N(GroupMean[g] + GroupSlope[g] * X[g, i], 0.5^2)
    [Plate]
    public partial class Grouped
    {
        [Latent] static Normal GlobalMean() => new(0.0, 1.0);
        [Latent] static Normal GlobalLogScale() => new(0.0, 0.5);

        [Plate]
        public partial class Groups
        {
            [Latent] static Normal GroupMean(Tensor globalMean, Tensor globalLogScale) => new(globalMean, globalLogScale.exp());
            [Latent] static Normal GroupSlope() => new(0.0, 1.0);

            [Plate, Input("X")]
            public partial class Items
            {
                [Data] static Normal Y(Tensor groupMean, Tensor groupSlope, Tensor x) => new(groupMean + groupSlope * x, 0.5);
            }
        }
    }

    // Q: the two root latents share one particle dimension (group "Globals"), and so do the two per-group latents
    // (group "PerGroup": their factor with the data is K x Groups rather than K^2 x Groups); every latent has its own
    // learnt location and log-scale, one value per plate element for the per-group latents.
    [Plate]
    public partial class GroupedGuide
    {
        [Latent(Group = "Globals")]
        static Normal GlobalMean([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

        [Latent(Group = "Globals")]
        static Normal GlobalLogScale([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

        [Plate]
        public partial class Groups
        {
            [Latent(Group = "PerGroup")]
            static Normal GroupMean([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

            [Latent(Group = "PerGroup")]
            static Normal GroupSlope([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

            [Plate] public partial class Items { }
        }
    }

    [Problem(typeof(Grouped), typeof(GroupedGuide))]
    public partial class GroupedProblem { }

    // ---- Part 2: parameters in P and in Q ----------------------------------------------------------
    //
    // A hierarchical model whose spread and noise are unknown constants (empirical Bayes):
    // Mu ~ N(0, 2^2)
    // for each cluster c (plate Clusters):
    //     Z[c] ~ N(Mu, exp(LogTau)^2)
    //     for each point j (plate Points):
    //         Y[c, j] ~ N(Z[c], exp(LogSigma)^2)
    // LogTau and LogSigma are plate-level parameters of P (shared by everything below the root).
    [Plate, Param("LogTau", 0.0), Param("LogSigma", 0.0)]
    public partial class Clustered
    {
        [Latent] static Normal Mu() => new(0.0, 2.0);

        [Plate]
        public partial class Clusters
        {
            [Latent] static Normal Z(Tensor mu, Tensor logTau) => new(mu, logTau.exp());

            [Plate]
            public partial class Points
            {
                [Data] static Normal Y(Tensor z, Tensor logSigma) => new(z, logSigma.exp());
            }
        }
    }

    // Q: Mu's proposal is fitted by QEM (moment matching, no gradients); each Z[c] has a location and a
    // log-scale trained by gradients.
    [Plate]
    public partial class ClusteredGuide
    {
        [Latent] static Normal Mu([QemParam(0.0)] Tensor loc, [QemParam(2.0)] Tensor scale) => new(loc, scale);

        [Plate]
        public partial class Clusters
        {
            [Latent] static Normal Z([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

            [Plate] public partial class Points { }
        }
    }

    [Problem(typeof(Clustered), typeof(ClusteredGuide))]
    public partial class ClusteredProblem { }
}
