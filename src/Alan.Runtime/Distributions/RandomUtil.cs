using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Primitive draws from torch's global generator (so they follow torch.manual_seed).</summary>
    internal static class RandomUtil
    {
        /// <summary>Uniform draws clamped to [tiny, 1 - eps], safe for log and inverse CDFs.</summary>
        public static Tensor OpenUniform(long[] shape, ScalarType dtype, Device device)
        {
            var fi = torch.finfo(dtype);
            return torch.rand(shape, dtype, device).clamp(fi.tiny, 1 - fi.eps);
        }

        /// <summary>Standard normal draws.</summary>
        public static Tensor Normal(long[] shape, ScalarType dtype, Device device) => torch.randn(shape, dtype, device);

        /// <summary>
        /// Gamma(concentration, 1) draws of the given shape, with pathwise gradients w.r.t. the concentration
        /// (torch._standard_gamma has an implicit-reparameterisation backward), clamped to at least finfo.tiny.
        /// </summary>
        public static Tensor StandardGamma(Tensor concentration, long[] shape)
        {
            var g = torch._standard_gamma(concentration.expand(shape).contiguous());
            return g.clamp_min(torch.finfo(g.dtype).tiny);
        }
    }
}
