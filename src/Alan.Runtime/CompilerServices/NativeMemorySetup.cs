using System;
using System.ComponentModel;

namespace Alan.CompilerServices
{
    /// <summary>
    /// Process set-up for tensor workloads, run by the module initializer the generator emits into every assembly
    /// with a problem (so it runs before the program's first tensor loads libtorch). Setting the environment
    /// variable <c>ALAN_NATIVE_HEAP=system</c> leaves malloc as the process found it.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class NativeMemorySetup
    {
        /// <summary>The environment variable that opts out (value <c>system</c>).</summary>
        public const string OptOutVariable = "ALAN_NATIVE_HEAP";

        /// <summary>Configures malloc for reuse of freed tensor memory (see <see cref="NativeHeap.ReuseFreedBlocks"/>); idempotent.</summary>
        public static void Initialize()
        {
            if (string.Equals(Environment.GetEnvironmentVariable(OptOutVariable), "system", StringComparison.OrdinalIgnoreCase)) return;
            NativeHeap.ReuseFreedBlocks();
        }
    }
}
