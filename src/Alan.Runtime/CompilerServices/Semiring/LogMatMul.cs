using System.Linq;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Semiring
{
    public static partial class LogSpace
    {
        /// <summary>Largest broadcast joint (elements) <see cref="LogMatMul"/> materialises to take the exact log-sum-exp; above it, max-shifted matmul in float64.</summary>
        internal const long ExactJointElements = 1L << 25;

        /// <summary>Below this the float64 product of shifted exponentials may have lost terms to underflow.</summary>
        private const double LeastFullPrecisionProduct = 1e-250;

        private static readonly long[] InnerOfJoint = { -2 };
        private static readonly long[] LastDim = { -1 };
        private static readonly long[] SecondToLastDim = { -2 };

        /// <summary>
        /// The log-semiring matrix product, r[..., s, u] = log sum_j exp(a[..., s, j] + b[..., j, u]), batched over the
        /// (broadcast) leading dims, exact whatever the factors' scales: the one log-matmul of the runtime (chain
        /// products, the chain sampler's filter). Up to <see cref="ExactJointElements"/> it is the max-shifted
        /// log-sum-exp of the broadcast joint a[..., s, j, 1] + b[..., 1, j, u]. Beyond, a max-shifted matmul in float64
        /// (memory of the operands only) gives every entry whose sum keeps full precision, and the rescue policy
        /// recomputes exactly, matrix by matrix (<see cref="ExactLogMatMul"/>), every matrix with an entry it cannot
        /// represent (the operands' peaks lie more than about 575 nats apart). Either way an entry whose terms are all
        /// -inf (a row of a or a column of b of -inf) is -inf with gradient 0.
        /// </summary>
        internal static Tensor LogMatMul(Tensor a, Tensor b)
        {
            long joint = a.shape.Aggregate(1L, (p, d) => p * d) * b.shape[^1];
            if (joint <= ExactJointElements)
                return LogSumExpOfTemporary(a.unsqueeze(-1).add(b.unsqueeze(-3), Scalars.Of(1)), InnerOfJoint).squeeze(-2);
            return LogMatMulShifted(a, b, rescue: true);
        }

        /// <summary>
        /// log (exp a @ exp b) by a max-shifted matmul in float64: each operand is shifted by its max along the
        /// contracted dim (rows of a, columns of b), so no entry overflows, and the shifts are added back:
        /// r = log(exp(a - max_a) @ exp(b - max_b)) + max_a + max_b. With <paramref name="rescue"/> false an entry
        /// whose shifted product underflows is -inf or inexact; with it true those matrices are recomputed exactly
        /// (<see cref="LogMatMul"/>'s rescue policy). Rows or columns of -inf give -inf.
        /// </summary>
        internal static Tensor LogMatMulShifted(Tensor a, Tensor b, bool rescue)
        {
            // Common batch shape, then [N, S, J] and [N, J, U].
            var batchShape = broadcast_shapes(a.shape[..^2], b.shape[..^2]);
            long rowsOut = a.shape[^2], inner = a.shape[^1], colsOut = b.shape[^1];
            a = a.expand(batchShape.Append(rowsOut).Append(inner).ToArray());
            b = b.expand(batchShape.Append(inner).Append(colsOut).ToArray());
            long n = batchShape.Aggregate(1L, (p, d) => p * d);
            var a3 = a.reshape(n, rowsOut, inner);
            var b3 = b.reshape(n, inner, colsOut);

            var aMax = SafeMax(a3, LastDim);
            var bMax = SafeMax(b3, SecondToLastDim);
            var dtype = a.dtype;
            var ea = ExpInPlace((a3 - aMax).to_type(ScalarType.Float64));
            var eb = ExpInPlace((b3 - bMax).to_type(ScalarType.Float64));
            var product = ea.matmul(eb);
            Tensor? lost = null;
            if (rescue)
            {
                // Matrices with an entry whose sum may have lost terms (a finite row of a and column of b, yet a
                // product below full precision) are recomputed exactly.
                using (no_grad())
                    lost = product.lt(Scalars.Of(LeastFullPrecisionProduct))
                        .logical_and_(a3.detach().amax(LastDim, keepdim: true).isfinite())
                        .logical_and_(b3.detach().amax(SecondToLastDim, keepdim: true).isfinite())
                        .flatten(1).any(1);
            }
            var result = LogOfSum(product).to_type(dtype).add(aMax, Scalars.Of(1)).add(bMax, Scalars.Of(1));
            if (lost is not null && lost.any().item<bool>())
            {
                var which = lost.nonzero().squeeze(1);
                var exact = ExactLogMatMul.Compute(a3.index_select(0, which), b3.index_select(0, which));
                result = result.index_copy(0, which, exact);
            }
            return result.reshape(batchShape.Append(rowsOut).Append(colsOut).ToArray());
        }
    }
}
