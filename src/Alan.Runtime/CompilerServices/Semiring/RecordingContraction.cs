using System.ComponentModel;
using System;
using System.Collections.Generic;
using Alan.CompilerServices.Memory;
using Alan.CompilerServices.Posterior;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Semiring
{
    /// <summary>
    /// The log-space ring that keeps the joint log-weight of every contraction step of one forward pass, by step
    /// name, so <see cref="BackwardSampler"/> can walk the steps in reverse for exact backward sampling (DESIGN 4.7).
    /// Within a split evaluation, the chunks' joints are kept and joined along the split dimension.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class RecordingContraction : Contraction, IDisposable
    {
        private sealed class Entry
        {
            public Tensor? Joint;
            public List<Tensor>? Chunks;
            public long ChunkDim;
            public ChainDims? Chain;
        }

        private readonly Dictionary<string, Entry> _steps = new Dictionary<string, Entry>();

        /// <summary>The problem's dtype, in which the joints are kept (the pass itself runs in float64).</summary>
        private ScalarType _keptType = PosteriorWeights.WorkType;

        /// <summary>
        /// The pass runs in the source-term pass's dtype (float64, <see cref="PosteriorWeights.WorkType"/>), so that
        /// ImportanceSample draws from the weights Marginals and Moments report: a float32 joint loses the weights'
        /// differences once |log P-hat| is large (data 1e6 away from the prior drew particles the float64 weights gave
        /// almost none). The joints are kept in the problem's <paramref name="dtype"/> (noted here: a ring serves one
        /// pass), shifted first (<see cref="Shifted"/>), which keeps those differences and the memory of a float32 pass.
        /// </summary>
        public override ScalarType WorkType(ScalarType dtype)
        {
            _keptType = dtype;
            return PosteriorWeights.WorkType;
        }

        /// <summary>
        /// <paramref name="joint"/> less its largest value over <paramref name="dims"/> (where finite), in the kept dtype:
        /// backward sampling draws those dims from their conditional given the others, which a shift constant over them
        /// leaves unchanged, and the log-weights that matter are then near 0, where float32 resolves them. A plate
        /// element with no finite weight stays -inf, and NaN stays NaN.
        /// </summary>
        private Tensor Shifted(Tensor joint, long[] dims)
        {
            if (_keptType == joint.dtype) return joint;
            var d = joint.detach();
            return (dims.Length == 0 ? d : d - LogSpace.SafeMax(d, dims)).to_type(_keptType);
        }

        /// <inheritdoc/>
        public override Tensor SumProduct(string step, Tensor a, Tensor b, long[] dims, Chunk? chunk)
        {
            var joint = a.add(b, Scalars.Of(1));
            Record(step, Shifted(joint.detach(), dims), chunk);
            // Not LogSpace.SumProduct, which shifts the joint in place: the record shares the joint's storage.
            return LogSpace.LogSumExp(joint, dims);
        }

        /// <summary>Records the per-particle joint (backward sampling draws z's particle from it), then sums it.</summary>
        public override Tensor SumBinary(string step, Distribution p, Tensor z, Tensor a, Tensor? b, long[] dims, int layoutRank, Chunk? chunk)
        {
            var rest = b is null ? a : a.add(b, Scalars.Of(1));
            var (atZero, atOne) = BinaryLatent.LogProbs(p, layoutRank, rest.dtype);
            var joint = BinaryLatent.Joint(rest, z, atZero, atOne);
            Record(step, Shifted(joint.detach(), dims), chunk);
            return LogSpace.LogSumExp(joint, dims);
        }

        /// <inheritdoc/>
        public override Tensor LogSumExp(string step, Tensor a, long[] dims, Chunk? chunk)
        {
            Record(step, _keptType == a.dtype ? a.detach().alias() : Shifted(a, dims), chunk);
            return LogSpace.LogSumExp(a, dims);
        }

        /// <summary>Records the chain factor M (and which dims are the chain's) for forward-filter backward-sample.</summary>
        public override Tensor Chain(string step, Tensor factor, long[] stateDims, long[] prevDims, long[] initDims, long timeDim, Chunk? chunk)
        {
            Record(step, factor.detach().alias(), chunk);
            _steps[step].Chain = new ChainDims(stateDims, prevDims, initDims, timeDim);
            return base.Chain(step, factor, stateDims, prevDims, initDims, timeDim, chunk);
        }

        /// <summary>False: backward sampling draws the chain's states from M_t, which this ring builds.</summary>
        public override bool FiltersNormalChains(ScalarType dtype) => false;

        /// <summary>Builds M_t: backward sampling draws the chain's states from it.</summary>
        public override Tensor NormalChain(string step, string group, Distribution transition, Tensor value, Tensor rest, int layoutRank, ScalarType dtype,
            long[] stateDims, long[] prevDims, long[] initDims, long timeDim, Chunk? chunk) =>
            NormalChainThroughFactor(step, group, transition, value, rest, layoutRank, dtype, stateDims, prevDims, initDims, timeDim, chunk);

        /// <summary>
        /// The sharded plate when the pass was sharded (<see cref="ComputationStrategy.Sharded"/>), else null. The steps
        /// inside it hold this rank's elements only; the steps outside it (the root's) hold the ranks' added plate results,
        /// the same on every rank.
        /// </summary>
        internal Chunk? Shard { get; private set; }

        /// <summary>The chain dims of step <paramref name="step"/> when it is a timeseries plate's chain product, else null.</summary>
        public ChainDims? ChainOf(string step) => _steps.TryGetValue(step, out var entry) ? entry.Chain : null;

        /// <inheritdoc/>
        public override Tensor Total(string step, Tensor total, long[] dims, Chunk? chunk)
        {
            Record(step, _keptType == total.dtype ? total.detach().alias() : Shifted(total, dims), chunk);
            return LogSpace.LogMeanExp(total, dims);
        }

        /// <summary>Keeps <paramref name="joint"/> (a detached handle, owned by this record from now on).</summary>
        private void Record(string step, Tensor joint, Chunk? chunk)
        {
            Chunk.RequireWholePlate(chunk, "ImportanceSample and the posterior draws");
            if (chunk?.Communicator is not null) Shard = chunk;
            joint.DetachFromDisposeScope();
            if (!_steps.TryGetValue(step, out var entry)) _steps[step] = entry = new Entry();
            if (chunk is { Active: true })
            {
                (entry.Chunks ??= new List<Tensor>()).Add(joint);
                entry.ChunkDim = chunk.Dim;
                return;
            }
            entry.Joint?.Dispose();
            entry.Joint = joint;
        }

        /// <summary>The joint log-weight of step <paramref name="step"/> over the union of its factors' dims.</summary>
        public Tensor Joint(string step)
        {
            if (!_steps.TryGetValue(step, out var entry))
                throw new InvalidOperationException($"Contraction step '{step}' was not recorded.");
            if (entry.Chunks is { Count: > 0 } parts)
            {
                var whole = cat(parts.ToArray(), entry.ChunkDim).DetachFromDisposeScope();
                foreach (var p in parts) p.Dispose();
                parts.Clear();
                entry.Joint?.Dispose();
                entry.Joint = whole;
            }
            return entry.Joint ?? throw new InvalidOperationException($"Contraction step '{step}' was not recorded.");
        }

        /// <summary>Releases the recorded tensors.</summary>
        public void Dispose()
        {
            foreach (var entry in _steps.Values)
            {
                entry.Joint?.Dispose();
                entry.Joint = null;
                if (entry.Chunks is { } parts) { foreach (var p in parts) p.Dispose(); parts.Clear(); }
            }
            _steps.Clear();
        }
    }

    /// <summary>The layout dims of a recorded chain product: the chains' states, their previous elements, their inits, and the plate.</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed record ChainDims(long[] States, long[] Previous, long[] Inits, long Time);
}
