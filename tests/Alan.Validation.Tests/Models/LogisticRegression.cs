using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Validation.Tests.Models
{
    /// <summary>logistic: y_n ~ Bernoulli(logit = a + b x_n), a, b ~ N(0, 2.5^2).</summary>
    [Plate]
    public partial class LogisticRegression
    {
        [Latent] static Normal A() => new(0.0, 2.5);
        [Latent] static Normal B() => new(0.0, 2.5);

        [Plate, Input("X")]
        public partial class Points
        {
            [Data] static Bernoulli Y(Tensor a, Tensor b, Tensor x) => new(logits: a + b * x);
        }
    }

    /// <summary>
    /// The automatic default guide for <see cref="LogisticRegression"/>: A, then B with a loc linear in A, in one group
    /// (a bivariate normal with full covariance), starting at the priors N(0, 2.5^2).
    /// </summary>
    [Plate]
    public partial class LogisticRegressionGuide
    {
        private const double LogPriorScale = 0.9162907318741551; // log 2.5

        [Latent(Group = "Root")]
        static Normal A([Param(0.0)] Tensor loc, [Param(LogPriorScale)] Tensor logScale) => new(loc, logScale.exp());

        [Latent(Group = "Root")]
        static Normal B(Tensor a, [Param(0.0)] Tensor loc, [Param(0.0)] Tensor aWeight, [Param(LogPriorScale)] Tensor logScale) =>
            new(loc + aWeight * a, logScale.exp());
    }

    [Problem(typeof(LogisticRegression), typeof(LogisticRegressionGuide))]
    public partial class LogisticRegressionProblem { }
}
