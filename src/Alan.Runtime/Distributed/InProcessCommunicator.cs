using System;
using System.Globalization;
using System.Threading;

namespace Alan.Distributed
{
    /// <summary>
    /// Ranks that are threads of one process: <see cref="Create"/> gives one communicator per rank, each to be used by
    /// its own thread. The same collectives as MPI, summed in rank order (so every rank gets the same bits); used to test
    /// sharded evaluation without launching processes, and to shard across the cores of one machine.
    /// </summary>
    public sealed class InProcessCommunicator : ICommunicator
    {
        private readonly Group _group;

        private InProcessCommunicator(Group group, int rank)
        {
            _group = group;
            Rank = rank;
        }

        /// <summary>One communicator per rank of a group of <paramref name="size"/> threads.</summary>
        /// <param name="size">The number of ranks, at least 1.</param>
        /// <param name="timeout">How long a collective waits for the other ranks; null: 60 seconds.</param>
        public static InProcessCommunicator[] Create(int size, TimeSpan? timeout = null)
        {
            if (size < 1) throw new ArgumentOutOfRangeException(nameof(size), size, "An in-process communicator needs at least 1 rank.");
            var wait = timeout ?? TimeSpan.FromSeconds(60);
            if (wait <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), wait, "The timeout must be positive.");
            var group = new Group(size, wait);
            var ranks = new InProcessCommunicator[size];
            for (int r = 0; r < size; r++) ranks[r] = new InProcessCommunicator(group, r);
            return ranks;
        }

        /// <inheritdoc/>
        public int Rank { get; }

        /// <inheritdoc/>
        public int Size => _group.Size;

        /// <inheritdoc/>
        public TimeSpan Timeout => _group.Timeout;

        /// <inheritdoc/>
        public void AllReduce(Span<double> buffer, ReduceOperation operation = ReduceOperation.Sum) =>
            _group.Exchange(Rank, buffer, "AllReduce", (int)operation, -1);

        /// <inheritdoc/>
        public void AllReduce(Span<float> buffer, ReduceOperation operation = ReduceOperation.Sum)
        {
            var wide = Widen(buffer);
            _group.Exchange(Rank, wide, "AllReduce", (int)operation, -1);
            for (int i = 0; i < buffer.Length; i++) buffer[i] = (float)wide[i];
        }

        /// <inheritdoc/>
        public void Broadcast(Span<double> buffer, int root = 0)
        {
            CheckRoot(root);
            _group.Exchange(Rank, buffer, "Broadcast", -1, root);
        }

        /// <inheritdoc/>
        public void Broadcast(Span<float> buffer, int root = 0)
        {
            CheckRoot(root);
            var wide = Widen(buffer);
            _group.Exchange(Rank, wide, "Broadcast", -1, root);
            for (int i = 0; i < buffer.Length; i++) buffer[i] = (float)wide[i];
        }

        /// <inheritdoc/>
        public void Broadcast(Span<byte> buffer, int root = 0)
        {
            CheckRoot(root);
            var wide = new double[buffer.Length];
            for (int i = 0; i < buffer.Length; i++) wide[i] = buffer[i];
            _group.Exchange(Rank, wide, "Broadcast", -1, root);
            for (int i = 0; i < buffer.Length; i++) buffer[i] = (byte)wide[i];
        }

        private void CheckRoot(int root)
        {
            if (root < 0 || root >= Size)
                throw new ArgumentOutOfRangeException(nameof(root), root, $"The root must be a rank from 0 to {Size - 1}.");
        }

        private static double[] Widen(Span<float> buffer)
        {
            var wide = new double[buffer.Length];
            for (int i = 0; i < buffer.Length; i++) wide[i] = buffer[i];
            return wide;
        }

        /// <summary>
        /// The shared state: each collective is two barrier phases, one after every rank has posted its buffer (each then
        /// reads all of them) and one after every rank has read (so the next collective may overwrite them).
        /// </summary>
        private sealed class Group
        {
            private readonly Barrier _barrier;
            private readonly double[]?[] _posted;
            private readonly string[] _kinds;
            private readonly int[] _operations;
            private readonly int[] _roots;
            private volatile string? _broken;

            public Group(int size, TimeSpan timeout)
            {
                Size = size;
                Timeout = timeout;
                _barrier = new Barrier(size);
                _posted = new double[size][];
                _kinds = new string[size];
                _operations = new int[size];
                _roots = new int[size];
            }

            public int Size { get; }

            public TimeSpan Timeout { get; }

            public void Exchange(int rank, Span<double> buffer, string kind, int operation, int root)
            {
                if (_broken is string earlier) throw new CommunicatorException(earlier);
                _posted[rank] = buffer.ToArray();
                _kinds[rank] = kind;
                _operations[rank] = operation;
                _roots[rank] = root;
                Wait(rank, kind, buffer.Length);
                // Every rank sees the same posts, so every rank reaches the same verdict.
                for (int r = 0; r < Size; r++)
                    if (_kinds[r] != kind || _operations[r] != operation || _roots[r] != root || _posted[r]!.Length != buffer.Length)
                    {
                        string message = string.Create(CultureInfo.InvariantCulture,
                            $"The ranks called different collectives: rank {rank} called {kind} of {buffer.Length} values, rank {r} {_kinds[r]} of {_posted[r]!.Length}. Every rank must run the same model on the same number of particles.");
                        Wait(rank, kind, buffer.Length);
                        throw new CommunicatorException(message);
                    }
                if (root >= 0)
                {
                    _posted[root]!.AsSpan().CopyTo(buffer);
                }
                else
                {
                    var op = (ReduceOperation)operation;
                    for (int i = 0; i < buffer.Length; i++)
                    {
                        double acc = _posted[0]![i];
                        for (int r = 1; r < Size; r++)
                        {
                            double v = _posted[r]![i];
                            acc = op switch { ReduceOperation.Sum => acc + v, ReduceOperation.Max => Math.Max(acc, v), _ => Math.Min(acc, v) };
                        }
                        buffer[i] = acc;
                    }
                }
                Wait(rank, kind, buffer.Length);
            }

            private void Wait(int rank, string kind, int length)
            {
                bool arrived;
                try
                {
                    arrived = _barrier.SignalAndWait(Timeout);
                }
                catch (BarrierPostPhaseException e)
                {
                    throw new CommunicatorException(e.Message);
                }
                if (arrived) return;
                string message = string.Create(CultureInfo.InvariantCulture,
                    $"Rank {rank} of {Size} waited {Timeout.TotalSeconds:G4} s in {kind} of {length} values, and not every rank arrived: a rank failed or stopped calling the same collectives. Every rank now fails.");
                _broken = message;
                throw new CommunicatorException(message);
            }
        }
    }
}
