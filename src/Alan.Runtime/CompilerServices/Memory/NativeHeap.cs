using System;
using System.Runtime.InteropServices;

namespace Alan.CompilerServices.Memory
{
    /// <summary>
    /// glibc's malloc under <see cref="NativeHeapPolicy"/>'s reusing heap. Nothing here runs unless the application
    /// turned that policy on, and nothing happens off Linux/glibc.
    /// <list type="bullet">
    /// <item>Large temporaries should reuse freed memory instead of faulting in fresh pages every iteration
    /// (<see cref="ReuseFreedBlocks"/>, at start-up).</item>
    /// <item>A training loop frees an iteration's temporaries while small allocations of the same iteration (the
    /// autograd nodes of the user's <c>-elbo</c>, released only when its handle is finalized) stay between them;
    /// the freed holes then no longer fit the next iteration's large tensors and the heap grows although most of
    /// it is free. <see cref="TrimIfMostlyFree"/> hands free heap pages back to the OS when the free part of the
    /// heap has grown past a bound.</item>
    /// </list>
    /// </summary>
    internal static class NativeHeap
    {
        private const int TrimThreshold = -1; // M_TRIM_THRESHOLD
        private const int MmapThreshold = -3; // M_MMAP_THRESHOLD

        /// <summary>
        /// Blocks of this size and more (32 MiB, the largest threshold glibc accepts on 64-bit systems) are mapped on
        /// their own and unmapped when freed.
        /// </summary>
        public const int OwnMappingAbove = 32 << 20;
        private static bool _noMallinfo;

        /// <summary>True once <see cref="ReuseFreedBlocks"/> has configured malloc.</summary>
        public static bool ReusesFreedBlocks { get; private set; }

        [DllImport("libc", EntryPoint = "setenv")]
        private static extern int setenv(string name, string value, int overwrite);

        [DllImport("libc", EntryPoint = "mallopt")]
        private static extern int mallopt(int param, int value);

        [DllImport("libc", EntryPoint = "malloc_trim")]
        private static extern int malloc_trim(nuint pad);

        [DllImport("libc", EntryPoint = "mallinfo2")]
        private static extern MallInfo2 mallinfo2();

        /// <summary>glibc's <c>struct mallinfo2</c> (glibc 2.33 and later): every field a <c>size_t</c>.</summary>
        [StructLayout(LayoutKind.Sequential)]
        private struct MallInfo2
        {
            public nuint Arena, OrdBlks, SmBlks, HBlks, HBlkHd, UsmBlks, FsmBlks, UordBlks, FordBlks, KeepCost;
        }

        /// <summary>
        /// Makes freed tensor memory reusable without page faults: blocks below <see cref="OwnMappingAbove"/> come from
        /// malloc's heap and freed memory stays there (<c>M_TRIM_THRESHOLD</c> at its maximum; a sample's Dispose trims
        /// explicitly, <see cref="TrimIfGrown"/>), and libtorch backs blocks of 2 MiB and more with transparent huge pages
        /// (<c>THP_MEM_ALLOC_ENABLE</c>, read when libtorch loads, so this must run first; a value the user set is kept).
        /// Without it every temporary above glibc's adaptive threshold is a fresh mapping whose first touch faults 4 KiB
        /// page by page: on a virtual machine that costs 50x the arithmetic (a 400 MB elementwise op 650 ms instead of
        /// 13 ms). Blocks of <see cref="OwnMappingAbove"/> and more keep their own mappings (<c>M_MMAP_THRESHOLD</c>),
        /// faulted in by huge pages: kept in the heap, the freed holes of the largest factors did not fit the next,
        /// slightly different, large tensor and the heap grew past twice the system heap's peak (items = 1 at
        /// K = 10,000 in float64: 6.5 GB against 4.1 GB); with their own mappings the peak equals the system heap's
        /// (4.1 GB) and the call is faster than either. Returns whether it configured anything.
        /// </summary>
        public static bool ReuseFreedBlocks()
        {
            if (ReusesFreedBlocks) return true;
            if (!OperatingSystem.IsLinux()) return false;
            try
            {
                setenv("THP_MEM_ALLOC_ENABLE", "1", 0);
                if (mallopt(MmapThreshold, OwnMappingAbove) == 0 || mallopt(TrimThreshold, int.MaxValue) == 0) return false;
            }
            catch (DllNotFoundException) { return false; }
            catch (EntryPointNotFoundException) { return false; }
            ReusesFreedBlocks = true;
            return true;
        }

        /// <summary>
        /// Free bytes inside malloc's heaps (all arenas; memory freed by the program but still resident), or -1
        /// where glibc's <c>mallinfo2</c> is not available.
        /// </summary>
        public static long FreeHeapBytes()
        {
            if (_noMallinfo || !OperatingSystem.IsLinux()) return -1;
            try { return (long)mallinfo2().FordBlks; }
            catch (DllNotFoundException) { _noMallinfo = true; }
            catch (EntryPointNotFoundException) { _noMallinfo = true; }
            return -1;
        }

        /// <summary>Heap bytes (malloc's arenas and mapped blocks) at the last trim; 0 before the first.</summary>
        private static long _heapAtLastTrim;

        /// <summary>The bytes malloc holds from the OS (heaps and mapped blocks), or -1 without <c>mallinfo2</c>.</summary>
        public static long HeapBytes()
        {
            if (_noMallinfo || !OperatingSystem.IsLinux()) return -1;
            try
            {
                var info = mallinfo2();
                return (long)info.Arena + (long)info.HBlkHd;
            }
            catch (DllNotFoundException) { _noMallinfo = true; }
            catch (EntryPointNotFoundException) { _noMallinfo = true; }
            return -1;
        }

        /// <summary>
        /// Returns the heap's free pages to the OS when more than <paramref name="bound"/> bytes of it are free.
        /// Trimming costs page faults when the memory is used again. Returns whether it trimmed.
        /// </summary>
        public static bool TrimIfMostlyFree(long bound)
        {
            long free = FreeHeapBytes();
            if (free <= bound) return false;
            long heap = HeapBytes();
            try { malloc_trim(0); }
            catch (DllNotFoundException) { return false; }
            catch (EntryPointNotFoundException) { return false; }
            _heapAtLastTrim = heap;
            return true;
        }

        /// <summary>
        /// <see cref="TrimIfMostlyFree"/>, but only once the heap has grown by more than a quarter since the last
        /// trim (or was never trimmed). A training loop whose heap has settled reuses its freed memory each
        /// iteration without page faults; a heap that keeps growing (freed holes the next iteration's tensors do not
        /// fit) is trimmed, so resident memory stays bounded. Returns whether it trimmed.
        /// </summary>
        public static bool TrimIfGrown(long bound)
        {
            long last = _heapAtLastTrim;
            if (last > 0 && HeapBytes() <= last + last / 4) return false;
            return TrimIfMostlyFree(bound);
        }
    }
}
