using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// Geometric distribution: the number of failures before the first success, pmf p (1 - p)^k for k = 0, 1, ...;
    /// parameterised by exactly one of <see cref="ProbsOrLogitsDistribution.Probs"/> or <see cref="ProbsOrLogitsDistribution.Logits"/> (as in torch.distributions).
    /// </summary>
    [Distribution(Support.Count, Reparameterised = false, EventRank = 0)]
    public sealed class Geometric : ProbsOrLogitsDistribution
    {
        /// <summary>Creates Geometric(probs | logits); exactly one must be given.</summary>
        public Geometric(Tensor? probs = null, Tensor? logits = null)
            : base("Geometric", probs, logits)
        {
        }

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var k = ShapeUtil.Value(value, dtype);
            var q = Align(Parameter, batchRank, dtype);
            bool isLogits = IsLogits;
            return ProbsOrLogits.XLog1mP(k, q, isLogits).add(ProbsOrLogits.LogP(q, isLogits), Scalars.Of(1));
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var q = Align(Parameter, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, q.shape);
            // Inverse CDF: floor(log u / log(1 - p)).
            var u = RandomUtil.OpenUniform(shape, dtype, q.device);
            return (u.log() / ProbsOrLogits.Log1mP(q, IsLogits)).floor();
        }
    }
}
