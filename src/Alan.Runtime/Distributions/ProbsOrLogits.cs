using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// Shared handling of the probs/logits parameterisation (Bernoulli, Binomial, Geometric, NegativeBinomial,
    /// Categorical). The functions take the already aligned parameter tensor <c>q</c> and whether it holds logits.
    /// </summary>
    internal static class ProbsOrLogits
    {
        /// <summary>Validates that exactly one of probs/logits is given and returns it.</summary>
        public static Tensor Choose(string family, Tensor? probs, Tensor? logits)
        {
            if (probs is not null && logits is not null)
                throw new ArgumentException($"{family} needs exactly one of probs or logits; got both.");
            if (probs is null && logits is null)
                throw new ArgumentException($"{family} needs exactly one of probs or logits; got neither.");
            return probs ?? logits!;
        }

        /// <summary>Whether every entry of <paramref name="x"/> is 0 or 1 (one host synchronisation on x's own shape).</summary>
        public static bool IsBinary(Tensor x)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            return x.eq(Scalars.Of(0)).logical_or_(x.eq(Scalars.Of(1))).all().item<bool>();
        }

        /// <summary>x * log p (0 where x = 0, even if p = 0).</summary>
        public static Tensor XLogP(Tensor x, Tensor q, bool isLogits) =>
            isLogits ? x * MathUtil.LogSigmoid(q) : torch.xlogy(x, q);

        /// <summary>x * log(1 - p) (0 where x = 0, even if p = 1).</summary>
        public static Tensor XLog1mP(Tensor x, Tensor q, bool isLogits) =>
            isLogits ? x * MathUtil.LogSigmoid(-q) : torch.special.xlog1py(x, -q);

        /// <summary>log p.</summary>
        public static Tensor LogP(Tensor q, bool isLogits) => isLogits ? MathUtil.LogSigmoid(q) : q.log();

        /// <summary>log(1 - p).</summary>
        public static Tensor Log1mP(Tensor q, bool isLogits) => isLogits ? MathUtil.LogSigmoid(-q) : (-q).log1p();

        /// <summary>The success probability p.</summary>
        public static Tensor ToProbs(Tensor q, bool isLogits) => isLogits ? q.sigmoid() : q;

        /// <summary>The odds p / (1 - p).</summary>
        public static Tensor Odds(Tensor q, bool isLogits) => isLogits ? q.exp() : q / (-(q - Scalars.Of(1)));
    }
}
