using System;
using TorchSharp;
using static TorchSharp.torch;
using Alan.CompilerServices;
using Alan.Distributions.Authoring;

namespace Alan
{
    /// <summary>Bernoulli distribution on {0, 1}, parameterised by exactly one of <see cref="ProbsOrLogitsDistribution.Probs"/> or <see cref="ProbsOrLogitsDistribution.Logits"/>.</summary>
    [Distribution(Support.Binary, Reparameterised = false, EventRank = 0)]
    [QemFamily(QemFamily.Bernoulli, "probs")]
    public sealed class Bernoulli : ProbsOrLogitsDistribution
    {
        /// <summary>Creates Bernoulli(probs) or Bernoulli(logits: ...); exactly one must be given.</summary>
        public Bernoulli(Tensor? probs = null, Tensor? logits = null)
            : base("Bernoulli", probs, logits)
        {
        }

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var q = Align(Parameter, batchRank, dtype);
            bool isLogits = IsLogits;
            // For x in {0, 1}: log p(x) = log sigmoid((2x - 1) logits), one fused kernel after one product over the
            // broadcast shape instead of the ~15 elementwise kernels of the general form below (bus_breakdown's K^2 x 900
            // data factor); the same stable formula, so exact to rounding. Fractional x keeps the general form.
            if (isLogits && ProbsOrLogits.IsBinary(x))
                return torch.nn.functional.logsigmoid(q * (Scalars.Of(2) * x - Scalars.Of(1)));
            return ProbsOrLogits.XLogP(x, q, isLogits).add(ProbsOrLogits.XLog1mP(-(x - Scalars.Of(1)), q, isLogits), Scalars.Of(1));
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var q = Align(Parameter, batchShape.Length, dtype);
            var shape = ShapeUtil.DrawShape(batchShape, q.shape);
            return torch.bernoulli(ProbsOrLogits.ToProbs(q, IsLogits).expand(shape), RandomUtil.CurrentGenerator);
        }
    }
}
