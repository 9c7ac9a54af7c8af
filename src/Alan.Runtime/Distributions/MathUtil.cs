using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Numerically stable building blocks for log-densities and support masking.</summary>
    internal static class MathUtil
    {
        public static readonly double LogPi = Math.Log(Math.PI);
        public static readonly double HalfLog2Pi = 0.5 * Math.Log(2 * Math.PI);
        public static readonly double Log2 = Math.Log(2.0);

        /// <summary>
        /// log(1 + exp(x)) = max(x, 0) + log1p(exp(-|x|)) (log(exp(x) + exp(0)) shifted by its max), exact for all x (no
        /// threshold switch); the exponential is <see cref="Alan.CompilerServices.Semiring.LogSpace.ExpInPlace"/>'s.
        /// </summary>
        public static Tensor Softplus(Tensor x) => x.clamp_min(0) + ExpOfMinusAbs(x).log1p();

        /// <summary>log(sigmoid(x)) = -softplus(-x).</summary>
        public static Tensor LogSigmoid(Tensor x) => x.clamp_max(0) - ExpOfMinusAbs(x).log1p();

        private static Tensor ExpOfMinusAbs(Tensor x) => Alan.CompilerServices.Semiring.LogSpace.ExpInPlace(x.abs().neg_());

        /// <summary>Replaces out-of-support entries by <paramref name="safe"/> so the density and its gradients stay finite there.</summary>
        public static Tensor Safe(Tensor x, Tensor inSupport, double safe) => x.masked_fill(inSupport.logical_not(), safe);

        /// <summary>-inf wherever <paramref name="inSupport"/> is false (broadcasting).</summary>
        public static Tensor Mask(Tensor logProb, Tensor inSupport) =>
            torch.where(inSupport, logProb, torch.tensor(double.NegativeInfinity, logProb.dtype, logProb.device));
    }
}
