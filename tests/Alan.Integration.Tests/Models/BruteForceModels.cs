using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests.Models
{
    // (a) A root latent and a plated latent that depends on it, in P and in Q.
    [Plate]
    public partial class BfPlate
    {
        [Latent] static Normal A() => new(0.5, 1.2);

        [Plate]
        public partial class T
        {
            [Latent] static Normal Z(Tensor a) => new(a, 0.8);
            [Data] static Normal D(Tensor z) => new(z, 0.6);
        }
    }

    [Plate]
    public partial class BfPlateGuide
    {
        [Latent] static Normal A() => new(0.2, 1.5);

        [Plate]
        public partial class T
        {
            [Latent] static Normal Z(Tensor a) => new(0.7 * a + 0.1, 1.1);
        }
    }

    [Problem(typeof(BfPlate), typeof(BfPlateGuide))]
    public partial class BfPlateProblem { }

    // (b) Two root latents grouped in Q (B depends on A inside the group) plus a dependent latent C.
    [Plate]
    public partial class BfGroup
    {
        [Latent] static Normal A() => new(0.3, 1.0);
        [Latent] static Normal B(Tensor a) => new(a - 0.2, 0.9);
        [Latent] static Normal C(Tensor a, Tensor b) => new(0.5 * a + b, 0.7);

        [Plate]
        public partial class T
        {
            [Data] static Normal D(Tensor c, Tensor a) => new(c + 0.3 * a, 1.1);
        }
    }

    [Plate]
    public partial class BfGroupGuide
    {
        [Latent(Group = "G")] static Normal A() => new(0.1, 1.3);
        [Latent(Group = "G")] static Normal B(Tensor a) => new(0.8 * a, 1.2);
        [Latent] static Normal C(Tensor b) => new(b + 0.2, 1.0);
    }

    [Problem(typeof(BfGroup), typeof(BfGroupGuide))]
    public partial class BfGroupProblem { }

    // (c) C depends on two parents in P; in Q, B depends on A and C depends on both A and B.
    [Plate]
    public partial class BfTwoParents
    {
        [Latent] static Normal A() => new(0.0, 1.0);
        [Latent] static Normal B() => new(1.0, 1.5);
        [Latent] static Normal C(Tensor a, Tensor b) => new(a - b, 0.5);

        [Plate]
        public partial class T
        {
            [Data] static Normal D(Tensor c) => new(c, 1.0);
        }
    }

    [Plate]
    public partial class BfTwoParentsGuide
    {
        [Latent] static Normal A() => new(0.2, 1.2);
        [Latent] static Normal B(Tensor a) => new(0.5 * a + 0.8, 1.3);
        [Latent] static Normal C(Tensor a, Tensor b) => new(0.3 * a - 0.4 * b, 1.4);
    }

    [Problem(typeof(BfTwoParents), typeof(BfTwoParentsGuide))]
    public partial class BfTwoParentsProblem { }
}

namespace Alan.Integration.Tests.Models
{
    // (d) Two latents inside a plate, chained, with a Q dependency on both the root latent and the plate latent.
    [Plate]
    public partial class BfPlateChain
    {
        [Latent] static Normal A() => new(-0.3, 1.1);

        [Plate]
        public partial class T
        {
            [Latent] static Normal Z(Tensor a) => new(0.9 * a, 0.8);
            [Latent] static Normal W(Tensor z, Tensor a) => new(z - 0.5 * a, 0.6);
            [Data] static Normal D(Tensor w) => new(w, 0.7);
        }
    }

    [Plate]
    public partial class BfPlateChainGuide
    {
        [Latent] static Normal A() => new(0.1, 1.4);

        [Plate]
        public partial class T
        {
            [Latent] static Normal Z() => new(0.0, 1.3);
            [Latent] static Normal W(Tensor z, Tensor a) => new(0.6 * z + 0.2 * a, 1.0);
        }
    }

    [Problem(typeof(BfPlateChain), typeof(BfPlateChainGuide))]
    public partial class BfPlateChainProblem { }
}

namespace Alan.Integration.Tests.Models
{
    // (e) Nested plates I > J with latents at every level; Q's C depends on B (its plate) and A (the root).
    [Plate]
    public partial class BfNested
    {
        [Latent] static Normal A() => new(0.2, 1.0);

