using System.ComponentModel;
using System;
using static TorchSharp.torch;

namespace Alan.CompilerServices
{
    /// <summary>
    /// The inputs of every contraction step of one forward pass of the estimator, kept so the steps can
    /// be walked in reverse for exact backward sampling (DESIGN 4.7).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class EliminationRecord : IDisposable
    {
        private readonly Tensor?[] _joint;
        private readonly System.Collections.Generic.List<Tensor>?[] _chunks;
        private readonly long[] _chunkDim;

        /// <summary>Room for <paramref name="steps"/> recorded steps.</summary>
        public EliminationRecord(int steps)
        {
            _joint = new Tensor?[steps];
            _chunks = new System.Collections.Generic.List<Tensor>?[steps];
            _chunkDim = new long[steps];
        }

        /// <summary>Number of recorded steps.</summary>
        public int Count => _joint.Length;

        /// <summary>
        /// Records step <paramref name="step"/>'s joint log-weight a (+ b), detached and owned by this record.
        /// Within a split evaluation, the chunks' joints are kept and joined along the split dimension.
        /// </summary>
        public void Set(int step, Tensor a, Tensor? b = null, Chunk? chunk = null)
        {
            var joint = (b is null ? a.detach().alias() : (a + b).detach()).DetachFromDisposeScope();
            if (chunk is { Active: true })
            {
                (_chunks[step] ??= new System.Collections.Generic.List<Tensor>()).Add(joint);
                _chunkDim[step] = chunk.Dim;
                return;
            }
            _joint[step]?.Dispose();
            _joint[step] = joint;
        }

        /// <summary>The joint log-weight of a step over the union of its factors' dims.</summary>
        public Tensor Joint(int step)
        {
            if (_chunks[step] is { Count: > 0 } parts)
            {
                var whole = cat(parts.ToArray(), _chunkDim[step]).DetachFromDisposeScope();
                foreach (var p in parts) p.Dispose();
                parts.Clear();
                _joint[step]?.Dispose();
                _joint[step] = whole;
            }
            return _joint[step] ?? throw new InvalidOperationException($"Elimination step {step} was not recorded.");
        }

        /// <summary>Releases the recorded tensors.</summary>
        public void Dispose()
        {
            for (int i = 0; i < _joint.Length; i++)
            {
                _joint[i]?.Dispose();
                _joint[i] = null;
                if (_chunks[i] is { } parts) { foreach (var p in parts) p.Dispose(); parts.Clear(); }
            }
        }
    }
}
