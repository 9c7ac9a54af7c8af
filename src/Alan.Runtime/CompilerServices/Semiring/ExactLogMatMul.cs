using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Semiring
{
    /// <summary>
    /// Autograd function for the exact log-space matrix product of a batch of matrices (the rescue of
    /// <see cref="LogSpace.LogMatMul"/>),
    /// r[m, s, u] = log sum_j exp(a[m, s, j] + b[m, j, u]), with a [M, S, J] and b [M, J, U]: the max-shifted
    /// log-sum-exp of the joint (<see cref="LogSpace.LogSumExp"/>), which no scale of the factors can underflow. Forward and backward run over chunks of
    /// matrices whose joint has at most <see cref="ChunkElements"/> elements and keep no joint (the backward
    /// recomputes it), so memory stays that of the operands. Gradient: d r[m, s, u] / d a[m, s, j] =
    /// d r[m, s, u] / d b[m, j, u] = exp(a[m, s, j] + b[m, j, u] - r[m, s, u]).
    /// </summary>
    internal sealed class ExactLogMatMul : autograd.MultiTensorFunction<ExactLogMatMul>
    {
        /// <summary>Joint elements (matrices x S x J x U) one chunk materialises.</summary>
        public const long ChunkElements = 1L << 24;

        public override string Name => "AlanExactLogMatMul";

        private static readonly long[] Inner = { 2 };

        /// <summary>The exact product of <paramref name="a"/> [M, S, J] and <paramref name="b"/> [M, J, U]: [M, S, U].</summary>
        public static Tensor Compute(Tensor a, Tensor b) => apply(a, b)[0];

        public override List<Tensor> forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var a = ((Tensor)vars[0]).detach();
            var b = ((Tensor)vars[1]).detach();
            long m = a.shape[0], s = a.shape[1], u = b.shape[2];
            var result = empty(new[] { m, s, u }, dtype: a.dtype, device: a.device);
            using (no_grad())
            {
                long step = Step(a, b);
                for (long start = 0; start < m; start += step)
                {
                    long length = Math.Min(step, m - start);
                    using var scope = NewDisposeScope();
                    // log sum_j exp of the joint [length, S, J, U], the max-shifted log-sum-exp over j.
                    var sum = LogSpace.LogSumExpOfTemporary(Joint(a, b, start, length), Inner);
                    result.narrow(0, start, length).copy_(sum.squeeze(2));
                }
            }
            ctx.save_for_backward(new List<Tensor> { a, b, result.detach() });
            return new List<Tensor> { result };
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, List<Tensor> gradOutputs)
        {
            var saved = ctx.get_saved_variables();
            Tensor a = saved[0], b = saved[1], result = saved[2];
            var grad = gradOutputs[0];
            long m = a.shape[0];
            var gradA = zeros_like(a);
            var gradB = zeros_like(b);
            using (no_grad())
            {
                long step = Step(a, b);
                for (long start = 0; start < m; start += step)
                {
                    long length = Math.Min(step, m - start);
                    using var scope = NewDisposeScope();
                    // weight[m, s, j, u] = exp(a + b - r) * dL/dr[m, s, u]; an entry that is -inf carries no gradient.
                    var weight = LogSpace.ExpInPlace(Joint(a, b, start, length).sub_(result.narrow(0, start, length).unsqueeze(2))).nan_to_num_(0.0, 0.0, 0.0);
                    weight.mul_(grad.narrow(0, start, length).unsqueeze(2));
                    gradA.narrow(0, start, length).copy_(weight.sum(3));
                    gradB.narrow(0, start, length).copy_(weight.sum(1));
                }
            }
            return new List<Tensor> { gradA, gradB };
        }

        private static long Step(Tensor a, Tensor b) =>
            Math.Max(1, ChunkElements / Math.Max(1, a.shape[1] * a.shape[2] * b.shape[2]));

        /// <summary>The joint a[m, s, j] + b[m, j, u] of matrices start..start+length, [length, S, J, U].</summary>
        private static Tensor Joint(Tensor a, Tensor b, long start, long length) =>
            a.narrow(0, start, length).unsqueeze(3).add(b.narrow(0, start, length).unsqueeze(1), Scalars.Of(1));
    }
}
