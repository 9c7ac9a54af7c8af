using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>y = σ(x) onto (0, 1); log |dy/dx| = log σ(x) + log σ(-x).</summary>
    [Bijector(Support.UnitInterval, EventRank = 0)]
    public sealed class UnitIntervalBijector : Bijector
    {
        internal UnitIntervalBijector() { }

        public override int EventRank => 0;
        public override Support Support => Support.UnitInterval;
        public override string Name => "UnitInterval";

        /// <summary>σ(x), clamped into the open interval (σ(20) rounds to 1 in float32).</summary>
        private protected override Tensor ForwardCore(Tensor x, int batchRank) => OpenSigmoid(x);

        /// <summary>logit(y) = log y - log(1 - y).</summary>
        private protected override Tensor InverseCore(Tensor y, int batchRank) => y.log() - y.neg().log1p();

        private protected override Tensor LogAbsDetJacobianCore(Tensor x, int batchRank) => MathUtil.LogSigmoid(x).add(MathUtil.LogSigmoid(x.neg()), Scalars.Of(1));

        internal override Tensor InSupport(Tensor y, int batchRank) => (y > Scalars.Of(0)).logical_and(y < Scalars.Of(1));
    }
}
