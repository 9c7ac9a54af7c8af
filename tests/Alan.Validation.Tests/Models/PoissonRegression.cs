using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Validation.Tests.Models
{
    /// <summary>poisson: y_n ~ Poisson(exp(a + b x_n)), a, b ~ N(0, 2.5^2).</summary>
    [Plate]
    public partial class PoissonRegression
    {
        [Latent] static Normal A() => new(0.0, 2.5);
        [Latent] static Normal B() => new(0.0, 2.5);

        [Plate, Input("X")]
        public partial class Points
        {
            [Data] static Poisson Y(Tensor a, Tensor b, Tensor x) => new((a + b * x).exp());
        }
    }

    [Problem(typeof(PoissonRegression))]
    public partial class PoissonRegressionProblem { }
}
