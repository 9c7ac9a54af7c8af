using System;
using System.Runtime.InteropServices;

namespace Alan.CompilerServices
{
    /// <summary>
    /// Two remedies for glibc's malloc keeping freed tensor memory resident. Nothing happens off Linux/glibc.
    /// <list type="bullet">
    /// <item>glibc raises its mmap threshold after freeing large blocks, after which the many chunk-sized
    /// temporaries of a split evaluation are served from the heap and never returned to the OS: resident memory
    /// then climbs as if nothing were freed. A split evaluation fixes the threshold at glibc's default (128 KiB),
    /// so large temporaries are mapped and unmapped and peak memory follows one chunk
    /// (<see cref="KeepLargeBlocksMapped"/>).</item>
    /// <item>A training loop frees an iteration's temporaries while small allocations of the same iteration (the
    /// autograd nodes of the user's <c>-elbo</c>, released only when its handle is finalized) stay between them;
    /// the freed holes then no longer fit the next iteration's large tensors and the heap grows although most of
    /// it is free. <see cref="TrimIfMostlyFree"/> hands free heap pages back to the OS when the free part of the
    /// heap has grown past a bound.</item>
    /// </list>
    /// </summary>
    internal static class NativeHeap
    {
        private const int MmapThreshold = -3; // M_MMAP_THRESHOLD
        private static bool _mapped;
        private static bool _noMallinfo;

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

        public static void KeepLargeBlocksMapped()
        {
            if (_mapped) return;
            _mapped = true;
            if (!OperatingSystem.IsLinux()) return;
            try { mallopt(MmapThreshold, 128 * 1024); }
            catch (DllNotFoundException) { }
            catch (EntryPointNotFoundException) { }
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

        /// <summary>
        /// Returns the heap's free pages to the OS when more than <paramref name="bound"/> bytes of it are free.
        /// Trimming costs page faults when the memory is used again, so the bound should exceed what one iteration
        /// legitimately reuses. Returns whether it trimmed.
        /// </summary>
        public static bool TrimIfMostlyFree(long bound)
        {
            long free = FreeHeapBytes();
            if (free <= bound) return false;
            try { malloc_trim(0); }
            catch (DllNotFoundException) { return false; }
            catch (EntryPointNotFoundException) { return false; }
            return true;
        }
    }
}
