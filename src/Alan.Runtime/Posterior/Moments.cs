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
