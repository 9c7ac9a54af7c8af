using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Distributions.Authoring
{
    /// <summary>
    /// Numerically stable building blocks for log-densities: constants, softplus and log-sigmoid without overflow, and
    /// support masking that keeps gradients finite.
    /// </summary>
    public static class MathUtil
    {
        /// <summary>log(π).</summary>
        public static readonly double LogPi = Math.Log(Math.PI);

        /// <summary>½ log(2π), the normalising constant of the standard normal log-density.</summary>
        public static readonly double HalfLog2Pi = 0.5 * Math.Log(2 * Math.PI);

        /// <summary>log(2).</summary>
        public static readonly double Log2 = Math.Log(2.0);

        /// <summary>
        /// log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)) (log(exp(x) + exp(0)) shifted by its max), exact for all x (no
        /// threshold switch, no overflow). The exponential is computed as exp2(x log2 e), which stays fast where exp(-|x|)
        /// underflows.
        /// </summary>
        public static Tensor Softplus(Tensor x)
        {
            if (x is null) throw new ArgumentNullException(nameof(x));
            return x.clamp_min(Scalars.Of(0)).add(ExpOfMinusAbs(x).log1p(), Scalars.Of(1));
        }

        /// <summary>log(sigmoid(x)) = -softplus(-x) = min(x, 0) - log1p(exp(-|x|)), exact for all x.</summary>
        public static Tensor LogSigmoid(Tensor x)
        {
            if (x is null) throw new ArgumentNullException(nameof(x));
            return x.clamp_max(Scalars.Of(0)) - ExpOfMinusAbs(x).log1p();
        }

        private static Tensor ExpOfMinusAbs(Tensor x) => Alan.CompilerServices.Semiring.LogSpace.ExpInPlace(x.abs().neg_());

        /// <summary>
        /// <paramref name="x"/> with the entries outside the support (where <paramref name="inSupport"/> is false)
        /// replaced by <paramref name="safe"/>, a value inside it: evaluate the density at the result, then
        /// <see cref="Mask"/> it, so that neither the density nor its gradient is NaN outside the support
        /// (where <c>torch.where</c> would otherwise propagate the NaN gradient of the discarded branch).
        /// </summary>
        public static Tensor Safe(Tensor x, Tensor inSupport, double safe)
        {
            if (x is null) throw new ArgumentNullException(nameof(x));
            if (inSupport is null) throw new ArgumentNullException(nameof(inSupport));
            return x.masked_fill(inSupport.logical_not(), Scalars.Temporary(safe));
        }

        /// <summary>
        /// <paramref name="logProb"/> with -inf wherever <paramref name="inSupport"/> is false (the two broadcast): the
        /// log-density of a value outside the support.
        /// </summary>
        public static Tensor Mask(Tensor logProb, Tensor inSupport)
        {
            if (logProb is null) throw new ArgumentNullException(nameof(logProb));
            if (inSupport is null) throw new ArgumentNullException(nameof(inSupport));
            return torch.where(inSupport, logProb, torch.tensor(double.NegativeInfinity, logProb.dtype, logProb.device));
        }
    }
}
