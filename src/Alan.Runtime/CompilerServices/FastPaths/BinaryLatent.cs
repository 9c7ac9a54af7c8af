using System.ComponentModel;
using static TorchSharp.torch;

namespace Alan.CompilerServices.FastPaths
{
    /// <summary>
    /// Summing out a latent with values in {0, 1} per value instead of per particle (DESIGN 4.4).
    /// <para>
    /// The factor of a binary latent z, log p(z | parents) - log q(z) - log K, spans z's particle dim K_z and its
    /// parents' dims; contracted with the rest of its step it is a tensor over the union of both (occupancy at K = 30:
    /// K_z x K_BirdYearMean x K_Bird x 14,400 plate elements, 389M numbers). But z's K particles take two values, so
    /// with rest r (everything of the step read at z's particles, over K_z and other dims):
    /// <code>
    ///   log sum_{k} exp(r[k] + log p(z_k | parents))
    ///     = log( exp(A_0 + log p(0 | parents)) + exp(A_1 + log p(1 | parents)) ),
    ///   A_v = log sum_{k : z_k = v} exp(r[k])      (-inf when no particle has the value v)
    /// </code>
    /// which never broadcasts K_z against the parents' dims. Q's mixture over its parents' particles (DESIGN 4.2)
    /// likewise needs q's log-density at 0 and at 1 only. Both are the same functions of their inputs as the
    /// per-particle forms (values and gradients), to rounding.
    /// </para>
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class BinaryLatent
    {
        /// <summary>log p(0) and log p(1) over <paramref name="distribution"/>'s parameters (layout rank <paramref name="layoutRank"/>).</summary>
        public static (Tensor AtZero, Tensor AtOne) LogProbs(Distribution distribution, int layoutRank, ScalarType dtype)
        {
            var shape = OnesOfRank(layoutRank);
            var zero = zeros(shape, dtype: dtype);
            var one = ones(shape, dtype: dtype);
            return (distribution.LogProb(zero, layoutRank, dtype), distribution.LogProb(one, layoutRank, dtype));
        }

        /// <summary>
        /// Q's log-density of <paramref name="z"/> as a mixture over its parents' particles (<paramref name="parentDims"/>):
        /// log mean_{parents} q(z | parents), from q's log mean at 0 and at 1, read at each particle's value.
        /// </summary>
        public static Tensor MixtureLogProb(Distribution q, Tensor z, long[] parentDims, int layoutRank, ScalarType dtype)
        {
            var (atZero, atOne) = LogProbs(q, layoutRank, dtype);
            return where(IsOne(z), LogSpace.LogMeanExp(atOne, parentDims), LogSpace.LogMeanExp(atZero, parentDims));
        }

        /// <summary>
        /// log sum_{dim} exp(<paramref name="rest"/> + log p(<paramref name="z"/> | parents)) through the per-value sums
        /// A_0, A_1 of <paramref name="rest"/> (see the class summary); <paramref name="dim"/> is z's particle dim.
        /// </summary>
        public static Tensor SumProduct(Tensor rest, Tensor z, Tensor logPAtZero, Tensor logPAtOne, long dim) =>
            SumProduct(rest, z, logPAtZero, logPAtOne, new[] { dim });

        /// <summary>As above, with z's particle dim as the one-element array the generated code holds (no allocation per call).</summary>
        public static Tensor SumProduct(Tensor rest, Tensor z, Tensor logPAtZero, Tensor logPAtOne, long[] dims)
        {
            var one = IsOne(z);
            var atOne = MaskedLogSumExp(rest, one, dims);
            var atZero = MaskedLogSumExp(rest, one.logical_not(), dims);
            return (atZero.add(logPAtZero, Scalars.Of(1))).logaddexp(atOne.add(logPAtOne, Scalars.Of(1)));
        }

        /// <summary>The joint the per-particle form would contract: <paramref name="rest"/> + log p(z_k | parents) (for recording).</summary>
        public static Tensor Joint(Tensor rest, Tensor z, Tensor logPAtZero, Tensor logPAtOne) =>
            rest.add(where(IsOne(z), logPAtOne, logPAtZero), Scalars.Of(1));

        private static Tensor IsOne(Tensor z) => z.detach().gt(Scalars.Of(0.5));

        // The all-ones shape of each layout rank, built once (the values 0 and 1 are placed in the layout every estimate).
        private static readonly long[]?[] OnesByRank = new long[]?[64];

        private static long[] OnesOfRank(int layoutRank) =>
            layoutRank < OnesByRank.Length ? OnesByRank[layoutRank] ??= Layout.Ones(layoutRank) : Layout.Ones(layoutRank);

        /// <summary>
        /// log sum over <paramref name="dims"/> of exp(a) where <paramref name="keep"/>, -inf where nothing is kept: the
        /// log-sum-exp of a with the entries not kept set to -inf, so it is shifted by the kept entries' own maximum (one
        /// value's particles far below the other's keep their precision) and has gradient 0 (not NaN) at entries not kept
        /// and at sums with nothing kept.
        /// </summary>
        private static Tensor MaskedLogSumExp(Tensor a, Tensor keep, long[] dims)
        {
            var minusInfinity = tensor(double.NegativeInfinity, dtype: a.dtype, device: a.device);
            return LogSpace.LogSumExpOfTemporary(where(keep, a, minusInfinity), dims);
        }
    }
}
