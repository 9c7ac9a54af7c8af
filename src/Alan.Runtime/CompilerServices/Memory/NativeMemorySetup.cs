using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Alan.CompilerServices.Memory
{
    /// <summary>
    /// The entry point of the module initializer the generator emits into an assembly with a problem when the
    /// build's native heap policy is <c>reuse</c> (MSBuild property <c>AlanNativeHeap</c>; the default of executables,
    /// never of class libraries): it turns on <see cref="NativeHeapPolicy"/>'s reusing heap as the assembly loads,
    /// before the program's first tensor loads libtorch. Setting the environment variable <c>ALAN_NATIVE_HEAP=system</c>
    /// keeps it off: malloc and libtorch then run as the process found them.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class NativeMemorySetup
    {
        /// <summary>The environment variable that opts out at run time (value <c>system</c>).</summary>
        public const string OptOutVariable = "ALAN_NATIVE_HEAP";

        private static readonly object Gate = new object();
        private static readonly List<string> Callers = new List<string>();

        /// <summary>
        /// The simple names of the assemblies whose code called <see cref="Initialize"/>, in call order: the
        /// assemblies whose generated module initializer ran (tests read it to tell who turned the policy on).
        /// </summary>
        internal static string[] InitializedFrom
        {
            get { lock (Gate) return Callers.ToArray(); }
        }

        /// <summary>Calls <see cref="NativeHeapPolicy.UseReusingHeap"/> (idempotent; honours the opt-out).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)] // so that the calling assembly is the generated initializer's
        public static void Initialize()
        {
            string? caller = Assembly.GetCallingAssembly().GetName().Name;
            lock (Gate) if (caller != null && !Callers.Contains(caller)) Callers.Add(caller);
            NativeHeapPolicy.UseReusingHeap();
        }
    }
}
