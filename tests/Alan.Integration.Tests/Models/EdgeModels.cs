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
