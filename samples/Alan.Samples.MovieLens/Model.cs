// MovieLens: the model of the original alan's introduction notebook. Users (M) > Films (N); each user has an
// 18-dimensional taste Z, and likes a film (rating >= 4) with logit Z . x, x the film's 18 genre flags.
// Q's parameters are plate-level named [Param]s, as the notebook's extra_opt_params: the globals' on the root,
// the per-user ones on Users (one value per user and genre).
using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Samples.MovieLens
{
    [Plate]
    public partial class MovieLens
    {
        [Latent] static Normal MuZ() => new(torch.zeros(18), torch.ones(18));
        [Latent] static Normal PsiZ() => new(torch.zeros(18), torch.ones(18));

        [Plate]
        public partial class Users
        {
            [Latent] static Normal Z(Tensor muZ, Tensor psiZ) => new(muZ, psiZ.exp());

            [Plate, Input("X", Shape = new long[] { 18 })]
            public partial class Films
            {
                [Data] static Bernoulli Rating(Tensor z, Tensor x) => new(logits: (z * x).sum(-1));
            }
        }
    }

    // Q for VI and RWS: mean-field Normal(loc, exp logScale) with plate-level named parameters (loc 0, log-scale 0).
    [Plate]
    [Param("MuZLoc", 0.0, Shape = new long[] { 18 }), Param("MuZLogScale", 0.0, Shape = new long[] { 18 })]
    [Param("PsiZLoc", 0.0, Shape = new long[] { 18 }), Param("PsiZLogScale", 0.0, Shape = new long[] { 18 })]
    public partial class MovieLensGuide
    {
        [Latent] static Normal MuZ(Tensor muZLoc, Tensor muZLogScale) => new(muZLoc, muZLogScale.exp());
        [Latent] static Normal PsiZ(Tensor psiZLoc, Tensor psiZLogScale) => new(psiZLoc, psiZLogScale.exp());

        [Plate, Param("ZLoc", 0.0, Shape = new long[] { 18 }), Param("ZLogScale", 0.0, Shape = new long[] { 18 })]
        public partial class Users
        {
            [Latent] static Normal Z(Tensor zLoc, Tensor zLogScale) => new(zLoc, zLogScale.exp());

            [Plate] public partial class Films { }
        }
    }

    // Q for QEM: moment-matched Normal(loc, scale), starting at N(0, 1), as the notebook's QEM cell.
    [Plate]
    public partial class MovieLensQemGuide
    {
        [Latent]
        static Normal MuZ([QemParam(0.0, Shape = new long[] { 18 })] Tensor loc, [QemParam(1.0, Shape = new long[] { 18 })] Tensor scale) => new(loc, scale);

        [Latent]
        static Normal PsiZ([QemParam(0.0, Shape = new long[] { 18 })] Tensor loc, [QemParam(1.0, Shape = new long[] { 18 })] Tensor scale) => new(loc, scale);

        [Plate]
        public partial class Users
        {
            [Latent]
            static Normal Z([QemParam(0.0, Shape = new long[] { 18 })] Tensor loc, [QemParam(1.0, Shape = new long[] { 18 })] Tensor scale) => new(loc, scale);

            [Plate] public partial class Films { }
        }
    }

    [Problem(typeof(MovieLens), typeof(MovieLensGuide))]
    public partial class MovieLensProblem { }

    [Problem(typeof(MovieLens), typeof(MovieLensQemGuide))]
    public partial class MovieLensQemProblem { }
}
