using System;
using Alan.Generator.Check;
using Alan.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Alan.Generator
{
    /// <summary>
    /// The native heap policy of the assembly being compiled, from the MSBuild properties <c>AlanNativeHeap</c> and
    /// <c>OutputType</c> (made visible to the generator by build/AlanNativeHeap.targets, which the Alan.Compiled
    /// package carries as buildTransitive). <c>reuse</c> means the assembly gets the module initializer that turns on
    /// <c>Alan.NativeHeapPolicy</c>'s reusing heap; <c>system</c> means it gets none. Without the property an
    /// executable (<c>OutputType</c> Exe or WinExe) reuses and anything else (a class library) does not: a library
    /// must not change the allocator of the process that loads it.
    /// </summary>
    /// <param name="Reuse">Whether the module initializer is emitted (in an assembly that declares a problem).</param>
    /// <param name="Explicit">
    /// Whether the project set <c>AlanNativeHeap</c> to <c>reuse</c> itself: then the initializer is emitted into an
    /// assembly without problems too (an application whose models live in a class library), if it references
    /// Alan.Runtime.
    /// </param>
    /// <param name="Error">ALAN043 when the property's value is neither <c>reuse</c> nor <c>system</c>, else null.</param>
    internal sealed record NativeHeapSettings(bool Reuse, bool Explicit, DiagnosticInfo? Error)
    {
        /// <summary>The MSBuild property that chooses the policy.</summary>
        public const string PropertyName = "AlanNativeHeap";

        public const string ReuseValue = "reuse";
        public const string SystemValue = "system";

        /// <summary>The keys under which the compiler passes the two properties (global analyzer config options).</summary>
        public const string PropertyKey = "build_property." + PropertyName;
        public const string OutputTypeKey = "build_property.OutputType";

        /// <summary>The runtime type the generated module initializer calls (its presence means Alan.Runtime is referenced).</summary>
        public const string SetupTypeName = "Alan.CompilerServices.Memory.NativeMemorySetup";

        /// <summary>The policy from the project's global analyzer config options and the compilation's output kind.</summary>
        public static NativeHeapSettings From(AnalyzerConfigOptions options, OutputKind outputKind)
        {
            options.TryGetValue(PropertyKey, out var heap);
            options.TryGetValue(OutputTypeKey, out var outputType);
            return Resolve(heap, outputType, outputKind);
        }

        /// <summary>
        /// <paramref name="heap"/> (AlanNativeHeap) when set, compared without regard to case or surrounding blanks;
        /// otherwise reuse for an executable. <paramref name="outputType"/> (MSBuild's OutputType) decides that where
        /// the build passes it; a compilation built without MSBuild's properties falls back on its output kind.
        /// </summary>
        public static NativeHeapSettings Resolve(string? heap, string? outputType, OutputKind outputKind)
        {
            var value = heap?.Trim() ?? "";
            if (value.Length > 0)
            {
                if (string.Equals(value, ReuseValue, StringComparison.OrdinalIgnoreCase)) return new NativeHeapSettings(true, true, null);
                if (string.Equals(value, SystemValue, StringComparison.OrdinalIgnoreCase)) return new NativeHeapSettings(false, true, null);
                var error = new DiagnosticInfo(Diagnostics.UnknownNativeHeapPolicy.Id, LocationInfo.None,
                    new[] { PropertyName, value, $"'{ReuseValue}' or '{SystemValue}'" }.ToEquatableArray());
                return new NativeHeapSettings(false, true, error);
            }
            var type = outputType?.Trim() ?? "";
            bool executable = type.Length > 0
                ? string.Equals(type, "Exe", StringComparison.OrdinalIgnoreCase) || string.Equals(type, "WinExe", StringComparison.OrdinalIgnoreCase)
                : outputKind is OutputKind.ConsoleApplication or OutputKind.WindowsApplication;
            return new NativeHeapSettings(executable, false, null);
        }
    }
}
