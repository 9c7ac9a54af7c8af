using System;
using System.Runtime.InteropServices;

namespace Alan.CompilerServices
{
    /// <summary>
    /// glibc's malloc raises its mmap threshold after freeing large blocks, after which the many
    /// chunk-sized temporaries of a split evaluation are served from the heap and never returned to the
    /// OS: resident memory then climbs as if nothing were freed. A split evaluation fixes the threshold
    /// at glibc's default (128 KiB), so large temporaries are mapped and unmapped and peak memory follows
    /// one chunk. Nothing happens off Linux/glibc.
    /// </summary>
    internal static class NativeMemory
    {
        private const int MmapThreshold = -3; // M_MMAP_THRESHOLD
        private static bool _done;

        [DllImport("libc", EntryPoint = "mallopt")]
        private static extern int mallopt(int param, int value);

        public static void KeepLargeBlocksMapped()
        {
            if (_done) return;
            _done = true;
            if (!OperatingSystem.IsLinux()) return;
            try { mallopt(MmapThreshold, 128 * 1024); }
            catch (DllNotFoundException) { }
            catch (EntryPointNotFoundException) { }
        }
    }
}
