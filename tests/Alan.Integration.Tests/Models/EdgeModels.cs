using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests.Models
{
    // A model without latents: log P-hat is the log-likelihood of the data.
    [Plate]
    [Param("Loc", 0.5)]
    public partial class DataOnly
    {
        [Plate]
        public partial class Items
        {
            [Data] static Normal Obs(Tensor loc) => new(loc, 2.0);
        }
    }

    [Plate]
    public partial class DataOnlyGuide { }

    [Problem(typeof(DataOnly), typeof(DataOnlyGuide))]
    public partial class DataOnlyProblem { }

    // Nothing at all: log P-hat = 0.
    [Plate]
    public partial class Empty { }

    [Plate]
    public partial class EmptyGuide { }

    [Problem(typeof(Empty), typeof(EmptyGuide))]
    public partial class EmptyProblem { }

    // Keywords as names (escaped identifiers), records as plate classes.
    [Plate]
    public partial record @class
    {
        [Latent] static Normal @int() => new(0.0, 1.0);

        [Plate]
        public partial record @for
        {
            [Data] static Normal @double(Tensor @int) => new(@int, 1.0);
        }
    }

    [Plate]
    public partial class @while
    {
        [Latent] static Normal @int([Param(0.25)] Tensor @in) => new(@in, 1.0);
    }

    [Problem(typeof(@class), typeof(@while))]
    public partial class @event { }
}

namespace Alan.Integration.Tests.Models
{
    // Names whose '_'-joined spellings coincide: Q's parameters of (Mu_a, b) and (Mu, a_b), and the sampler's
    // re-indexed parents of groups (A_b, parent C) and (A, parent b_C). Each must get its own tensor and local;
    // Q puts C near 5 and b_C near -5, so a child reading the wrong parent shows in its mean.
    [Plate]
    public partial class Clash
    {
        [Latent] static Normal C() => new(0.0, 1.0);
        [Latent] static Normal b_C() => new(0.0, 1.0);
        [Latent] static Normal A_b(Tensor c) => new(c, 1.0);
        [Latent] static Normal A(Tensor b_C) => new(b_C, 1.0);
        [Latent] static Normal Mu_a() => new(0.0, 1.0);
        [Latent] static Normal Mu() => new(0.0, 1.0);
        [Data] static Normal Y(Tensor a, Tensor a_b, Tensor mu, Tensor mu_a) => new(a + a_b + mu + mu_a, 1.0);
    }

    [Plate]
    public partial class ClashGuide
    {
        [Latent] static Normal C() => new(5.0, 0.1);
        [Latent] static Normal b_C() => new(-5.0, 0.1);
        [Latent] static Normal A_b(Tensor c) => new(c, 1.0);
        [Latent] static Normal A(Tensor b_C) => new(b_C, 1.0);
        [Latent] static Normal Mu_a([Param(0.25)] Tensor b) => new(b, 1.0);
        [Latent] static Normal Mu([Param(-0.75)] Tensor a_b) => new(a_b, 1.0);
    }

    [Problem(typeof(Clash), typeof(ClashGuide))]
    public partial class ClashProblem { }
}
