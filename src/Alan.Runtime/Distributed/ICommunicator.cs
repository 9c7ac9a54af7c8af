using System;

namespace Alan.Distributed
{
    /// <summary>
    /// The ranks of a data-parallel evaluation and the few collectives it needs. Every rank calls the same collectives
    /// in the same order with buffers of the same length; a collective that does not complete within
    /// <see cref="Timeout"/> (a rank died, or the ranks disagree) fails on every rank that waits, with a message.
    /// </summary>
    public interface ICommunicator
    {
        /// <summary>This rank, 0 to <see cref="Size"/> - 1.</summary>
        int Rank { get; }

        /// <summary>The number of ranks.</summary>
        int Size { get; }

        /// <summary>How long a collective may wait for the other ranks.</summary>
        TimeSpan Timeout { get; }

        /// <summary>Replaces <paramref name="buffer"/> on every rank by the elementwise reduction over the ranks.</summary>
        void AllReduce(Span<double> buffer, ReduceOperation operation = ReduceOperation.Sum);

        /// <summary>Replaces <paramref name="buffer"/> on every rank by the elementwise reduction over the ranks.</summary>
        void AllReduce(Span<float> buffer, ReduceOperation operation = ReduceOperation.Sum);

        /// <summary>Copies rank <paramref name="root"/>'s <paramref name="buffer"/> into every rank's.</summary>
        void Broadcast(Span<double> buffer, int root = 0);

        /// <summary>Copies rank <paramref name="root"/>'s <paramref name="buffer"/> into every rank's.</summary>
        void Broadcast(Span<float> buffer, int root = 0);

        /// <summary>Copies rank <paramref name="root"/>'s <paramref name="buffer"/> into every rank's.</summary>
        void Broadcast(Span<byte> buffer, int root = 0);
    }

    /// <summary>The elementwise reduction of <see cref="ICommunicator.AllReduce(Span{double}, ReduceOperation)"/>.</summary>
    public enum ReduceOperation
    {
        /// <summary>The sum over the ranks.</summary>
        Sum,

        /// <summary>The largest value over the ranks.</summary>
        Max,

        /// <summary>The smallest value over the ranks.</summary>
        Min,
    }

    /// <summary>A collective that failed: a rank did not arrive in time, or the ranks disagreed.</summary>
    public sealed class CommunicatorException : Exception
    {
        /// <summary>Creates the exception with its message.</summary>
        public CommunicatorException(string message) : base(message) { }
    }
}
