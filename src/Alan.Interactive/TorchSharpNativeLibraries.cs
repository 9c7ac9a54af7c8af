using System;
using System.IO;
using System.Runtime.InteropServices;

namespace Alan.Interactive
{
    /// <summary>
    /// Loads TorchSharp's native library from this assembly's folder. A notebook kernel is an application of its own:
    /// its native search path does not include the folder a <c>#r</c> assembly came from, and TorchSharp's fallback
    /// copies the libraries from the NuGet cache, where the GLIBCXX fix of a build (build/TorchSharpGlibcxxFix.targets)
    /// has not been applied. Loading the built copy by its path first makes every later load by name find it.
    /// </summary>
    public static class TorchSharpNativeLibraries
    {
        private static readonly object Gate = new();
        private static bool _loaded;

        /// <summary>Loads the native library once.</summary>
        /// <exception cref="FileNotFoundException">The build output next to Alan.Interactive.dll holds no TorchSharp native library.</exception>
        public static void Load()
        {
            lock (Gate)
            {
                if (_loaded) return;
                string folder = Path.GetDirectoryName(typeof(TorchSharpNativeLibraries).Assembly.Location)!;
                string file = OperatingSystem.IsWindows() ? "LibTorchSharp.dll" : OperatingSystem.IsMacOS() ? "libLibTorchSharp.dylib" : "libLibTorchSharp.so";
                string[] candidates =
                {
                    Path.Combine(folder, "runtimes", RuntimeInformation.RuntimeIdentifier, "native", file),
                    Path.Combine(folder, file),
                };
                foreach (var path in candidates)
                {
                    if (!File.Exists(path)) continue;
                    NativeLibrary.Load(path);
                    _loaded = true;
                    return;
                }
                throw new FileNotFoundException(
                    $"TorchSharp's native library {file} is not next to {typeof(TorchSharpNativeLibraries).Assembly.Location} " +
                    $"(looked for {string.Join(" and ", candidates)}): build src/Alan.Interactive on this machine (dotnet build src/Alan.Interactive).",
                    candidates[0]);
            }
        }
    }
}
