using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// Reals onto strictly increasing vectors: y₀ = x₀, yᵢ = yᵢ₋₁ + exp(xᵢ). The Jacobian is lower triangular with
    /// diagonal 1, exp(x₁), exp(x₂), ...: log |det J| = x₁ + ... + x_{n-1}.
    /// </summary>
    [Bijector(Support.Ordered, EventRank = 1)]
    public sealed class OrderedBijector : Bijector
    {
        internal OrderedBijector() { }

        public override int EventRank => 1;
        public override Support Support => Support.Ordered;
        public override string Name => "Ordered";

        private protected override Tensor ForwardCore(Tensor x, int batchRank)
        {
            long n = x.shape[^1];
            return torch.cat(new[] { x.narrow(-1, 0, 1), x.narrow(-1, 1, n - 1).exp() }, -1).cumsum(-1);
        }

        /// <summary>x₀ = y₀, xᵢ = log(yᵢ - yᵢ₋₁).</summary>
        private protected override Tensor InverseCore(Tensor y, int batchRank)
        {
            long n = y.shape[^1];
            var steps = y.narrow(-1, 1, n - 1) - y.narrow(-1, 0, n - 1);
            return torch.cat(new[] { y.narrow(-1, 0, 1), steps.log() }, -1);
        }

        private protected override Tensor LogAbsDetJacobianCore(Tensor x, int batchRank) => x.narrow(-1, 1, x.shape[^1] - 1).sum(-1);

        internal override Tensor InSupport(Tensor y, int batchRank)
        {
            long n = y.shape[^1];
            return (y.narrow(-1, 1, n - 1) > y.narrow(-1, 0, n - 1)).all(-1);
        }
    }
}
