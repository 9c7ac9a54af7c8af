using System;
using System.Threading;
using Alan.CompilerServices;

namespace Alan
{
    /// <summary>
    /// Whether this process runs tensor work with the <em>reusing heap</em>: the one process-wide memory policy of
    /// Alan.Compiled, off unless the application turns it on. With it,
    /// <list type="bullet">
    /// <item>on Linux with glibc, malloc keeps freed blocks below 32 MiB for reuse (<c>M_MMAP_THRESHOLD</c> 32 MiB, <c>M_TRIM_THRESHOLD</c> at
    /// its maximum) and libtorch backs blocks of 2 MiB and more with transparent huge pages
    /// (<c>THP_MEM_ALLOC_ENABLE=1</c>, unless the environment already sets it), so a training loop's large
    /// temporaries reuse resident pages instead of faulting fresh ones in on every iteration;</item>
    /// <item>a sample's <c>Dispose</c>, after a large estimate, runs a generation-1 garbage collection (so last
    /// iteration's autograd graph, held by the user's <c>-elbo</c> until it is finalized, goes at once) and, on glibc,
    /// hands free heap pages back to the OS once the heap has grown.</item>
    /// </list>
    /// Without it Alan.Compiled changes no allocator setting and forces no collection: malloc, libtorch and the
    /// garbage collector run as the process found them.
    /// </summary>
    /// <remarks>
    /// An application turns the policy on in one of two ways: the MSBuild property
    /// <c>&lt;AlanNativeHeap&gt;reuse&lt;/AlanNativeHeap&gt;</c> (the default of executables that declare a problem),
    /// which makes the generator emit a module initializer calling <see cref="UseReusingHeap"/> when the assembly
    /// loads; or a call to <see cref="UseReusingHeap"/> at the start of <c>Main</c>. Class libraries never turn it on
    /// by default (<c>system</c>). Whatever the build chose, the environment variable <c>ALAN_NATIVE_HEAP=system</c>
    /// (<see cref="NativeMemorySetup.OptOutVariable"/>) keeps the policy off at run time.
    /// </remarks>
    public static class NativeHeapPolicy
    {
        private static int _requested;

        /// <summary>
        /// True once the application has turned the reusing heap on (through <see cref="UseReusingHeap"/> or the
        /// generated module initializer) and the environment did not opt out. On Linux/glibc malloc is then configured
        /// for reuse; on other systems only the collection at a sample's <c>Dispose</c> applies.
        /// </summary>
        public static bool IsReusingHeap => Volatile.Read(ref _requested) != 0;

        /// <summary>
        /// Turns the reusing heap on for this process (see <see cref="NativeHeapPolicy"/>), unless the environment
        /// variable <c>ALAN_NATIVE_HEAP</c> is <c>system</c>; idempotent and safe to call from several threads. Call it
        /// first thing in <c>Main</c>, before the first tensor: libtorch reads <c>THP_MEM_ALLOC_ENABLE</c> when it
        /// loads, and blocks malloc handed out before the call keep the settings they were allocated under.
        /// This is what the generated module initializer calls when the build's policy is <c>reuse</c>; call it yourself
        /// in an application whose problems live in a class library, or that is not built with MSBuild.
        /// </summary>
        /// <returns>
        /// <see cref="IsReusingHeap"/> after the call: false only when the environment opted out (read at the first call
        /// that turns the policy on; once on, it stays on for the life of the process).
        /// </returns>
        public static bool UseReusingHeap()
        {
            if (IsReusingHeap) return true;
            if (IsOptedOut()) return false;
            // malloc first, then the flag: a Dispose that sees the flag finds malloc already configured.
            NativeHeap.ReuseFreedBlocks();
            Volatile.Write(ref _requested, 1);
            return true;
        }

        /// <summary>Whether <c>ALAN_NATIVE_HEAP=system</c> (any case) keeps the policy off.</summary>
        internal static bool IsOptedOut() =>
            string.Equals(Environment.GetEnvironmentVariable(NativeMemorySetup.OptOutVariable)?.Trim(), "system", StringComparison.OrdinalIgnoreCase);
    }
}
