using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests.Models
{
    // A chain X along T from X0, observed through Y (DESIGN 4.10's example), with a mean-field Q.
    [Plate]
    public partial class TsChain
    {
        [Latent] static Normal X0() => new(0.0, 1.0);

        [Plate]
        public partial class T
        {
            [Latent, Timeseries("X0")] static Normal X(Tensor prev) => new(Scalars.Of(0.8) * prev, 0.6);
            [Data] static Normal Y(Tensor x) => new(x, 0.5);
        }
    }

    [Plate]
    public partial class TsMeanFieldGuide
    {
        [Latent] static Normal X0() => new(0.1, 1.2);

        [Plate]
        public partial class T
        {
            [Latent] static Normal X() => new(0.1, 1.3);
        }
    }

    [Problem(typeof(TsChain), typeof(TsMeanFieldGuide))]
    public partial class TsMeanFieldProblem { }

    // The same model with a chained Q: Q's X reads its own previous element (re-indexed like any Q parent).
    [Plate]
    public partial class TsChainedGuide
    {
        [Latent] static Normal X0() => new(0.1, 1.2);

        [Plate]
        public partial class T
        {
            [Latent, Timeseries("X0")] static Normal X(Tensor prev) => new((Scalars.Of(0.5) * prev).add(Scalars.Of(0.1), Scalars.Of(1)), 1.1);
        }
    }

    [Problem(typeof(TsChain), typeof(TsChainedGuide))]
    public partial class TsChainedProblem { }

    // Two chains in one plate: Z reads X at the same element (alan's ts2 ~ N(0.9 ts1 + prev, 0.1)); Q: X per
    // element, Z chained.
    [Plate]
    public partial class TsTwo
    {
        [Latent] static Normal X0() => new(0.0, 1.0);
        [Latent] static Normal Z0() => new(0.5, 1.0);

        [Plate]
        public partial class T
        {
            [Latent, Timeseries("X0")] static Normal X(Tensor prev) => new(Scalars.Of(0.8) * prev, 0.6);
            [Latent, Timeseries("Z0")] static Normal Z(Tensor x, Tensor prev) => new(0.5 * x + 0.7 * prev, 0.7);
            [Data] static Normal D(Tensor x, Tensor z) => new(x + z, 0.5);
        }
    }

    [Plate]
    public partial class TsTwoGuide
    {
        [Latent] static Normal X0() => new(0.1, 1.2);
        [Latent] static Normal Z0() => new(0.4, 1.1);

        [Plate]
        public partial class T
        {
            [Latent] static Normal X() => new(0.1, 1.3);
            [Latent, Timeseries("Z0")] static Normal Z(Tensor prev) => new(0.6 * prev, 1.2);
        }
    }

    [Problem(typeof(TsTwo), typeof(TsTwoGuide))]
    public partial class TsTwoProblem { }
}

namespace Alan.Integration.Tests.Models
{
    // Chains in every region: a global drift A, an init per region, a chain along Days per region; Q learnable
    // per element (mean-field) with the chain's Q reading its previous element too.
    [Plate]
    public partial class TsRegions
    {
        [Latent] static Normal A() => new(0.0, 1.0);

        [Plate]
        public partial class Regions
        {
            [Latent] static Normal X0(Tensor a) => new(a, 1.0);

            [Plate]
            public partial class Days
            {
                [Latent, Timeseries("X0")] static Normal X(Tensor prev, Tensor a) => new(0.7 * prev + 0.3 * a, 0.6);
                [Data] static Normal Y(Tensor x) => new(x, 0.5);
            }
        }
    }

    [Plate]
    public partial class TsRegionsGuide
    {
        [Latent] static Normal A([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

        [Plate]
        public partial class Regions
        {
            [Latent] static Normal X0([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

            [Plate]
            public partial class Days
            {
                [Latent, Timeseries("X0")]
                static Normal X(Tensor prev, [Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(0.5 * prev + loc, logScale.exp());
            }
        }
    }

    [Problem(typeof(TsRegions), typeof(TsRegionsGuide))]
    public partial class TsRegionsProblem { }
}
