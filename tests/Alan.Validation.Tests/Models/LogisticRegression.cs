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

    [Problem(typeof(LogisticRegression))]
    public partial class LogisticRegressionProblem { }
}
