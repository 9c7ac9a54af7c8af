using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests.Models
{
    // A two-state HMM written as a self-starting chain: Z_0 ~ Start = Categorical(0.7, 0.3), Z_t | Z_{t-1} with
    // P(Z_t = 1 | prev) = 0.1 + 0.7 prev (rows (0.9, 0.1) and (0.2, 0.8)), Y_t ~ N(2 Z_t - 1, 0.8). Q: uniform per element.
    [Plate]
    public partial class Hmm
    {
        [Plate]
        public partial class T
        {
            static Categorical Start() => new(probs: tensor(new[] { 0.7, 0.3 }, dtype: ScalarType.Float64));

            [Latent, Timeseries(nameof(Start))]
            static Categorical Z(Tensor prev)
            {
                var one = 0.1 + 0.7 * prev.to_type(ScalarType.Float64);
                return new(probs: stack(new[] { 1.0 - one, one }, -1));
            }

            [Data] static Normal Y(Tensor z) => new(2.0 * z - 1.0, 0.8);
        }
    }

    [Plate]
    public partial class HmmGuide
    {
        [Plate]
        public partial class T
        {
            [Latent] static Categorical Z() => new(probs: tensor(new[] { 0.5, 0.5 }, dtype: ScalarType.Float64));
        }
    }

    [Problem(typeof(Hmm), typeof(HmmGuide))]
    public partial class HmmProblem { }
}
