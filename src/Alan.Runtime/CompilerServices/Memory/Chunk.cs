using System.ComponentModel;
using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Memory
{
    /// <summary>
    /// The state of a <see cref="ComputationStrategy.Split"/> evaluation (DESIGN 4.9): which plate dimension is
    /// cut, the current chunk, and (while recomputing a chunk for its gradient) which tensors stand in for which.
    /// Generated code routes every tensor it reads inside a plate through <see cref="Cut"/>; tensors without
    /// the split plate's dimension pass through unchanged. The same hook serves
    /// <see cref="ComputationStrategy.Subsample"/> (the one "chunk" is a random minibatch of the plate, its result scaled
    /// by N / B) and <see cref="ComputationStrategy.Sharded"/> (the chunk is this rank's whole plate, its result added
    /// over the ranks: <see cref="ShardReduction"/>).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class Chunk
    {
        private Tensor[]? _from;
        private Tensor[]? _to;
        private bool[]? _preCut;

        private Tensor? _batch;
        private Tensor? _batchOnDevice;

        private Chunk(string plate, long dim, long size, long chunkSize)
        {
            Plate = plate;
            Dim = dim;
            Size = size;
            ChunkSize = chunkSize;
        }

        /// <summary>The ranks that share the plate, when this is a sharded evaluation.</summary>
        internal Distributed.ICommunicator? Communicator { get; private init; }

        /// <summary>True when this is a minibatch of the plate (<see cref="ComputationStrategy.Subsample"/>).</summary>
        internal bool Subsamples => _batch is not null;

        /// <summary>The split plate.</summary>
        public string Plate { get; }

        /// <summary>Its layout dimension.</summary>
        public long Dim { get; }

        /// <summary>Its size.</summary>
        public long Size { get; }

        /// <summary>Elements per chunk.</summary>
        public long ChunkSize { get; }

        /// <summary>True while a chunk is being evaluated.</summary>
        public bool Active { get; private set; }

        /// <summary>First element of the current chunk.</summary>
        public long Start { get; private set; }

        /// <summary>Elements in the current chunk.</summary>
        public long Length { get; private set; }

        /// <summary>
        /// The chunk state for <paramref name="strategy"/> over the problem's <paramref name="plates"/>, or null
        /// when it does not split. Throws when the plate does not exist.
        /// </summary>
        public static Chunk? Create(ComputationStrategy? strategy, PlateLayout plates)
        {
            if (strategy?.Plate is not string plate) return null;
            int i = plates.IndexOf(plate);
            if (i < 0)
                throw new ArgumentException(
                    $"ComputationStrategy.Split names plate '{plate}', but this problem's plates are: {(plates.Count == 0 ? "(none)" : string.Join(", ", plates.Names))}.",
                    nameof(strategy));
            long size = plates.Sizes[i];
            if (strategy.Subsamples)
            {
                // B of the N elements, uniformly without replacement: each element is in the batch with probability B / N,
                // so N / B times the batch's sum has the plate's sum as its expectation. Sorted, so reads stay in order.
                if (strategy.BatchSize >= size) return null;
                using var permutation = randperm(size, generator: strategy.BatchGenerator);
                using var chosen = permutation.narrow(0, 0, strategy.BatchSize);
                var (sorted, order) = chosen.sort();
                order.Dispose();
                return new Chunk(plate, plates.Dims[i], size, strategy.BatchSize) { _batch = sorted.DetachFromDisposeScope() };
            }
            if (strategy.Communicator is { } communicator)
            {
                // A global tensor is told from a local one by its size along the plate (1 against the shard's size).
                if (size < 2)
                    throw new ArgumentException(
                        $"ComputationStrategy.Sharded: rank {communicator.Rank} holds {size} element(s) of plate '{plate}'; every rank's shard needs at least 2.",
                        nameof(strategy));
                return new Chunk(plate, plates.Dims[i], size, size) { Communicator = communicator };
            }
            return new Chunk(plate, plates.Dims[i], size, Math.Min(strategy.ChunkSize, size));
        }

        /// <summary>True when this split cuts the plate at layout dimension <paramref name="dim"/>.</summary>
        public static bool Splits(Chunk? chunk, long dim) => chunk is not null && chunk.Dim == dim;

        /// <summary>The current chunk of <paramref name="t"/> (or its stand-in) along the split dimension.</summary>
        public static Tensor Cut(Chunk? chunk, Tensor t)
        {
            if (chunk is null) return t;
            var x = chunk.Substitute(t, out bool preCut);
            if (preCut || !chunk.Active || x.dim() <= chunk.Dim || x.shape[chunk.Dim] == 1) return x;
            if (chunk.Communicator is not null) return x;             // a rank's shard is its whole plate
            if (chunk._batch is not null) return x.index_select(chunk.Dim, chunk.BatchFor(x));
            return x.narrow(chunk.Dim, chunk.Start, chunk.Length);
        }

        /// <summary>The minibatch's indices on <paramref name="x"/>'s device (moved once).</summary>
        private Tensor BatchFor(Tensor x)
        {
            static bool Same(Tensor a, Tensor b) => a.device_type == b.device_type && a.device_index == b.device_index;
            if (Same(_batch!, x)) return _batch!;
            if (_batchOnDevice is null || !Same(_batchOnDevice, x))
            {
                _batchOnDevice?.Dispose();
                _batchOnDevice = _batch!.to(x.device).DetachFromDisposeScope();
            }
            return _batchOnDevice;
        }

        /// <summary>
        /// Throws when <paramref name="chunk"/> is a minibatch: <paramref name="pass"/> needs every element of the plate.
        /// </summary>
        public static void RequireWholePlate(Chunk? chunk, string pass)
        {
            if (chunk is { Subsamples: true })
                throw new InvalidOperationException(
                    $"ComputationStrategy.Subsample estimates log P-hat for training (ElboVi, ElboRws, ElboNoGrad); {pass} need every element of plate " +
                    $"'{chunk.Plate}'. Call them with no strategy, ComputationStrategy.Full or a Split.");
        }

        /// <summary>
        /// Evaluates a plate chunk by chunk and adds the chunk results. With gradients required, the chunks are
        /// evaluated without a graph and recomputed one at a time in the backward pass (checkpointing), so
        /// peak memory follows one chunk; values and gradients equal the unsplit evaluation.
        /// </summary>
        /// <param name="chunk">The split state.</param>
        /// <param name="body">Evaluates the plate for the current chunk; returns its result factors.</param>
        /// <param name="inputs">Every tensor the plate reads that may carry gradients.</param>
        public static Tensor[] Run(Chunk chunk, Func<Tensor[]> body, Tensor[] inputs)
        {
            if (chunk._batch is not null) return chunk.RunBatch(body);
            if (chunk.Communicator is not null) return ShardReduction.Run(chunk, body, inputs);
            bool needGrad = is_grad_enabled();
            if (needGrad)
            {
                needGrad = false;
                foreach (var t in inputs) if (t.requires_grad) { needGrad = true; break; }
            }
            if (!needGrad) return chunk.Loop(body);
            var vars = new object[inputs.Length + 2];
            vars[0] = chunk;
            vars[1] = body;
            Array.Copy(inputs, 0, vars, 2, inputs.Length);
            return ChunkCheckpoint.apply(vars).ToArray();
        }

        /// <summary>The minibatch's results times N / B, with their graph (the batch is small; no checkpointing).</summary>
        private Tensor[] RunBatch(Func<Tensor[]> body)
        {
            Tensor[] outs;
            Enter(0, ChunkSize);
            try
            {
                outs = body();
            }
            finally
            {
                Leave();
                _batch!.Dispose();
                _batchOnDevice?.Dispose();
            }
            var scale = Scalars.Of((double)Size / ChunkSize);
            var scaled = new Tensor[outs.Length];
            for (int i = 0; i < outs.Length; i++) scaled[i] = outs[i].mul(scale);
            return scaled;
        }

        /// <summary>Sum of <paramref name="body"/> over all chunks, each evaluated in its own dispose scope.</summary>
        internal Tensor[] Loop(Func<Tensor[]> body)
        {
            Tensor[]? total = null;
            try
            {
                for (long start = 0; start < Size; start += ChunkSize)
                {
                    Enter(start, Math.Min(ChunkSize, Size - start));
                    using var scope = NewDisposeScope();
                    var outs = body();
                    var next = new Tensor[outs.Length];
                    for (int i = 0; i < outs.Length; i++)
                        next[i] = (total is null ? outs[i].alias() : total[i].add(outs[i], Scalars.Of(1))).MoveToOuterDisposeScope();
                    if (total is not null) foreach (var t in total) t.Dispose();
                    total = next;
                }
            }
            finally
            {
                Leave();
            }
            return total ?? Array.Empty<Tensor>();
        }

        internal void Enter(long start, long length)
        {
            Start = start;
            Length = length;
            Active = true;
        }

        internal void Leave()
        {
            Active = false;
            Start = 0;
            Length = 0;
        }

        /// <summary>While recomputing a chunk: read <paramref name="to"/>[i] wherever <paramref name="from"/>[i] is read
        /// (already cut to the chunk where <paramref name="preCut"/>[i]).</summary>
        internal void SubstituteWith(Tensor[]? from, Tensor[]? to, bool[]? preCut)
        {
            _from = from;
            _to = to;
            _preCut = preCut;
        }

        private Tensor Substitute(Tensor t, out bool preCut)
        {
            preCut = false;
            if (_from is null) return t;
            for (int i = 0; i < _from.Length; i++)
                if (ReferenceEquals(_from[i], t))
                {
                    preCut = _preCut is not null && _preCut[i];
                    return _to![i];
                }
            return t;
        }
    }
}
