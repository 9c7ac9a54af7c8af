using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>y = softplus(x) = log(1 + exp(x)) onto the positive reals; log |dy/dx| = log σ(x).</summary>
    [Bijector(Support.Positive, EventRank = 0)]
    public sealed class SoftplusBijector : Bijector
    {
        internal SoftplusBijector() { }

        public override int EventRank => 0;
        public override Support Support => Support.Positive;
        public override string Name => "Softplus";

        /// <summary>softplus(x) in its stable form, at least the dtype's smallest normal number.</summary>
        private protected override Tensor ForwardCore(Tensor x, int batchRank) => MathUtil.Softplus(x).clamp_min(Scalars.Temporary(torch.finfo(x.dtype).tiny));

        /// <summary>x = log(exp(y) - 1) = y + log(1 - exp(-y)), which neither overflows for large y nor cancels for small y.</summary>
        private protected override Tensor InverseCore(Tensor y, int batchRank) => y.add(y.neg().expm1().neg().log(), Scalars.Of(1));

        /// <summary>d softplus(x)/dx = σ(x).</summary>
        private protected override Tensor LogAbsDetJacobianCore(Tensor x, int batchRank) => MathUtil.LogSigmoid(x);

        internal override Tensor InSupport(Tensor y, int batchRank) => y > Scalars.Of(0);
    }
}
