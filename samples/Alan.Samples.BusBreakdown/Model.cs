// NYC school bus breakdowns and delays: the original alan's bus_breakdown model.
// Plates: Years (2) > Boroughs (3) > Ids (150 train + 150 test). A journey is delayed (more than 30 minutes) with
// logit Alpha[year, borough] + Phi . company + Psi . runType (one-hot covariates, 59 companies, 8 run types).
using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Samples.BusBreakdown
{
    [Plate]
    public partial class Bus
    {
        [Latent] static Normal Psi() => new(torch.zeros(8), torch.ones(8));     // run-type effects
        [Latent] static Normal Phi() => new(torch.zeros(59), torch.ones(59));   // bus-company effects
        [Latent] static Normal SigmaBeta() => new(0.0, 1.0);
        [Latent] static Normal MuBeta() => new(0.0, 1.0);

        [Plate]
        public partial class Years
        {
            [Latent] static Normal Beta(Tensor muBeta, Tensor sigmaBeta) => new(muBeta, sigmaBeta.exp());
            [Latent] static Normal SigmaAlpha() => new(0.0, 1.0);

            [Plate]
            public partial class Boroughs
            {
                [Latent] static Normal Alpha(Tensor beta, Tensor sigmaAlpha) => new(beta, sigmaAlpha.exp());

                [Plate, Input("RunType", Shape = new long[] { 8 }), Input("BusCompany", Shape = new long[] { 59 })]
                public partial class Ids
                {
                    [Data]
                    static Bernoulli Delay(Tensor alpha, Tensor phi, Tensor busCompany, Tensor psi, Tensor runType)
                        => new(logits: alpha + (phi * busCompany).sum(-1) + (psi * runType).sum(-1));
                }
            }
        }
    }

    // Q for VI and RWS: mean-field Normal(loc, exp logScale); the globals share one particle dim, so do the year latents.
    [Plate]
    public partial class BusGuide
    {
        [Latent(Group = "Globals")]
        static Normal Psi([Param(0.0, Shape = new long[] { 8 })] Tensor loc, [Param(0.0, Shape = new long[] { 8 })] Tensor logScale)
            => new(loc, logScale.exp());

        [Latent(Group = "Globals")]
        static Normal Phi([Param(0.0, Shape = new long[] { 59 })] Tensor loc, [Param(0.0, Shape = new long[] { 59 })] Tensor logScale)
            => new(loc, logScale.exp());

        [Latent(Group = "Globals")] static Normal SigmaBeta([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
        [Latent(Group = "Globals")] static Normal MuBeta([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

        [Plate]
        public partial class Years
        {
            [Latent(Group = "YearLatents")] static Normal Beta([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());
            [Latent(Group = "YearLatents")] static Normal SigmaAlpha([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

            [Plate]
            public partial class Boroughs
            {
                [Latent] static Normal Alpha([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

                [Plate] public partial class Ids { }
            }
        }
    }

    // Q for QEM: the same groups with moment-matched Normal(loc, scale), starting at N(0, 1).
    [Plate]
    public partial class BusQemGuide
    {
        [Latent(Group = "Globals")]
        static Normal Psi([QemParam(0.0, Shape = new long[] { 8 })] Tensor loc, [QemParam(1.0, Shape = new long[] { 8 })] Tensor scale)
            => new(loc, scale);

        [Latent(Group = "Globals")]
        static Normal Phi([QemParam(0.0, Shape = new long[] { 59 })] Tensor loc, [QemParam(1.0, Shape = new long[] { 59 })] Tensor scale)
            => new(loc, scale);

        [Latent(Group = "Globals")] static Normal SigmaBeta([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);
        [Latent(Group = "Globals")] static Normal MuBeta([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);

        [Plate]
        public partial class Years
        {
            [Latent(Group = "YearLatents")] static Normal Beta([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);
            [Latent(Group = "YearLatents")] static Normal SigmaAlpha([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);

            [Plate]
            public partial class Boroughs
            {
                [Latent] static Normal Alpha([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);

                [Plate] public partial class Ids { }
            }
        }
    }

    [Problem(typeof(Bus), typeof(BusGuide))]
    public partial class BusProblem { }

    [Problem(typeof(Bus), typeof(BusQemGuide))]
    public partial class BusQemProblem { }
}
