using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// Base of the discrete families parameterised by exactly one of <see cref="Probs"/> or <see cref="Logits"/>
    /// (Bernoulli, Geometric, Binomial, NegativeBinomial): holds the chosen parameter and whether it is logits.
    /// </summary>
    public abstract class ProbsOrLogitsDistribution : Distribution
    {
        /// <summary>Validates that exactly one of probs/logits is given (naming <paramref name="family"/>).</summary>
        protected ProbsOrLogitsDistribution(string family, Tensor? probs, Tensor? logits)
        {
            Parameter = ProbsOrLogits.Choose(family, probs, logits);
            Probs = probs;
            Logits = logits;
        }

        /// <summary>The success probability, when given.</summary>
        public Tensor? Probs { get; }

        /// <summary>The log-odds of success, when given.</summary>
        public Tensor? Logits { get; }

        /// <summary>Whichever of probs/logits was given.</summary>
        protected Tensor Parameter { get; }

        /// <summary>True when <see cref="Parameter"/> holds logits.</summary>
        protected bool IsLogits => Logits is not null;

        /// <inheritdoc/>
        public override int EventRank => 0;

        /// <inheritdoc/>
        public override bool IsReparameterised => false;

        /// <inheritdoc/>
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(Parameter);
    }
}
