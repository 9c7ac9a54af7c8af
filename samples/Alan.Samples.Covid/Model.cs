using System;
using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Samples.Covid
{
    // P: NPI effectiveness (the original alan covid experiment). Log infections follow a random walk per region
    // whose daily growth is the region's R plus the effects of the active interventions, mask wearing and mobility.
    [Plate]
    public partial class Covid
    {
        [Latent] static Normal CMAlpha() => new(zeros(9), ones(9));
        [Latent] static Normal WearingAlpha() => new(0.0, 0.4);
        [Latent] static Normal MobilityAlpha() => new(1.704, 0.44);
        [Latent] static Normal RegionR() => new(1.07, 0.6);
        [Latent] static Normal InitialSizeLogMean() => new(Math.Log(1000.0), 0.5);
        [Latent] static Normal LogInfectedNoiseMean() => new(Math.Log(0.01), 0.25);

        [Plate]
        public partial class Regions
        {
            [Latent] static Normal InitialSizeLog(Tensor initialSizeLogMean) => new(initialSizeLogMean, 0.5);
            [Latent] static Normal LogInfectedNoise(Tensor logInfectedNoiseMean) => new(logInfectedNoiseMean, 0.25);
            [Latent] static Normal Psi() => new(0.0, 1.0);

            [Plate, Input("NPIs", Shape = new long[] { 9 }), Input("Wearing"), Input("Mobility")]
            public partial class Days
            {
                [Latent, Timeseries("InitialSizeLog")]
                static Normal LogInfected(Tensor prev, Tensor regionR, Tensor cMAlpha, Tensor nPIs, Tensor wearingAlpha, Tensor wearing,
                                          Tensor mobilityAlpha, Tensor mobility, Tensor logInfectedNoise)
                    => new(regionR + (cMAlpha * nPIs).sum(-1) + wearingAlpha * wearing + mobilityAlpha * mobility + prev, logInfectedNoise.exp());

                [Data]
                static NegativeBinomial Obs(Tensor psi, Tensor logInfected)
                    => new(psi.exp(), probs: 1.0 / ((psi - logInfected).exp() + 1.0 + 1e-7));
            }
        }
    }

    // Q for VI and RWS: the globals share one particle dim, so do a region's latents; log infections are
    // mean-field (one Normal per region and day).
    [Plate]
    public partial class CovidGuide
    {
        [Latent(Group = "Globals")]
        static Normal CMAlpha([Param(0.0, Shape = new long[] { 9 })] Tensor loc, [Param(-1.0, Shape = new long[] { 9 })] Tensor logScale)
            => new(loc, logScale.exp());
        [Latent(Group = "Globals")] static Normal WearingAlpha([Param(0.0)] Tensor loc, [Param(-1.0)] Tensor logScale) => new(loc, logScale.exp());
        [Latent(Group = "Globals")] static Normal MobilityAlpha([Param(1.704)] Tensor loc, [Param(-1.0)] Tensor logScale) => new(loc, logScale.exp());
        [Latent(Group = "Globals")] static Normal RegionR([Param(1.07)] Tensor loc, [Param(-1.0)] Tensor logScale) => new(loc, logScale.exp());
        [Latent(Group = "Globals")] static Normal InitialSizeLogMean([Param(6.9)] Tensor loc, [Param(-1.0)] Tensor logScale) => new(loc, logScale.exp());
        [Latent(Group = "Globals")] static Normal LogInfectedNoiseMean([Param(-4.6)] Tensor loc, [Param(-1.0)] Tensor logScale) => new(loc, logScale.exp());

        [Plate]
        public partial class Regions
        {
            [Latent(Group = "Region")] static Normal InitialSizeLog([Param(6.9)] Tensor loc, [Param(-1.0)] Tensor logScale) => new(loc, logScale.exp());
            [Latent(Group = "Region")] static Normal LogInfectedNoise([Param(-4.6)] Tensor loc, [Param(-1.0)] Tensor logScale) => new(loc, logScale.exp());
            [Latent(Group = "Region")] static Normal Psi([Param(0.0)] Tensor loc, [Param(-1.0)] Tensor logScale) => new(loc, logScale.exp());

            [Plate]
            public partial class Days
            {
                [Latent] static Normal LogInfected([Param(0.0)] Tensor loc, [Param(-1.0)] Tensor logScale) => new(loc, logScale.exp());
            }
        }
    }

    [Problem(typeof(Covid), typeof(CovidGuide))]
    public partial class CovidProblem { }

    // Q for QEM: the same structure with moving-average (QEM) Normals (DESIGN 4.8).
    [Plate]
    public partial class CovidQemGuide
    {
        [Latent(Group = "Globals")]
        static Normal CMAlpha([QemParam(0.0, Shape = new long[] { 9 })] Tensor loc, [QemParam(0.3, Shape = new long[] { 9 })] Tensor scale) => new(loc, scale);
        [Latent(Group = "Globals")] static Normal WearingAlpha([QemParam(0.0)] Tensor loc, [QemParam(0.3)] Tensor scale) => new(loc, scale);
        [Latent(Group = "Globals")] static Normal MobilityAlpha([QemParam(1.704)] Tensor loc, [QemParam(0.3)] Tensor scale) => new(loc, scale);
        [Latent(Group = "Globals")] static Normal RegionR([QemParam(1.07)] Tensor loc, [QemParam(0.3)] Tensor scale) => new(loc, scale);
        [Latent(Group = "Globals")] static Normal InitialSizeLogMean([QemParam(6.9)] Tensor loc, [QemParam(0.3)] Tensor scale) => new(loc, scale);
        [Latent(Group = "Globals")] static Normal LogInfectedNoiseMean([QemParam(-4.6)] Tensor loc, [QemParam(0.3)] Tensor scale) => new(loc, scale);

        [Plate]
        public partial class Regions
        {
            [Latent(Group = "Region")] static Normal InitialSizeLog([QemParam(6.9)] Tensor loc, [QemParam(0.3)] Tensor scale) => new(loc, scale);
            [Latent(Group = "Region")] static Normal LogInfectedNoise([QemParam(-4.6)] Tensor loc, [QemParam(0.3)] Tensor scale) => new(loc, scale);
            [Latent(Group = "Region")] static Normal Psi([QemParam(0.0)] Tensor loc, [QemParam(0.3)] Tensor scale) => new(loc, scale);

            [Plate]
            public partial class Days
            {
                [Latent] static Normal LogInfected([QemParam(0.0)] Tensor loc, [QemParam(0.3)] Tensor scale) => new(loc, scale);
            }
        }
    }

    [Problem(typeof(Covid), typeof(CovidQemGuide))]
    public partial class CovidQemProblem { }
}
