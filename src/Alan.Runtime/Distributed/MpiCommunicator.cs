using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;

namespace Alan.Distributed
{
    /// <summary>
    /// The ranks of an MPI launch (<c>mpirun -np N</c>), through Open MPI's C library. MPI's blocking collectives cannot
    /// time out, so each collective is started non-blocking (MPI_Iallreduce, MPI_Ibcast) and polled with MPI_Test until
    /// it completes or <see cref="Timeout"/> passes; then the rank writes why to standard error and calls MPI_Abort, which
    /// ends every rank of the launch (a rank that died, or ranks that stopped calling the same collectives, never hang
    /// the others). Calls are serialised: the communicator may be used from any thread, one call at a time.
    /// </summary>
    public sealed unsafe class MpiCommunicator : ICommunicator, IDisposable
    {
        private static readonly object Gate = new object();
        private static MpiCommunicator? _world;
        private readonly MpiLibrary _mpi;
        private readonly bool _initializedHere;
        private bool _disposed;

        private MpiCommunicator(MpiLibrary mpi, bool initializedHere, TimeSpan timeout)
        {
            _mpi = mpi;
            _initializedHere = initializedHere;
            Timeout = timeout;
            int rank, size;
            Check(_mpi.CommRank(_mpi.CommWorld, &rank), "MPI_Comm_rank");
            Check(_mpi.CommSize(_mpi.CommWorld, &size), "MPI_Comm_size");
            Rank = rank;
            Size = size;
        }

        /// <summary>
        /// True when Open MPI's library can be opened (it is installed); <see cref="World"/> then works, as one rank
        /// of one when the process was not started by mpirun.
        /// </summary>
        public static bool IsAvailable(out string? reason) => MpiLibrary.TryLoad(out reason) is not null;

        /// <summary>True when this process was started by Open MPI's <c>mpirun</c>.</summary>
        public static bool LaunchedByMpirun => Environment.GetEnvironmentVariable("OMPI_COMM_WORLD_SIZE") is { Length: > 0 };

        /// <summary>
        /// MPI_COMM_WORLD, initialising MPI on first use (it stays initialised until this communicator is disposed,
        /// which finalises it: once per process).
        /// </summary>
        /// <param name="timeout">How long a collective may wait for the other ranks; null: 5 minutes.</param>
        public static MpiCommunicator World(TimeSpan? timeout = null)
        {
            var wait = timeout ?? TimeSpan.FromMinutes(5);
            if (wait <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(timeout), wait, "The timeout must be positive.");
            lock (Gate)
            {
                if (_world is { _disposed: false } open) return open.Timeout == wait ? open : new MpiCommunicator(open._mpi, false, wait);
                var mpi = MpiLibrary.TryLoad(out var failure) ?? throw new InvalidOperationException(failure);
                int initialized, finalized;
                Check(mpi.Initialized(&initialized), "MPI_Initialized");
                Check(mpi.Finalized(&finalized), "MPI_Finalized");
                if (finalized != 0) throw new InvalidOperationException("MPI has been finalised in this process; it cannot be initialised again.");
                bool here = false;
                if (initialized == 0)
                {
                    int provided;
                    Check(mpi.InitThread(IntPtr.Zero, IntPtr.Zero, MpiLibrary.ThreadSerialized, &provided), "MPI_Init_thread");
                    if (provided < MpiLibrary.ThreadSerialized)
                        throw new InvalidOperationException(
                            $"This MPI provides thread level {provided}; the communicator needs MPI_THREAD_SERIALIZED ({MpiLibrary.ThreadSerialized}).");
                    here = true;
                }
                return _world = new MpiCommunicator(mpi, here, wait);
            }
        }

        /// <inheritdoc/>
        public int Rank { get; }

        /// <inheritdoc/>
        public int Size { get; }

        /// <inheritdoc/>
        public TimeSpan Timeout { get; }

        /// <inheritdoc/>
        public void AllReduce(Span<double> buffer, ReduceOperation operation = ReduceOperation.Sum)
        {
            fixed (double* p = buffer) Reduce((IntPtr)p, buffer.Length, _mpi.Double, operation);
        }

