using System.ComponentModel;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Semiring
{
    /// <summary>
    /// The operations the generated estimator contracts its factors with (DESIGN 4.3-4.7), written once against
    /// this object, as Pyro's sum-product is written against a ring (<c>pyro/ops/rings.py</c>). This base class is
    /// the plain log-space ring (<see cref="Plain"/>): log P-hat for training. <see cref="SourceTermContraction"/>
    /// adds a zero source term to each group factor (posterior weights by autograd); <see cref="RecordingContraction"/>
    /// keeps every step's joint for backward sampling. Steps and groups are named (the plan's names), never numbered.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public class Contraction
    {
        /// <summary>The plain log-space ring (shared; it holds no state).</summary>
        public static readonly Contraction Plain = new Contraction();

        /// <summary>Only <see cref="Plain"/> and the derived rings.</summary>
        protected Contraction()
        {
        }

        /// <summary>True for <see cref="Plain"/>: the training path (whose graph the sample keeps).</summary>
        public bool IsPlain => ReferenceEquals(this, Plain);

        /// <summary>The dtype the estimator works in, given the problem's <paramref name="dtype"/>.</summary>
        public virtual ScalarType WorkType(ScalarType dtype) => dtype;

        /// <summary>Group <paramref name="group"/>'s factor F_g as the contraction reads it (plain: unchanged).</summary>
        public virtual Tensor Factor(string group, Tensor factor, Chunk? chunk) => factor;

        /// <summary>Step <paramref name="step"/>: log sum_{dims} exp(a + b).</summary>
        public virtual Tensor SumProduct(string step, Tensor a, Tensor b, long[] dims, Chunk? chunk) => LogSpace.SumProduct(a, b, dims);

        /// <summary>
        /// Step <paramref name="step"/> for a binary latent <paramref name="z"/> (<see cref="BinaryLatent"/>): log sum over z's
        /// particle dim (<paramref name="dims"/>) of exp(a + b + log p(z | parents)), where <paramref name="p"/> is z's P
        /// distribution given its parents, <paramref name="a"/> the rest of z's factor and <paramref name="b"/> (null: none)
        /// the step's other factor; summed per value of z, so z's dim is never broadcast against its parents'.
        /// </summary>
        public virtual Tensor SumBinary(string step, Distribution p, Tensor z, Tensor a, Tensor? b, long[] dims, int layoutRank, Chunk? chunk)
        {
            var rest = b is null ? a : a.add(b, Scalars.Of(1));
            var (atZero, atOne) = BinaryLatent.LogProbs(p, layoutRank, rest.dtype);
            return BinaryLatent.SumProduct(rest, z, atZero, atOne, dims);
        }

        /// <summary>Step <paramref name="step"/>: log sum_{dims} exp(a).</summary>
        public virtual Tensor LogSumExp(string step, Tensor a, long[] dims, Chunk? chunk) => LogSpace.LogSumExp(a, dims);

        /// <summary>
        /// Step <paramref name="step"/>: the chain product of a timeseries plate (DESIGN 4.10), see <see cref="ChainProduct.Reduce(Tensor, long[], long[], long, long[])"/>.
        /// </summary>
        public virtual Tensor Chain(string step, Tensor factor, long[] stateDims, long[] prevDims, long[] initDims, long timeDim, Chunk? chunk) =>
            ChainProduct.Reduce(factor, stateDims, prevDims, timeDim, initDims);

        /// <summary>
        /// Step <paramref name="step"/>: the chain product of a timeseries plate whose M_t is group <paramref name="group"/>'s
        /// factor alone, a Normal transition plus the rest of M_t (the planner's <c>NormalChainFactorPath</c>):
        /// M_t = log N(<paramref name="value"/> | <paramref name="transition"/>) + <paramref name="rest"/>. The group's
        /// factor as this ring reads it (<see cref="Factor"/>: its term spans the chain's own particles and plates, not the
        /// previous element's or the transition's parents') enters through the rest. Where it applies the product is taken
        /// without building M_t (<see cref="Timeseries.NormalChainProduct"/>); otherwise M_t is built in one pass
        /// (<see cref="FastPaths.NormalFactor.LogProbPlus"/>) and reduced by <see cref="Chain"/>.
        /// </summary>
        public virtual Tensor NormalChain(string step, string group, Distribution transition, Tensor value, Tensor rest, int layoutRank, ScalarType dtype,
            long[] stateDims, long[] prevDims, long[] initDims, long timeDim, Chunk? chunk)
        {
            if (transition is Normal normal
                && Timeseries.NormalChainProduct.TryReduce(normal, value, Factor(group, rest, chunk), layoutRank, dtype, stateDims, prevDims, initDims, timeDim) is { } reduced)
                return reduced;
            return NormalChainThroughFactor(step, group, transition, value, rest, layoutRank, dtype, stateDims, prevDims, initDims, timeDim, chunk);
        }

        /// <summary>
        /// True when this ring's <see cref="NormalChain"/> filters a chain from its transition's parts without building M_t
        /// at work dtype <paramref name="dtype"/> (float32 or float64; the filter runs on the CPU): the memory guard then sizes
        /// the filter's alphas instead of the chain factor.
        /// </summary>
        public virtual bool FiltersNormalChains(ScalarType dtype) => dtype == ScalarType.Float32 || dtype == ScalarType.Float64;

        /// <summary>
        /// <see cref="NormalChain"/> with M_t built and handed to <see cref="Chain"/>, for rings that keep M_t.
        /// </summary>
        protected Tensor NormalChainThroughFactor(string step, string group, Distribution transition, Tensor value, Tensor rest, int layoutRank,
            ScalarType dtype, long[] stateDims, long[] prevDims, long[] initDims, long timeDim, Chunk? chunk) =>
            Chain(step, FastPaths.NormalFactor.LogProbPlus(transition, value, Factor(group, rest, chunk), layoutRank, dtype, stateDims, prevDims, timeDim),
                stateDims, prevDims, initDims, timeDim, chunk);

        /// <summary>log P-hat from the root's total: log mean_{dims} exp(total) (dims: the non-MP sample dim).</summary>
        public virtual Tensor Total(string step, Tensor total, long[] dims, Chunk? chunk) => LogSpace.LogMeanExp(total, dims);

        /// <summary>
        /// The tensors a split evaluation differentiates with respect to: <paramref name="tensors"/> (the latents and
        /// parameters the estimator reads) and whatever this ring adds to the factors.
        /// </summary>
        public virtual Tensor[] GradientInputs(Tensor[] tensors) => tensors;
    }
}
