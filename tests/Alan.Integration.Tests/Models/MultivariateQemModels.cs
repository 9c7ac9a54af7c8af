using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests.Models
{
    // Bayesian linear regression through the origin with known noise, as Stan writes it:
    //   beta ~ multi_normal(0, 100 I); y[n] ~ normal(x[n] * beta, 10);
    // with three coefficients. Its MultivariateNormal guide is fitted by QEM from the identity.
    [Plate]
    public partial class Regression3
    {
        [Latent] static MultivariateNormal Beta() => new(torch.zeros(3), covarianceMatrix: torch.eye(3) * 100.0);

        [Plate, Input("X", Shape = new long[] { 3 })]
        public partial class N
        {
            [Data] static Normal Y(Tensor beta, Tensor x) => new((beta * x).sum(-1), 10.0);
        }
    }

    [Plate]
    public partial class Regression3Guide
    {
        [Latent] static MultivariateNormal Beta(
            [QemParam(Shape = new long[] { 3 })] Tensor loc,
            [QemParam(Init = ParamInit.Identity, Shape = new long[] { 3, 3 })] Tensor covarianceMatrix) => new(loc, covarianceMatrix: covarianceMatrix);
    }

    [Problem(typeof(Regression3), typeof(Regression3Guide))]
    public partial class Regression3Problem { }

    // The same with four coefficients.
    [Plate]
    public partial class Regression4
    {
        [Latent] static MultivariateNormal Beta() => new(torch.zeros(4), covarianceMatrix: torch.eye(4) * 100.0);

        [Plate, Input("X", Shape = new long[] { 4 })]
        public partial class N
        {
            [Data] static Normal Y(Tensor beta, Tensor x) => new((beta * x).sum(-1), 10.0);
        }
    }

    [Plate]
    public partial class Regression4Guide
    {
        [Latent] static MultivariateNormal Beta(
            [QemParam(Shape = new long[] { 4 })] Tensor loc,
            [QemParam(Init = ParamInit.Identity, Shape = new long[] { 4, 4 })] Tensor covarianceMatrix) => new(loc, covarianceMatrix: covarianceMatrix);
    }

    [Problem(typeof(Regression4), typeof(Regression4Guide))]
    public partial class Regression4Problem { }

    // A guide whose covariance starts at a member of the guide, one value broadcast to every element: all ones, a
    // singular matrix, so the first Sample fails.
    [Plate]
    public partial class SingularStartGuide
    {
        static readonly double[] Ones = { 1.0 };

        [Latent] static MultivariateNormal Beta(
            [Param(Shape = new long[] { 2 })] Tensor loc,
            [Param(InitFrom = nameof(Ones), Shape = new long[] { 2, 2 })] Tensor covarianceMatrix) => new(loc, covarianceMatrix: covarianceMatrix);
    }

    [Plate]
    public partial class Mvn2
    {
        [Latent] static MultivariateNormal Beta() => new(torch.zeros(2), covarianceMatrix: torch.eye(2));

        [Plate]
        public partial class N
        {
            [Data] static Normal Y(Tensor beta) => new(beta.sum(-1), 1.0);
        }
    }

    [Problem(typeof(Mvn2), typeof(SingularStartGuide))]
    public partial class SingularStartProblem { }

    // A prior whose own method factorises a singular matrix: sampling Q works, the estimate fails in P's Beta.
    [Plate]
    public partial class SingularPrior
    {
        [Latent] static MultivariateNormal Beta() => new(torch.zeros(2), scaleTril: torch.linalg.cholesky(torch.ones(2, 2)));

        [Plate]
        public partial class N
        {
            [Data] static Normal Y(Tensor beta) => new(beta.sum(-1), 1.0);
        }
    }

    [Plate]
    public partial class Mvn2Guide
    {
        static Tensor StartMean() => torch.tensor(new[] { 0.5, -0.5 });

        [Latent] static MultivariateNormal Beta(
            [Param(InitFrom = nameof(StartMean), Shape = new long[] { 2 })] Tensor loc,
            [Param(Shape = new long[] { 2, 2 })] Tensor scaleTril) => new(loc, scaleTril: scaleTril);
    }

    [Problem(typeof(SingularPrior), typeof(Mvn2Guide))]
    public partial class SingularPriorProblem { }

    // A guide whose loc starts from a member of the wrong length (3 values for a 2-vector): construction fails, naming it.
    [Plate]
    public partial class MisshapenStartGuide
    {
        static double[] ThreeValues => new[] { 1.0, 2.0, 3.0 };

        [Latent] static MultivariateNormal Beta(
            [Param(InitFrom = nameof(ThreeValues), Shape = new long[] { 2 })] Tensor loc,
            [Param(Shape = new long[] { 2, 2 })] Tensor scaleTril) => new(loc, scaleTril: scaleTril);
    }

    [Problem(typeof(Mvn2), typeof(MisshapenStartGuide))]
    public partial class MisshapenStartProblem { }

    [Problem(typeof(Mvn2), typeof(Mvn2Guide))]
    public partial class Mvn2Problem { }
}
