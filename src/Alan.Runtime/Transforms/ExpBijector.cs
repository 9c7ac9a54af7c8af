using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>y = exp(x) onto the positive reals; log |dy/dx| = x.</summary>
    [Bijector(Support.Positive, EventRank = 0)]
    public sealed class ExpBijector : Bijector
    {
        internal ExpBijector() { }

        public override int EventRank => 0;
        public override Support Support => Support.Positive;
        public override string Name => "Exp";

        /// <summary>exp(x), at least the dtype's smallest normal number (exp(-104) is 0 in float32).</summary>
        private protected override Tensor ForwardCore(Tensor x, int batchRank) => x.exp().clamp_min(Scalars.Temporary(torch.finfo(x.dtype).tiny));

        private protected override Tensor InverseCore(Tensor y, int batchRank) => y.log();

        private protected override Tensor LogAbsDetJacobianCore(Tensor x, int batchRank) => x.alias();

        internal override Tensor InSupport(Tensor y, int batchRank) => y > Scalars.Of(0);
    }
}
