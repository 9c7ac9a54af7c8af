using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// Reals onto strictly increasing positive vectors: yᵢ = exp(x₀) + ... + exp(xᵢ). The Jacobian is lower triangular
    /// with diagonal exp(xᵢ): log |det J| = x₀ + ... + x_{n-1}.
    /// </summary>
    [Bijector(Support.PositiveOrdered, EventRank = 1)]
    public sealed class PositiveOrderedBijector : Bijector
    {
        internal PositiveOrderedBijector() { }

        public override int EventRank => 1;
        public override Support Support => Support.PositiveOrdered;
        public override string Name => "PositiveOrdered";

        private protected override Tensor ForwardCore(Tensor x, int batchRank) => x.exp().cumsum(-1).clamp_min(Scalars.Temporary(torch.finfo(x.dtype).tiny));

        /// <summary>x₀ = log y₀, xᵢ = log(yᵢ - yᵢ₋₁).</summary>
        private protected override Tensor InverseCore(Tensor y, int batchRank) => Steps(y).log();

        private protected override Tensor LogAbsDetJacobianCore(Tensor x, int batchRank) => x.sum(-1);

        internal override Tensor InSupport(Tensor y, int batchRank) => (Steps(y) > Scalars.Of(0)).all(-1);

        /// <summary>y₀, y₁ - y₀, y₂ - y₁, ...</summary>
        private static Tensor Steps(Tensor y)
        {
            long n = y.shape[^1];
            return torch.cat(new[] { y.narrow(-1, 0, 1), y.narrow(-1, 1, n - 1) - y.narrow(-1, 0, n - 1) }, -1);
        }
    }
}
