using System.ComponentModel;
using System;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Posterior
{
    /// <summary>
    /// Posterior weights of particles from the source-term trick (DESIGN 4.6), and the posterior
    /// expectations built on them. The gradient of log P-hat with respect to a zero factor J_g[K_g, plates]
    /// is the marginal posterior weight of each of group g's particles, per plate element.
    /// </summary>
    /// <remarks>
    /// Precision: the gradient is exp(f_k - log Z) up to rounding, and the rounding of log Z (one ulp of
    /// |log Z|) multiplies every weight of a plate element by the same factor. At |log Z| = 1e4 that is
    /// already 1e-3 in float32, so the source-term pass runs in float64 whatever the problem's dtype, and
    /// the weights are renormalised over the particle dimension. Every expectation is taken with those
    /// normalised weights; the variance is the central moment sum_k w_k (z_k - mean)^2, so it is never
    /// negative and never lost to the cancellation of E[z^2] - E[z]^2.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class PosteriorWeights
    {
        /// <summary>The dtype of the source-term pass and of the weights.</summary>
        public const ScalarType WorkType = ScalarType.Float64;

        /// <summary>
        /// Throws when autograd is unavailable (inside <c>torch.inference_mode()</c>), which the source-term
        /// trick needs. <paramref name="method"/> names the caller in the message.
        /// </summary>
        public static void RequireAutograd(string method)
        {
            if (is_inference_mode_enabled())
                throw new InvalidOperationException(
                    $"{method}() uses the source-term trick: it differentiates log P-hat with respect to zero factors, which autograd cannot do inside torch.inference_mode(). " +
                    "Call it outside inference mode (torch.no_grad() is fine), or use ImportanceSample(N).Moments(), which needs no gradients.");
        }

        /// <summary>
        /// The gradients of <paramref name="logPHat"/> with respect to the source terms <paramref name="sources"/>
        /// (zeros where a term does not reach log P-hat).
        /// </summary>
        public static Tensor[] Gradients(Tensor logPHat, Tensor[] sources, string method)
        {
            if (sources.Length == 0) return Array.Empty<Tensor>();
            if (!logPHat.requires_grad)
                throw new InvalidOperationException(
                    $"{method}(): log P-hat carries no gradient with respect to the source terms (is autograd disabled for this thread?).");
            var grads = autograd.grad(new[] { logPHat }, sources, allow_unused: true);
            var result = new Tensor[sources.Length];
            for (int i = 0; i < sources.Length; i++) result[i] = grads[i] ?? zeros_like(sources[i]);
            return result;
        }

        /// <summary>
        /// Renormalises raw source-term gradients over <paramref name="particleDim"/> so they sum to 1 per
        /// plate element (in float64). Throws, naming <paramref name="group"/>, when a plate element has no
        /// finite positive total weight: log P-hat is -inf or NaN there, so no particle explains the data.
        /// </summary>
        public static Tensor Normalise(Tensor gradient, long particleDim, string group)
        {
            var w = gradient.dtype == WorkType ? gradient : gradient.to_type(WorkType);
            var total = w.sum(new[] { particleDim }, keepdim: true);
            var bad = total.isfinite().logical_not().logical_or(total.le(Scalars.Of(0.0))).logical_or(w.isnan().any());
            if (bad.any().item<bool>()) throw NotFinite($"group '{group}'");
            return w / total;
        }

        /// <summary>
        /// The error for posterior weights with no finite positive total, of <paramref name="what"/> ("group 'Mu'",
        /// "latent 'Mu'"): Marginals, Moments and ImportanceSample say the same.
        /// </summary>
        internal static InvalidOperationException NotFinite(string what) => new InvalidOperationException(
            $"The posterior weights of {what} are not finite: log P-hat is -inf or NaN, so no combination of particles explains the data " +
            "(check the data against the model's support and scale, or draw more particles from a proposal closer to the posterior).");

        /// <summary>
        /// E_post[f(z)] per plate element: sum over the particle dim of <paramref name="weights"/> (layout rank
        /// <paramref name="layoutRank"/>) times <paramref name="statistic"/> (layout dims, then event dims).
        /// The particle dim stays, with size 1.
        /// </summary>
        public static Tensor Expect(Tensor weights, Tensor statistic, long particleDim, int layoutRank)
        {
            var f = statistic.dtype == WorkType ? statistic : statistic.to_type(WorkType);
            return Broadcast(weights, f, layoutRank).mul(f).sum(new[] { particleDim }, keepdim: true);
        }

        /// <summary>
        /// Posterior mean, second moment and central variance of <paramref name="particles"/> under
        /// <paramref name="weights"/>, each viewed as [<paramref name="leading"/>..., event...] in <paramref name="dtype"/>.
        /// </summary>
        public static Moments Moments(Tensor weights, Tensor particles, long particleDim, int layoutRank, long[] leading, ScalarType dtype)
        {
            var z = particles.detach().to_type(WorkType);
            var w = Broadcast(weights, z, layoutRank);
            var mean = w.mul(z).sum(new[] { particleDim }, keepdim: true);
            var centred = z - mean;
            var variance = w.mul(centred.pow(Scalars.Of(2))).sum(new[] { particleDim }, keepdim: true);
            var mean2 = variance.add(mean.pow(Scalars.Of(2)), Scalars.Of(1));
            var outType = is_floating_point(particles) ? dtype : WorkType;
            return new Moments(
                Layout.Extract(mean.to_type(outType), layoutRank, leading),
                Layout.Extract(mean2.to_type(outType), layoutRank, leading),
                Layout.Extract(variance.to_type(outType), layoutRank, leading));
        }

        /// <summary>
        /// Effective sample size 1 / sum_k w_k^2 over dimension 0 of <paramref name="weights"/> ([K, plates...]),
        /// computed in float64 and kept within [1, K] against round-off.
        /// </summary>
        public static Tensor Ess(Tensor weights)
        {
            long k = weights.shape[0];
            var w = weights.to_type(WorkType);
            var ess = w.pow(Scalars.Of(2)).sum(0L).reciprocal().clamp(Scalars.Of(1.0), Scalars.Temporary((double)k));
            return is_floating_point(weights) ? ess.to_type(weights.dtype) : ess;
        }

        private static Tensor Broadcast(Tensor weights, Tensor value, int layoutRank)
        {
            long extra = value.dim() - layoutRank;
            if (extra <= 0) return weights;
            var shape = new long[layoutRank + extra];
            var wShape = weights.shape;
            for (int i = 0; i < layoutRank; i++) shape[i] = wShape[i];
            for (int i = 0; i < extra; i++) shape[layoutRank + i] = 1;
            return weights.view(shape);
        }
    }
}
