using TorchSharp;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Semiring
{
    /// <summary>
    /// Categorical draws from unnormalised log-weights by the Gumbel-max trick: with g_i iid standard Gumbel,
    /// argmax_i (l_i + g_i) is distributed as softmax(l), so no normalisation or exponential is needed and a
    /// log-weight of -inf is never drawn. Used by both samplers (<see cref="BackwardSampler"/>, <see cref="ChainSampler"/>).
    /// </summary>
    internal static class GumbelMax
    {
        /// <summary>Uniforms are kept in [1e-12, 1 - 1e-12] so that g = -log(-log u) is finite.</summary>
        private static readonly Scalar Low = 1e-12.ToScalar();
        private static readonly Scalar High = (1.0 - 1e-12).ToScalar();

        /// <summary>
        /// One draw per row of <paramref name="logits"/> over its last dim: indices shaped like logits without it. The
        /// uniforms come from <paramref name="generator"/> (null: torch's default generator).
        /// </summary>
        public static Tensor Draw(Tensor logits, Generator? generator)
        {
            var u = rand(logits.shape, logits.dtype, logits.device, generator: generator).clamp_(Low, High);
            return (logits - u.log_().neg_().log_()).argmax(-1);
        }
    }
}
