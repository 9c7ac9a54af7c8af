// A MovieLens-shaped hierarchical model, large: each user has an 18-dimensional taste Z around a global mean MuZ with
// a global log-scale PsiZ, and likes a film with logit Z . x, x the film's 18 genre flags. Users is the outermost
// plate; it is what the ranks shard.
using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Samples.Distributed
{
    [Plate]
    public partial class Tastes
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

    // Mean-field Normal Q; the two globals share one particle dim (one group), so the plate's result is K numbers.
    [Plate]
    [Param("MuZLoc", 0.0, Shape = new long[] { 18 }), Param("MuZLogScale", 0.0, Shape = new long[] { 18 })]
    [Param("PsiZLoc", 0.0, Shape = new long[] { 18 }), Param("PsiZLogScale", 0.0, Shape = new long[] { 18 })]
    public partial class TastesGuide
    {
        [Latent(Group = "Globals")] static Normal MuZ(Tensor muZLoc, Tensor muZLogScale) => new(muZLoc, muZLogScale.exp());
        [Latent(Group = "Globals")] static Normal PsiZ(Tensor psiZLoc, Tensor psiZLogScale) => new(psiZLoc, psiZLogScale.exp());

        [Plate, Param("ZLoc", 0.0, Shape = new long[] { 18 }), Param("ZLogScale", 0.0, Shape = new long[] { 18 })]
        public partial class Users
        {
            [Latent] static Normal Z(Tensor zLoc, Tensor zLogScale) => new(zLoc, zLogScale.exp());

            [Plate] public partial class Films { }
        }
    }

    [Problem(typeof(Tastes), typeof(TastesGuide))]
    public partial class TastesProblem { }
}
