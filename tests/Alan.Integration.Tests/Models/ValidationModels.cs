using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests.Models
{
    // Models for the construction-time checks of observed values (ValidationTests): one data variable per
    // support, on a plate "Items" below a root latent Mu.

    [Plate]
    public partial class VBernoulli
    {
        [Latent] static Normal Mu() => new(0.0, 1.0);
        [Plate] public partial class Items { [Data] static Bernoulli Y(Tensor mu) => new(logits: mu); }
    }
    [Plate] public partial class VBernoulliGuide { [Latent] static Normal Mu() => new(0.0, 1.0); }
    [Problem(typeof(VBernoulli), typeof(VBernoulliGuide))] public partial class VBernoulliProblem { }

    [Plate]
    public partial class VPoisson
    {
        [Latent] static Normal Mu() => new(0.0, 1.0);
        [Plate] public partial class Items { [Data] static Poisson Y(Tensor mu) => new(mu.exp()); }
    }
    [Plate] public partial class VPoissonGuide { [Latent] static Normal Mu() => new(0.0, 1.0); }
    [Problem(typeof(VPoisson), typeof(VPoissonGuide))] public partial class VPoissonProblem { }

    [Plate]
    public partial class VGamma
    {
        [Latent] static Normal Mu() => new(0.0, 1.0);
        [Plate] public partial class Items { [Data] static Gamma Y(Tensor mu) => new(2.0, mu.exp()); }
    }
    [Plate] public partial class VGammaGuide { [Latent] static Normal Mu() => new(0.0, 1.0); }
    [Problem(typeof(VGamma), typeof(VGammaGuide))] public partial class VGammaProblem { }

    [Plate]
    public partial class VBeta
    {
        [Latent] static Normal Mu() => new(0.0, 1.0);
        [Plate] public partial class Items { [Data] static Beta Y(Tensor mu) => new(mu.exp(), 2.0); }
    }
    [Plate] public partial class VBetaGuide { [Latent] static Normal Mu() => new(0.0, 1.0); }
    [Problem(typeof(VBeta), typeof(VBetaGuide))] public partial class VBetaProblem { }

    [Plate]
    public partial class VDirichlet
    {
        [Latent] static Normal Mu() => new(0.0, 1.0);
        [Plate] public partial class Items { [Data] static Dirichlet Y(Tensor mu) => new(torch.ones(3) * mu.exp().unsqueeze(-1)); }
    }
    [Plate] public partial class VDirichletGuide { [Latent] static Normal Mu() => new(0.0, 1.0); }
    [Problem(typeof(VDirichlet), typeof(VDirichletGuide))] public partial class VDirichletProblem { }

    // totalCount is an input and the logits a parameter: the bound n is knowable at construction.
    [Plate]
    public partial class VBinomial
    {
        [Latent] static Normal Mu() => new(0.0, 1.0);
        [Plate, Input("N")]
        public partial class Items { [Data] static Binomial Y(Tensor n, [Param(0.0)] Tensor logit) => new(n, logits: logit); }
    }
    [Plate] public partial class VBinomialGuide { [Latent] static Normal Mu() => new(0.0, 1.0); }
    [Problem(typeof(VBinomial), typeof(VBinomialGuide))] public partial class VBinomialProblem { }

    // totalCount depends on a latent: the bound is particle-dependent and not an input error.
    [Plate]
    public partial class VBinomialLatent
    {
        [Latent] static Poisson Trials() => new(5.0);
        [Plate] public partial class Items { [Data] static Binomial Y(Tensor trials) => new(trials, probs: 0.5); }
    }
    [Plate] public partial class VBinomialLatentGuide { [Latent] static Poisson Trials() => new(5.0); }
    [Problem(typeof(VBinomialLatent), typeof(VBinomialLatentGuide))] public partial class VBinomialLatentProblem { }

    [Plate]
    public partial class VCategorical
    {
        [Latent] static Normal Mu() => new(0.0, 1.0);
        [Plate] public partial class Items { [Data] static Categorical Y() => new(probs: torch.tensor(new[] { 0.2, 0.3, 0.5 })); }
    }
    [Plate] public partial class VCategoricalGuide { [Latent] static Normal Mu() => new(0.0, 1.0); }
    [Problem(typeof(VCategorical), typeof(VCategoricalGuide))] public partial class VCategoricalProblem { }
}
