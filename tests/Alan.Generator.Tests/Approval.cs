using System;
using System.IO;
using System.Runtime.CompilerServices;
using NUnit.Framework;

namespace Alan.Generator.Tests
{
    /// <summary>
    /// Minimal approval (snapshot) testing for generated code.
    /// <para>
    /// <see cref="Verify"/> compares a text with <c>tests/Alan.Generator.Tests/Snapshots/&lt;name&gt;.verified.cs</c>
    /// (in the source tree, not the build output). On a mismatch, or when the verified file does not exist yet, it
    /// writes <c>&lt;name&gt;.received.cs</c> beside it and fails, showing the first differing line. To accept the
    /// new output, review the received file and copy it over the verified one.
    /// </para>
    /// <para>
    /// To accept all snapshots at once, run the tests with the environment variable <c>ALAN_ACCEPT_SNAPSHOTS=1</c>:
    /// <code>ALAN_ACCEPT_SNAPSHOTS=1 dotnet test tests/Alan.Generator.Tests</code>
    /// Every verified file is then overwritten with the current output and the tests pass. Review the resulting
    /// <c>git diff</c> of the Snapshots folder before committing: the snapshots are what code reviewers read.
    /// </para>
    /// Line endings are normalised to "\n" on both sides, so checkouts with CRLF endings compare equal.
    /// </summary>
    public static class Approval
    {
        /// <summary>Environment variable that makes <see cref="Verify"/> overwrite verified files instead of failing.</summary>
        public const string AcceptVariable = "ALAN_ACCEPT_SNAPSHOTS";

        /// <summary>The Snapshots folder of this test project's source tree.</summary>
        public static string SnapshotDirectory => Path.Combine(SourceDirectory(), "Snapshots");

        public static string VerifiedPath(string name) => Path.Combine(SnapshotDirectory, name + ".verified.cs");

        public static string ReceivedPath(string name) => Path.Combine(SnapshotDirectory, name + ".received.cs");

        /// <summary>Whether <see cref="AcceptVariable"/> is set to "1" (or "true").</summary>
        public static bool AcceptMode
        {
            get
            {
                var value = Environment.GetEnvironmentVariable(AcceptVariable);
                return value == "1" || string.Equals(value, "true", StringComparison.OrdinalIgnoreCase);
            }
        }

        /// <summary>Asserts that <paramref name="actual"/> equals the verified snapshot <paramref name="name"/>.</summary>
        public static void Verify(string name, string actual)
        {
            if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0)
                throw new ArgumentException($"Invalid snapshot name '{name}'.", nameof(name));

            var verifiedPath = VerifiedPath(name);
            var receivedPath = ReceivedPath(name);
            var normalisedActual = Normalise(actual);

            if (AcceptMode)
            {
                Directory.CreateDirectory(SnapshotDirectory);
                var existing = File.Exists(verifiedPath) ? Normalise(File.ReadAllText(verifiedPath)) : null;
                if (existing != normalisedActual) File.WriteAllText(verifiedPath, normalisedActual);
                DeleteIfExists(receivedPath);
                return;
            }

            if (File.Exists(verifiedPath))
            {
                var verified = Normalise(File.ReadAllText(verifiedPath));
                if (verified == normalisedActual)
                {
                    DeleteIfExists(receivedPath);
                    return;
                }
                File.WriteAllText(receivedPath, normalisedActual);
                Assert.Fail(
                    $"Snapshot '{name}' differs from {verifiedPath}.\n" +
                    FirstDifference(verified, normalisedActual) + "\n" +
                    AcceptHint(receivedPath, verifiedPath));
            }
            else
            {
                Directory.CreateDirectory(SnapshotDirectory);
                File.WriteAllText(receivedPath, normalisedActual);
                Assert.Fail(
                    $"Snapshot '{name}' has no verified file ({verifiedPath}).\n" +
                    AcceptHint(receivedPath, verifiedPath));
            }
        }

        /// <summary>"\r\n" and lone "\r" become "\n".</summary>
        public static string Normalise(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n');

        /// <summary>The first line (1-based) where the two texts differ, with both versions of that line.</summary>
        public static string FirstDifference(string expected, string actual)
        {
            var e = expected.Split('\n');
            var a = actual.Split('\n');
            int n = Math.Min(e.Length, a.Length);
            for (int i = 0; i < n; i++)
                if (e[i] != a[i])
                    return $"First difference at line {i + 1}:\n  verified: {e[i]}\n  received: {a[i]}";
            return e.Length < a.Length
                ? $"The received text has {a.Length - e.Length} more line(s), starting at line {n + 1}:\n  received: {a[n]}"
                : $"The received text has {e.Length - a.Length} fewer line(s); the verified text continues at line {n + 1}:\n  verified: {e[n]}";
        }

        private static string AcceptHint(string receivedPath, string verifiedPath) =>
            $"Received output written to {receivedPath}.\n" +
            $"To accept it, review it and copy it over the verified file:\n  cp \"{receivedPath}\" \"{verifiedPath}\"\n" +
            $"or rerun the tests with {AcceptVariable}=1 to accept every snapshot.";

        private static void DeleteIfExists(string path)
        {
            if (File.Exists(path)) File.Delete(path);
        }

        private const string ProjectFile = "Alan.Generator.Tests.csproj";

        /// <summary>
        /// The test project's folder in the source tree: the directory of this source file (as the compiler saw
        /// it). When that path does not exist (a build with a path map, e.g. ContinuousIntegrationBuild, turns it
        /// into "/_/..."), the folder holding the project file is searched upwards from the test binaries.
        /// </summary>
        internal static string SourceDirectory([CallerFilePath] string path = "")
        {
            var fromCaller = Path.GetDirectoryName(path);
            if (!string.IsNullOrEmpty(fromCaller) && File.Exists(Path.Combine(fromCaller, ProjectFile))) return fromCaller;
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, ProjectFile))) return dir.FullName;
                var candidate = Path.Combine(dir.FullName, "tests", "Alan.Generator.Tests");
                if (File.Exists(Path.Combine(candidate, ProjectFile))) return candidate;
            }
            throw new InvalidOperationException($"Cannot locate the folder of {ProjectFile} (caller path '{path}').");
        }
    }
}
