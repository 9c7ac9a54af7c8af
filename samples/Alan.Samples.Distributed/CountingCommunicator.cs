using System;
using Alan.Distributed;

namespace Alan.Samples.Distributed
{
    /// <summary>A communicator that counts the bytes each rank contributes to collectives (what the iteration costs the network).</summary>
    public sealed class CountingCommunicator : ICommunicator
    {
        private readonly ICommunicator _inner;

        public CountingCommunicator(ICommunicator inner) => _inner = inner;

        /// <summary>Bytes this rank has sent into collectives.</summary>
        public long Bytes { get; private set; }

        /// <summary>Collectives called.</summary>
        public long Calls { get; private set; }

        public int Rank => _inner.Rank;

        public int Size => _inner.Size;

        public TimeSpan Timeout => _inner.Timeout;

        public void AllReduce(Span<double> buffer, ReduceOperation operation = ReduceOperation.Sum)
        {
            Count(buffer.Length * sizeof(double));
            _inner.AllReduce(buffer, operation);
        }

        public void AllReduce(Span<float> buffer, ReduceOperation operation = ReduceOperation.Sum)
        {
            Count(buffer.Length * sizeof(float));
            _inner.AllReduce(buffer, operation);
        }

        public void Broadcast(Span<double> buffer, int root = 0)
        {
            Count(buffer.Length * sizeof(double));
            _inner.Broadcast(buffer, root);
        }

        public void Broadcast(Span<float> buffer, int root = 0)
        {
            Count(buffer.Length * sizeof(float));
            _inner.Broadcast(buffer, root);
        }

        public void Broadcast(Span<byte> buffer, int root = 0)
        {
            Count(buffer.Length);
            _inner.Broadcast(buffer, root);
        }

        private void Count(long bytes)
        {
            Bytes += bytes;
            Calls++;
        }
    }
}
