using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// K - 1 reals onto the open probability simplex in R^K by breaking a stick: with uₖ = xₖ - log(K - 1 - k) and
    /// zₖ = σ(uₖ) (k = 0..K-2), yₖ = zₖ (1 - y₀ - ... - yₖ₋₁) and the last coordinate takes what is left. The offsets make
    /// x = 0 the simplex's centre. Each yₖ depends on x₀..xₖ only, so the Jacobian of (y₀..y_{K-2}) is triangular with
    /// diagonal zₖ (1 - zₖ) times the stick left before break k: log |det J| = Σₖ log σ(uₖ) + log σ(-uₖ) + log(stick left).
    /// That is the density convention of <see cref="Dirichlet"/> (Lebesgue measure on the first K - 1 coordinates).
    /// </summary>
    [Bijector(Support.Simplex, EventRank = 1)]
    public sealed class StickBreakingBijector : Bijector
    {
        internal StickBreakingBijector() { }

        public override int EventRank => 1;
        public override Support Support => Support.Simplex;
        public override string Name => "StickBreaking";

        /// <summary>The last dimension grows from K - 1 to K.</summary>
        public override long[] ForwardShape(long[] xShape)
        {
            var shape = base.ForwardShape(xShape);
            if (shape.Length == 0) throw new ArgumentException("StickBreaking needs a last dimension (K - 1 values), but the shape is [].", nameof(xShape));
            shape[^1] += 1;
            return shape;
        }

        /// <summary>The last dimension shrinks from K to K - 1.</summary>
        public override long[] InverseShape(long[] yShape)
        {
            var shape = base.InverseShape(yShape);
            if (shape.Length == 0 || shape[^1] < 2)
                throw new ArgumentException($"StickBreaking needs a last dimension of size K >= 2, but the shape is [{string.Join(", ", shape)}].", nameof(yShape));
            shape[^1] -= 1;
            return shape;
        }

        private protected override long MinimumEventSize(bool constrained) => constrained ? 2 : 1;

        /// <summary>log(K - 1 - k) for k = 0..K-2: the offsets that centre the breaks.</summary>
        private static Tensor Offsets(long breaks, Tensor like) =>
            torch.arange(Scalars.Temporary(breaks), Scalars.Of(0), Scalars.Of(-1), like.dtype, like.device).log();

        /// <summary>u = x - offsets, log zₖ, log(1 - zₖ) and the log of the stick left before each break.</summary>
        private static (Tensor LogZ, Tensor LogOneMinusZ, Tensor LogStickBefore, Tensor LogStickAfter) Breaks(Tensor x)
        {
            var u = x - Offsets(x.shape[^1], x);
            var logZ = MathUtil.LogSigmoid(u);
            var logOneMinusZ = MathUtil.LogSigmoid(u.neg());
            var logStickAfter = logOneMinusZ.cumsum(-1);
            return (logZ, logOneMinusZ, logStickAfter - logOneMinusZ, logStickAfter);
        }

        private protected override Tensor ForwardCore(Tensor x, int batchRank)
        {
            long breaks = x.shape[^1];
            var (logZ, _, logStickBefore, logStickAfter) = Breaks(x);
            var pieces = (logZ.add(logStickBefore, Scalars.Of(1))).exp();
            var rest = logStickAfter.narrow(-1, breaks - 1, 1).exp();
            return torch.cat(new[] { pieces, rest }, -1).clamp_min(Scalars.Temporary(torch.finfo(x.dtype).tiny));
        }

        /// <summary>
        /// zₖ / (1 - zₖ) = yₖ / (yₖ₊₁ + ... + y_{K-1}), so xₖ = log yₖ - log(Σ_{j>k} yⱼ) + log(K - 1 - k); the tail sums are
        /// summed from the small end and never formed as 1 minus a sum.
        /// </summary>
        private protected override Tensor InverseCore(Tensor y, int batchRank)
        {
            long breaks = y.shape[^1] - 1;
            var tails = y.flip(-1).cumsum(-1).flip(-1).narrow(-1, 1, breaks);
            return (y.narrow(-1, 0, breaks).log() - tails.log()).add(Offsets(breaks, y), Scalars.Of(1));
        }

        private protected override Tensor LogAbsDetJacobianCore(Tensor x, int batchRank)
        {
            var (logZ, logOneMinusZ, logStickBefore, _) = Breaks(x);
            return (logZ.add(logOneMinusZ, Scalars.Of(1)).add(logStickBefore, Scalars.Of(1))).sum(-1);
        }

        internal override Tensor InSupport(Tensor y, int batchRank) => (y > Scalars.Of(0)).all(-1);
    }
}
