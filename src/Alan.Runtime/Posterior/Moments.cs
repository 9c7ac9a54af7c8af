using static TorchSharp.torch;

namespace Alan
{
    /// <summary>Posterior moments of one latent, each shaped [plates..., event...].</summary>
    public sealed class Moments
    {
        private readonly Tensor? _variance;

        /// <summary>Wraps E[z] and E[z^2]; the variance is then E[z^2] - E[z]^2, clamped at 0.</summary>
        public Moments(Tensor mean, Tensor mean2)
        {
            Mean = mean ?? throw new System.ArgumentNullException(nameof(mean));
            Mean2 = mean2 ?? throw new System.ArgumentNullException(nameof(mean2));
        }

        /// <summary>Wraps E[z], E[z^2] and the central variance E[(z - E[z])^2], computed without cancellation.</summary>
        public Moments(Tensor mean, Tensor mean2, Tensor variance) : this(mean, mean2)
        {
            _variance = variance ?? throw new System.ArgumentNullException(nameof(variance));
        }

        /// <summary>
        /// Moments estimated from draws shaped [N, ...] over the first dimension, accumulated in float64
        /// (returned in the draws' floating dtype); the variance is the central one.
        /// </summary>
        public static Moments FromDraws(Tensor draws)
        {
            if (draws is null) throw new System.ArgumentNullException(nameof(draws));
            var outType = is_floating_point(draws) ? draws.dtype : ScalarType.Float64;
            var x = draws.detach().to_type(ScalarType.Float64);
            var dim = new long[] { 0 };
            var mean = x.mean(dim, keepdim: true);
            var variance = (x - mean).pow(Scalars.Of(2)).mean(dim);
            var mean1 = mean.squeeze(0);
            return new Moments(mean1.to_type(outType), (variance.add(mean1.pow(Scalars.Of(2)), Scalars.Of(1))).to_type(outType), variance.to_type(outType));
        }

        /// <summary>E_post[z].</summary>
        public Tensor Mean { get; }

        /// <summary>E_post[z^2] (elementwise).</summary>
        public Tensor Mean2 { get; }

        /// <summary>The posterior variance: the central moment when it was computed directly, else E[z^2] - E[z]^2 clamped at 0.</summary>
        public Tensor Variance => _variance ?? (Mean2 - Mean * Mean).clamp_min(Scalars.Of(0.0));

        /// <summary>sqrt(Variance).</summary>
        public Tensor Std => Variance.sqrt();

        /// <summary>Moves the tensors to the dispose scope enclosing the current one (see TorchSharp's dispose scopes).</summary>
        public Moments MoveToOuterDisposeScope()
        {
            Mean.MoveToOuterDisposeScope();
            Mean2.MoveToOuterDisposeScope();
            _variance?.MoveToOuterDisposeScope();
            return this;
        }

        /// <inheritdoc/>
        public override string ToString() => "Moments(mean shape [" + string.Join(", ", Mean.shape) + "])";
    }
}