        /// <inheritdoc/>
        public void AllReduce(Span<float> buffer, ReduceOperation operation = ReduceOperation.Sum)
        {
            fixed (float* p = buffer) Reduce((IntPtr)p, buffer.Length, _mpi.Float, operation);
        }

        /// <inheritdoc/>
        public void Broadcast(Span<double> buffer, int root = 0)
        {
            fixed (double* p = buffer) Bcast((IntPtr)p, buffer.Length, _mpi.Double, root);
        }

        /// <inheritdoc/>
        public void Broadcast(Span<float> buffer, int root = 0)
        {
            fixed (float* p = buffer) Bcast((IntPtr)p, buffer.Length, _mpi.Float, root);
        }

        /// <inheritdoc/>
        public void Broadcast(Span<byte> buffer, int root = 0)
        {
            fixed (byte* p = buffer) Bcast((IntPtr)p, buffer.Length, _mpi.Byte, root);
        }

        /// <summary>Finalises MPI if this process initialised it here (once; MPI cannot be initialised again).</summary>
        public void Dispose()
        {
            lock (Gate)
            {
                if (_disposed || !_initializedHere) { _disposed = true; return; }
                _disposed = true;
                int finalized;
                Check(_mpi.Finalized(&finalized), "MPI_Finalized");
                if (finalized == 0) Check(_mpi.Finalize(), "MPI_Finalize");
            }
        }

        private void Reduce(IntPtr buffer, int count, IntPtr type, ReduceOperation operation)
        {
            var op = operation switch
            {
                ReduceOperation.Sum => _mpi.Sum,
                ReduceOperation.Max => _mpi.Max,
                ReduceOperation.Min => _mpi.Min,
                _ => throw new ArgumentOutOfRangeException(nameof(operation), operation, "Sum, Max or Min."),
            };
            lock (Gate)
            {
                ThrowIfDisposed();
                IntPtr request;
                Check(_mpi.Iallreduce(MpiLibrary.InPlace, buffer, count, type, op, _mpi.CommWorld, &request), "MPI_Iallreduce");
                Await(&request, $"AllReduce ({operation}) of {count} values");
            }
        }

        private void Bcast(IntPtr buffer, int count, IntPtr type, int root)
        {
            if (root < 0 || root >= Size) throw new ArgumentOutOfRangeException(nameof(root), root, $"The root must be a rank from 0 to {Size - 1}.");
            lock (Gate)
            {
                ThrowIfDisposed();
                IntPtr request;
                Check(_mpi.Ibcast(buffer, count, type, root, _mpi.CommWorld, &request), "MPI_Ibcast");
                Await(&request, $"Broadcast of {count} values from rank {root}");
            }
        }

        /// <summary>Polls the request until it completes; past the deadline, says why on standard error and aborts every rank.</summary>
        private void Await(IntPtr* request, string what)
        {
            var clock = Stopwatch.StartNew();
            var spin = new SpinWait();
            while (true)
            {
                int done;
                Check(_mpi.Test(request, &done, IntPtr.Zero), "MPI_Test");
                if (done != 0) return;
                if (clock.Elapsed > Timeout)
                {
                    string message = string.Create(CultureInfo.InvariantCulture,
                        $"Alan MPI rank {Rank} of {Size}: {what} did not complete within {Timeout.TotalSeconds:G4} s. A rank failed or stopped calling the same collectives (different models, sizes or particle counts per rank); aborting every rank.");
                    Console.Error.WriteLine(message);
                    Console.Error.Flush();
                    _mpi.Abort(_mpi.CommWorld, 1);
                    throw new CommunicatorException(message);
                }
                // Spin briefly (a collective usually completes within microseconds of the last rank's arrival), then yield the core.
                if (spin.NextSpinWillYield && clock.ElapsedMilliseconds > 1) Thread.Sleep(0);
                spin.SpinOnce(sleep1Threshold: -1);
            }
        }

        private void ThrowIfDisposed()
        {
            if (_disposed) throw new ObjectDisposedException(nameof(MpiCommunicator), "MPI has been finalised by disposing the world communicator.");
        }

        private static void Check(int code, string function)
        {
            if (code != MpiLibrary.Success)
                throw new CommunicatorException(string.Create(CultureInfo.InvariantCulture, $"{function} failed with MPI error code {code}."));
        }
    }
}
