// Occupancy (North American Breeding Bird Survey): the original alan's occupancy model on its seed-0 subsample.
// Plates: Birds (12) > Years (6) > Ids (200 train + 100 test) > Replicate (5). Z (was the bird present?) is a
// discrete latent, so this model trains with RWS or QEM only. Data note: like the original, Weather is the raw
// start temperature (0-85, not standardised), which makes Z's logit BirdYearMean * Weather * Beta very steep.
using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Samples.Occupancy
{
    [Plate]
    public partial class Occupancy
    {
        [Latent] static Normal BirdMeanMean() => new(0.0, 1.0);     // how common is any bird?
        [Latent] static Normal BirdMeanLogVar() => new(0.0, 1.0);
        [Latent] static Normal AlphaMean() => new(0.0, 1.0);        // effect of survey quality on seeing a bird
        [Latent] static Normal AlphaLogVar() => new(0.0, 1.0);
        [Latent] static Normal BetaMean() => new(0.0, 1.0);         // effect of weather on a bird's presence
        [Latent] static Normal BetaLogVar() => new(0.0, 1.0);

        [Plate]
        public partial class Birds
        {
            [Latent] static Normal BirdMean(Tensor birdMeanMean, Tensor birdMeanLogVar) => new(birdMeanMean, birdMeanLogVar.exp());
            [Latent] static Normal Alpha(Tensor alphaMean, Tensor alphaLogVar) => new(alphaMean, alphaLogVar.exp());
            [Latent] static Normal Beta(Tensor betaMean, Tensor betaLogVar) => new(betaMean, betaLogVar.exp());

            [Plate]
            public partial class Years
            {
                [Latent] static Normal BirdYearMean(Tensor birdMean) => new(birdMean, 1.0);

                [Plate, Input("Weather"), Input("Quality")]
                public partial class Ids
                {
                    [Latent] static Bernoulli Z(Tensor birdYearMean, Tensor weather, Tensor beta) => new(logits: birdYearMean * weather * beta);

                    [Plate]
                    public partial class Replicate
                    {
                        // seen ~ Bernoulli(logit alpha * quality if present, -10 if absent)
                        [Data] static Bernoulli Seen(Tensor alpha, Tensor quality, Tensor z) => new(logits: alpha * quality * z + (1 - z) * (-10.0));
                    }
                }
            }
        }
    }

    // Q for RWS: Normal(loc, exp logScale); the six hyper-latents grouped, the three bird latents grouped; Z is
    // proposed from its prior given Q's BirdYearMean and Beta (as in the original).
    [Plate]
    public partial class OccupancyGuide
    {
        [Latent(Group = "Globals")] static Normal BirdMeanMean([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        [Latent(Group = "Globals")] static Normal BirdMeanLogVar([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        [Latent(Group = "Globals")] static Normal AlphaMean([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        [Latent(Group = "Globals")] static Normal AlphaLogVar([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        [Latent(Group = "Globals")] static Normal BetaMean([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        [Latent(Group = "Globals")] static Normal BetaLogVar([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

        [Plate]
        public partial class Birds
        {
            [Latent(Group = "BirdLatents")] static Normal BirdMean([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
            [Latent(Group = "BirdLatents")] static Normal Alpha([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
            [Latent(Group = "BirdLatents")] static Normal Beta([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

            [Plate]
            public partial class Years
            {
                [Latent] static Normal BirdYearMean([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

                [Plate]
                public partial class Ids
                {
                    [Latent] static Bernoulli Z(Tensor birdYearMean, Tensor weather, Tensor beta) => new(logits: birdYearMean * weather * beta);

                    [Plate] public partial class Replicate { }
                }
            }
        }
    }

    // Q for QEM: the same groups with moment-matched Normal(loc, scale), starting at N(0, 1); Z as above.
    [Plate]
    public partial class OccupancyQemGuide
    {
        [Latent(Group = "Globals")] static Normal BirdMeanMean([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);
        [Latent(Group = "Globals")] static Normal BirdMeanLogVar([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);
        [Latent(Group = "Globals")] static Normal AlphaMean([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);
        [Latent(Group = "Globals")] static Normal AlphaLogVar([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);
        [Latent(Group = "Globals")] static Normal BetaMean([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);
        [Latent(Group = "Globals")] static Normal BetaLogVar([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);

        [Plate]
        public partial class Birds
        {
            [Latent(Group = "BirdLatents")] static Normal BirdMean([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);
            [Latent(Group = "BirdLatents")] static Normal Alpha([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);
            [Latent(Group = "BirdLatents")] static Normal Beta([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);

            [Plate]
            public partial class Years
            {
                [Latent] static Normal BirdYearMean([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);

                [Plate]
                public partial class Ids
                {
                    [Latent] static Bernoulli Z(Tensor birdYearMean, Tensor weather, Tensor beta) => new(logits: birdYearMean * weather * beta);

                    [Plate] public partial class Replicate { }
                }
            }
        }
    }

    [Problem(typeof(Occupancy), typeof(OccupancyGuide))]
    public partial class OccupancyProblem { }

    [Problem(typeof(Occupancy), typeof(OccupancyQemGuide))]
    public partial class OccupancyQemProblem { }
}
