using System.ComponentModel;
using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Semiring
{
    /// <summary>
    /// Numerically stable log-space reductions used by generated code and by every other log-sum-exp of the runtime
    /// (the estimator's steps, the chain products, the samplers' filters, predictive log-likelihoods). Every tensor
    /// keeps its layout (reductions use keepdim), so dimensions stay at their compile-time positions.
    /// </summary>
    /// <remarks>
    /// The one log-sum-exp: log sum_i exp(a_i) = m + log sum_i exp(a_i - m), m = max_i a_i, so the largest term is
    /// exp(0) = 1 and the sum neither overflows nor loses its largest term to underflow. A row whose every term is
    /// -inf (m = -inf) is shifted by 0 instead and gives log 0 = -inf, with gradient 0 there (not 0 * inf = NaN).
    /// libtorch's logsumexp is not used: its exp takes a slow path on underflow (see <see cref="ExpInPlace"/>).
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static partial class LogSpace
    {
        private static readonly Scalar Log2E = (1.0 / Math.Log(2.0)).ToScalar();
        private static readonly Scalar Zero = 0.0.ToScalar();
        private static readonly Scalar One = 1.0.ToScalar();
        private static readonly Scalar MinusInfinity = double.NegativeInfinity.ToScalar();

        /// <summary>log sum_{dims} exp(a), keeping the reduced dimensions with size 1.</summary>
        public static Tensor LogSumExp(Tensor a, long[] dims) =>
            OnlySingletons(a, dims) ? a : Shifted(a, dims, consume: false);

        /// <summary>
        /// <see cref="LogSumExp(Tensor, long[])"/> of a temporary of the caller's, which it overwrites (the shift is
        /// taken in place: one tensor of a's size less). The caller must not read <paramref name="temporary"/> after,
        /// nor share its storage with anything that does (a recorded joint, a saved tensor).
        /// </summary>
        internal static Tensor LogSumExpOfTemporary(Tensor temporary, long[] dims) =>
            OnlySingletons(temporary, dims) ? temporary : Shifted(temporary, dims, consume: true);

        /// <summary>
        /// True when every dim to reduce has size 1 (none at all, or the root total's unused particle dim): the log-sum-exp
        /// is then the tensor itself, exactly, in value and gradient.
        /// </summary>
        private static bool OnlySingletons(Tensor a, long[] dims)
        {
            foreach (var d in dims)
                if (a.size((int)d) != 1) return false;
            return true;
        }

        private static Tensor Shifted(Tensor a, long[] dims, bool consume)
        {
            var max = a.detach().amax(dims, keepdim: true);
            // The shift: the max where it is finite, else 0, so that a - shift is finite wherever a is.
            var shift = max.nan_to_num(0.0, 0.0, 0.0);
            var sum = ExpInPlace(consume ? a.sub_(shift) : a - shift).sum(dims, keepdim: true);
            // The max's own term is exp(0) = 1, so the sum is at least 1 wherever the max is finite, and 0 only where every
            // term is -inf; adding the max itself (not the shift) gives -inf there. With a gradient, the sum is clamped at 1
            // first, so those entries take log 1 and gradient 0 (not 0 * (1 / 0) = NaN); elsewhere the clamp changes nothing.
            var logSum = sum.requires_grad ? sum.clamp_min(One).log_() : sum.log_();
            return logSum.add_(max, Scalars.Of(1));
        }

        /// <summary>
        /// log of a sum of exponentials (a temporary) whose entries may be anything from 0 up (a shifted matrix product),
        /// -inf where it is 0. With a gradient, the entries that are 0 read 1 before the log and are set to -inf after,
        /// so their gradient is 0 rather than 0 * (1 / 0) = NaN.
        /// </summary>
        private static Tensor LogOfSum(Tensor sum)
        {
            if (!sum.requires_grad) return sum.log_();
            using var empty = sum.detach().eq(Zero);
            return sum.masked_fill(empty, One).log_().masked_fill_(empty, MinusInfinity);
        }

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
            return LogSumExp(a, dims) - Scalars.Temporary(Math.Log(count));
        }

        /// <summary>
        /// log sum_{dims} exp(a + b): the log-semiring product of two factors, eliminating <paramref name="dims"/>.
        /// The factors are added in log space (broadcast over the union of their dims) and reduced with the
        /// max-shifted log-sum-exp, so neither overflow nor underflow of one factor can lose the result.
        /// </summary>
        public static Tensor SumProduct(Tensor a, Tensor b, long[] dims)
        {
            var joint = a.add(b, Scalars.Of(1));
            return LogSumExpOfTemporary(joint, dims);
        }

        /// <summary>Max over dims (keepdim), with -inf / nan maxima replaced by 0 so that x - max stays finite.</summary>
        internal static Tensor SafeMax(Tensor a, long[] dims)
        {
            var m = a.detach().amax(dims, keepdim: true);
            return m.nan_to_num_(0.0, 0.0, 0.0);
        }
    }
}