        [Plate]
        public partial class I
        {
            [Latent] static Normal B(Tensor a) => new(a, 0.9);

            [Plate]
            public partial class J
            {
                [Latent] static Normal C(Tensor b) => new(0.5 * b, 0.8);
                [Data] static Normal D(Tensor c, Tensor a) => new(c + 0.2 * a, 0.7);
            }
        }
    }

    [Plate]
    public partial class BfNestedGuide
    {
        [Latent] static Normal A() => new(0.0, 1.3);

        [Plate]
        public partial class I
        {
            [Latent] static Normal B(Tensor a) => new(0.5 * a, 1.1);

            [Plate]
            public partial class J
            {
                [Latent] static Normal C(Tensor b, Tensor a) => new(0.3 * b - 0.1 * a, 1.2);
            }
        }
    }

    [Problem(typeof(BfNested), typeof(BfNestedGuide))]
    public partial class BfNestedProblem { }

    // (f) A vector latent (event rank 1), an input on a plate, and root-level data.
    [Plate]
    public partial class BfVector
    {
        [Latent] static Normal Phi() => new(torch.zeros(2), torch.ones(2));
        [Data] static Normal Y(Tensor phi) => new(phi.sum(-1), 2.0);

        [Plate, Input("X", Shape = new long[] { 2 })]
        public partial class T
        {
            [Data] static Normal D(Tensor phi, Tensor x) => new((phi * x).sum(-1), 0.5);
        }
    }

    [Plate]
    public partial class BfVectorGuide
    {
        [Latent] static Normal Phi() => new(torch.tensor(new[] { 0.1, -0.2 }), 1.2);
    }

    [Problem(typeof(BfVector), typeof(BfVectorGuide))]
    public partial class BfVectorProblem { }
}

namespace Alan.Integration.Tests.Models
{
    // (g) Q samples in the reverse order of P: P has A then B | A; Q has B then A | B.
    [Plate]
    public partial class BfReversed
    {
        [Latent] static Normal A() => new(0.4, 1.0);
        [Latent] static Normal B(Tensor a) => new(-a, 0.6);

        [Plate]
        public partial class T
        {
            [Data] static Normal D(Tensor b) => new(b, 0.9);
        }
    }

    [Plate]
    public partial class BfReversedGuide
    {
        [Latent] static Normal B() => new(-0.2, 1.1);
        [Latent] static Normal A(Tensor b) => new(-0.6 * b, 0.9);
    }

    [Problem(typeof(BfReversed), typeof(BfReversedGuide))]
    public partial class BfReversedProblem { }
}

namespace Alan.Integration.Tests.Models
{
    // (h) A discrete latent in a plate whose logits depend on a continuous root latent, in P and in Q.
    [Plate]
    public partial class BfDiscrete
    {
        [Latent] static Normal A() => new(0.0, 1.0);

        [Plate]
        public partial class T
        {
            [Latent] static Bernoulli Z(Tensor a) => new(logits: a);
            [Data] static Normal D(Tensor z, Tensor a) => new(a * z - 0.5, 1.0);
        }
    }

    [Plate]
    public partial class BfDiscreteGuide
    {
        [Latent] static Normal A() => new(0.3, 1.2);

        [Plate]
        public partial class T
        {
            [Latent] static Bernoulli Z(Tensor a) => new(logits: 0.5 * a - 0.2);
        }
    }

    [Problem(typeof(BfDiscrete), typeof(BfDiscreteGuide))]
    public partial class BfDiscreteProblem { }
}

namespace Alan.Integration.Tests.Models
{
    // (d') The same P as (d), with Q's two plate latents in one group; the group's Q-parent is the root latent A.
    [Plate]
    public partial class BfPlateChainGroupedGuide
    {
        [Latent] static Normal A() => new(0.1, 1.4);

        [Plate]
        public partial class T
        {
            [Latent(Group = "ZW")] static Normal Z() => new(0.0, 1.3);
            [Latent(Group = "ZW")] static Normal W(Tensor z, Tensor a) => new(0.6 * z + 0.2 * a, 1.0);
        }
    }

    [Problem(typeof(BfPlateChain), typeof(BfPlateChainGroupedGuide))]
    public partial class BfPlateChainGroupedProblem { }
}
