using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests.Models
{
    // Intro model with a QEM proposal.
    [Plate]
    public partial class QemIntroGuide
    {
        [Latent] static Normal Mu([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);
    }

    [Problem(typeof(Intro), typeof(QemIntroGuide))]
    public partial class QemIntroProblem { }

    // Beta-Bernoulli with a QEM Beta proposal.
    [Plate]
    public partial class QemBeta
    {
        [Latent] static Beta P() => new(2.0, 3.0);

        [Plate]
        public partial class T
        {
            [Data] static Bernoulli X(Tensor p) => new(probs: p);
        }
    }

    [Plate]
    public partial class QemBetaGuide
    {
        [Latent] static Beta P([QemParam(1.0)] Tensor concentration1, [QemParam(1.0)] Tensor concentration0) => new(concentration1, concentration0);
    }

    [Problem(typeof(QemBeta), typeof(QemBetaGuide))]
    public partial class QemBetaProblem { }

    // QEM in P (a hierarchical prior learned by moment matching) and in Q, plus a gradient-trained Q parameter.
    [Plate]
    public partial class QemBoth
    {
        [Plate]
        public partial class G
        {
            [Latent] static Normal Z([QemParam(0.0)] Tensor loc, [QemParam(1.0)] Tensor scale) => new(loc, scale);
            [Data] static Normal Y(Tensor z) => new(z, 0.5);
        }
    }

    [Plate]
    public partial class QemBothGuide
    {
        [Plate]
        public partial class G
        {
            [Latent] static Normal Z([QemParam(0.0)] Tensor loc, [QemParam(2.0)] Tensor scale) => new(loc, scale);
        }
    }

    [Problem(typeof(QemBoth), typeof(QemBothGuide))]
    public partial class QemBothProblem { }
}
