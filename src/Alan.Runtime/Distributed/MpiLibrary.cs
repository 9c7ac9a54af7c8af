using System;
using System.Runtime.InteropServices;

namespace Alan.Distributed
{
    /// <summary>
    /// The few entry points of Open MPI's C library (libmpi.so.40) that <see cref="MpiCommunicator"/> calls, bound at
    /// run time. The library is opened with RTLD_GLOBAL: Open MPI loads its transport components as plugins that look
    /// up libmpi's own symbols, which a library opened the default (local) way does not expose. Open MPI's handles
    /// (MPI_COMM_WORLD, MPI_DOUBLE, MPI_SUM, ...) are the addresses of exported objects (ompi_mpi_comm_world, ...).
    /// </summary>
    internal sealed unsafe class MpiLibrary
    {
        /// <summary>The library opened when <c>ALAN_MPI_LIBRARY</c> does not name another.</summary>
        public const string DefaultName = "libmpi.so.40";

        public const int Success = 0;
        public const int ThreadSerialized = 2;

        /// <summary>Open MPI's MPI_IN_PLACE.</summary>
        public static readonly IntPtr InPlace = new IntPtr(1);

        public readonly IntPtr CommWorld, Double, Float, Byte, Sum, Max, Min;
        public readonly delegate* unmanaged<int*, int> Initialized;
        public readonly delegate* unmanaged<int*, int> Finalized;
        public readonly delegate* unmanaged<IntPtr, IntPtr, int, int*, int> InitThread;
        public readonly delegate* unmanaged<int> Finalize;
        public readonly delegate* unmanaged<IntPtr, int*, int> CommRank;
        public readonly delegate* unmanaged<IntPtr, int*, int> CommSize;
        public readonly delegate* unmanaged<IntPtr, IntPtr, int, IntPtr, IntPtr, IntPtr, IntPtr*, int> Iallreduce;
        public readonly delegate* unmanaged<IntPtr, int, IntPtr, int, IntPtr, IntPtr*, int> Ibcast;
        public readonly delegate* unmanaged<IntPtr*, int*, IntPtr, int> Test;
        public readonly delegate* unmanaged<IntPtr, int, int> Abort;

        private static readonly object Gate = new object();
        private static MpiLibrary? _loaded;
        private static string? _failure;

        private MpiLibrary(IntPtr handle)
        {
            CommWorld = Export(handle, "ompi_mpi_comm_world");
            Double = Export(handle, "ompi_mpi_double");
            Float = Export(handle, "ompi_mpi_float");
            Byte = Export(handle, "ompi_mpi_byte");
            Sum = Export(handle, "ompi_mpi_op_sum");
            Max = Export(handle, "ompi_mpi_op_max");
            Min = Export(handle, "ompi_mpi_op_min");
            Initialized = (delegate* unmanaged<int*, int>)Export(handle, "MPI_Initialized");
            Finalized = (delegate* unmanaged<int*, int>)Export(handle, "MPI_Finalized");
            InitThread = (delegate* unmanaged<IntPtr, IntPtr, int, int*, int>)Export(handle, "MPI_Init_thread");
            Finalize = (delegate* unmanaged<int>)Export(handle, "MPI_Finalize");
            CommRank = (delegate* unmanaged<IntPtr, int*, int>)Export(handle, "MPI_Comm_rank");
            CommSize = (delegate* unmanaged<IntPtr, int*, int>)Export(handle, "MPI_Comm_size");
            Iallreduce = (delegate* unmanaged<IntPtr, IntPtr, int, IntPtr, IntPtr, IntPtr, IntPtr*, int>)Export(handle, "MPI_Iallreduce");
            Ibcast = (delegate* unmanaged<IntPtr, int, IntPtr, int, IntPtr, IntPtr*, int>)Export(handle, "MPI_Ibcast");
            Test = (delegate* unmanaged<IntPtr*, int*, IntPtr, int>)Export(handle, "MPI_Test");
            Abort = (delegate* unmanaged<IntPtr, int, int>)Export(handle, "MPI_Abort");
        }

        /// <summary>The library, or null with <paramref name="failure"/> saying why it could not be opened.</summary>
        public static MpiLibrary? TryLoad(out string? failure)
        {
            lock (Gate)
            {
                if (_loaded is null && _failure is null)
                {
                    string name = Environment.GetEnvironmentVariable("ALAN_MPI_LIBRARY") is { Length: > 0 } n ? n : DefaultName;
                    if (!OperatingSystem.IsLinux())
                    {
                        _failure = $"MPI is bound on Linux only (Open MPI's {DefaultName}); this is {RuntimeInformation.OSDescription}.";
                    }
                    else
                    {
                        IntPtr handle = OpenGlobal(name);
                        if (handle == IntPtr.Zero)
                            _failure = $"Cannot open the MPI library '{name}' ({LastError()}). Install Open MPI (Debian: apt-get install openmpi-bin libopenmpi-dev) " +
                                       "or name the library in ALAN_MPI_LIBRARY.";
                        else
                        {
                            try { _loaded = new MpiLibrary(handle); }
                            catch (EntryPointNotFoundException e) { _failure = $"'{name}' is not Open MPI's library: {e.Message}"; }
                        }
                    }
                }
                failure = _failure;
                return _loaded;
            }
        }

        private static IntPtr Export(IntPtr handle, string symbol) => NativeLibrary.GetExport(handle, symbol);

        private const int RtldNow = 2;
        private const int RtldGlobal = 0x100;

        [DllImport("libc.so.6", EntryPoint = "dlopen")]
        private static extern IntPtr DlOpen(string file, int mode);

        [DllImport("libc.so.6", EntryPoint = "dlerror")]
        private static extern IntPtr DlError();

        private static IntPtr OpenGlobal(string name) => DlOpen(name, RtldNow | RtldGlobal);

        private static string LastError() => Marshal.PtrToStringAnsi(DlError()) ?? "no reason given";
    }
}
