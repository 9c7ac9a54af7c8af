using System.ComponentModel;
using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.CompilerServices
{
    /// <summary>
    /// Numerically stable log-space reductions used by generated code. Every tensor keeps its layout
    /// (reductions use keepdim), so dimensions stay at their compile-time positions.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class LogSpace
    {
        /// <summary>log sum_{dims} exp(a), keeping the reduced dimensions with size 1.</summary>
        public static Tensor LogSumExp(Tensor a, long[] dims)
        {
            if (dims.Length == 0) return a;
            // Max-shifted, with exp taken as ExpInPlace (libtorch's logsumexp takes exp's slow path on underflow).
            var max = SafeMax(a, dims);
            return ExpInPlace(a - max).sum(dims, keepdim: true).log_().add_(max);
        }

        private static readonly Scalar Log2E = (1.0 / Math.Log(2.0)).ToScalar();

        /// <summary>
        /// exp(x) in place on <paramref name="x"/> (a temporary of the caller's), as exp2(x log2 e). libtorch's exp (MKL's on
        /// x86) takes a slow path for every argument whose result underflows: about 12x slower on the large negative
        /// arguments of a max-shifted log-sum-exp (particles that fit each other badly, as most do in covid's chain); its
        /// exp2 (Sleef) does not. Rounding x log2 e costs |x| ulps in the result, which only terms many orders of
        /// magnitude below the sum's largest could see.
        /// </summary>
        internal static Tensor ExpInPlace(Tensor x) => x.mul_(Log2E).exp2_();

        /// <summary>log mean_{dims} exp(a) = LogSumExp(a, dims) - log(prod of sizes).</summary>
        public static Tensor LogMeanExp(Tensor a, long[] dims)
        {
            if (dims.Length == 0) return a;
            double count = 1;
            var shape = a.shape;
            foreach (var d in dims) count *= shape[d];
            return LogSumExp(a, dims) - Math.Log(count);
        }

        /// <summary>
        /// log sum_{dims} exp(a + b): the log-semiring product of two factors, eliminating <paramref name="dims"/>.
        /// The factors are added in log space (broadcast over the union of their dims) and reduced with a
        /// max-shifted log-sum-exp, so neither overflow nor underflow of one factor can lose the result.
        /// </summary>
        public static Tensor SumProduct(Tensor a, Tensor b, long[] dims)
        {
            var joint = a + b;
            return dims.Length == 0 ? joint : LogSumExp(joint, dims);
        }

        /// <summary>Max over dims (keepdim), with -inf / nan maxima replaced by 0 so that x - max stays finite.</summary>
        internal static Tensor SafeMax(Tensor a, long[] dims)
        {
            var m = a.detach().amax(dims, keepdim: true);
            return m.nan_to_num(0.0, 0.0, 0.0);
        }
    }
}
