// Chimpanzees (Silk et al. 2005, prosocial choice): the original alan's model on its tensor form of the data.
// Plates: Actors (7) > Blocks (6) > Repeats (10 train + 2 test). Data note: like the original, "Blocks" is the
// raw file's rows taken 12 at a time per actor (make_data.py's reshape), not the experiment's block column: each
// slice holds 6 trials of each of two blocks, all of one condition. We reproduce the original's model on its data.
using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Samples.Chimpanzees
{
    [Plate]
    public partial class Chimps
    {
        [Latent] static Normal SigmaBlock() => new(0.0, 1.0);
        [Latent] static Normal SigmaActor() => new(0.0, 1.0);
        [Latent] static Normal BetaPC() => new(0.0, 10.0);
        [Latent] static Normal BetaP() => new(0.0, 10.0);
        [Latent] static Normal Alpha() => new(0.0, 10.0);

        [Plate]
        public partial class Actors
        {
            [Latent] static Normal AlphaActor(Tensor sigmaActor) => new(0.0, sigmaActor.exp());

            [Plate]
            public partial class Blocks
            {
                [Latent] static Normal AlphaBlock(Tensor sigmaBlock) => new(0.0, sigmaBlock.exp());

                [Plate, Input("Condition"), Input("ProsocLeft")]
                public partial class Repeats
                {
                    // pulled the left lever ~ Bernoulli(logit = intercepts + (prosocial-left effect, larger with a partner) * prosoc_left)
                    [Data]
                    static Bernoulli PulledLeft(Tensor alpha, Tensor alphaActor, Tensor alphaBlock, Tensor betaP, Tensor betaPC, Tensor condition,
                                                Tensor prosocLeft)
                        => new(logits: alpha + alphaActor + alphaBlock + (betaP + betaPC * condition) * prosocLeft);
                }
            }
        }
    }

    // Q for VI and RWS: Normal(loc, exp logScale), the five globals grouped; the N(0, 10) ones start at scale 10.
    [Plate]
    public partial class ChimpsGuide
    {
        [Latent(Group = "Globals")] static Normal SigmaBlock([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        [Latent(Group = "Globals")] static Normal SigmaActor([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        [Latent(Group = "Globals")] static Normal BetaPC([Param(0.0)] Tensor loc, [Param(2.302585092994046)] Tensor logScale) => new(loc, logScale.exp());
        [Latent(Group = "Globals")] static Normal BetaP([Param(0.0)] Tensor loc, [Param(2.302585092994046)] Tensor logScale) => new(loc, logScale.exp());
        [Latent(Group = "Globals")] static Normal Alpha([Param(0.0)] Tensor loc, [Param(2.302585092994046)] Tensor logScale) => new(loc, logScale.exp());

        [Plate]
        public partial class Actors
        {
            [Latent] static Normal AlphaActor([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

            [Plate]
            public partial class Blocks
            {
                [Latent] static Normal AlphaBlock([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

                [Plate] public partial class Repeats { }
            }
        }
    }

    // Q for QEM: the same structure with moment-matched Normal(loc, scale), starting at the priors' scales.
    [Plate]
    public partial class ChimpsQemGuide
    {
        [Latent(Group = "Globals")] static Normal SigmaBlock([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);
        [Latent(Group = "Globals")] static Normal SigmaActor([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);
        [Latent(Group = "Globals")] static Normal BetaPC([QemParam(0.0)] Tensor loc, [QemParam(10.0)] Tensor scale) => new(loc, scale);
        [Latent(Group = "Globals")] static Normal BetaP([QemParam(0.0)] Tensor loc, [QemParam(10.0)] Tensor scale) => new(loc, scale);
        [Latent(Group = "Globals")] static Normal Alpha([QemParam(0.0)] Tensor loc, [QemParam(10.0)] Tensor scale) => new(loc, scale);

        [Plate]
        public partial class Actors
        {
            [Latent] static Normal AlphaActor([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);

            [Plate]
            public partial class Blocks
            {
                [Latent] static Normal AlphaBlock([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);

                [Plate] public partial class Repeats { }
            }
        }
    }

    [Problem(typeof(Chimps), typeof(ChimpsGuide))]
    public partial class ChimpsProblem { }

    [Problem(typeof(Chimps), typeof(ChimpsQemGuide))]
    public partial class ChimpsQemProblem { }
}
