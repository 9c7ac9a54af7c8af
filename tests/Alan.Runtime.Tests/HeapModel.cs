using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests.Models
{
    // The one generated problem of the runtime tests (NativeHeapTests): Mu ~ N(0, 1); for each point, Y ~ N(tanh(Mu), 1);
    // Q: Mu ~ N(loc, exp(logScale)). Declaring it makes this test program get the generated module initializer. The loc
    // is not affine in Mu, so Y's factor is not summed through plate statistics: it is evaluated as a K x Points tensor.
    [Plate]
    public partial class HeapModel
    {
        [Latent] static Normal Mu() => new(0.0, 1.0);

        [Plate]
        public partial class Points
        {
            [Data] static Normal Y(Tensor mu) => new(mu.tanh(), 1.0);
        }
    }

    [Plate]
    public partial class HeapGuide
    {
        [Latent] static Normal Mu([Param(0.0)] Tensor loc, [Param(0.0)] Tensor logScale) => new(loc, logScale.exp());

        [Plate] public partial class Points { }
    }

    [Problem(typeof(HeapModel), typeof(HeapGuide))]
    public partial class HeapProblem { }
}
