using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Posterior moments of one latent, each shaped [plates..., event...].</summary>
    public sealed class Moments
    {
        /// <summary>Wraps E[z] and E[z^2].</summary>
        public Moments(Tensor mean, Tensor mean2)
        {
            Mean = mean;
            Mean2 = mean2;
        }

        /// <summary>Moments estimated from draws shaped [N, ...]: means of z and z^2 over the first dimension.</summary>
        public static Moments FromDraws(Tensor draws)
        {
            var x = is_floating_point(draws) ? draws : draws.to_type(ScalarType.Float64);
            return new Moments(x.mean(new long[] { 0 }), (x * x).mean(new long[] { 0 }));
        }

        /// <summary>E_post[z].</summary>
        public Tensor Mean { get; }

        /// <summary>E_post[z^2] (elementwise).</summary>
        public Tensor Mean2 { get; }

        /// <summary>E[z^2] - E[z]^2, clamped at 0 against round-off.</summary>
        public Tensor Variance => (Mean2 - Mean * Mean).clamp_min(0.0);

        /// <summary>sqrt(Variance).</summary>
        public Tensor Std => Variance.sqrt();

        /// <inheritdoc/>
        public override string ToString() => "Moments(mean shape [" + string.Join(", ", Mean.shape) + "])";
    }
}
