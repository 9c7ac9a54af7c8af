using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace Alan.CompilerServices.Memory
{
    /// <summary>
    /// The memory limit of the control group this process runs in, cgroup v1 (<c>memory.limit_in_bytes</c>,
    /// <c>memory.usage_in_bytes</c>) or v2 (<c>memory.max</c>, <c>memory.current</c>): a container or CI runner caps a
    /// process there, and the kernel kills it at that cap whatever <c>/proc/meminfo</c> says. Every level from the
    /// process's group up to the hierarchy's root is read, since a parent's limit binds its children too.
    /// </summary>
    internal static class CgroupMemory
    {
        /// <summary>Limits at or above this are "no limit" (cgroup v1 writes 2^63 rounded down to a page).</summary>
        private const long Unlimited = 1L << 62;

        /// <summary>
        /// Bytes the process's control groups still allow (the smallest of limit minus usage over the levels that set a
        /// limit; usage not counting inactive file cache, which the kernel reclaims before it kills), or null when no
        /// level sets one or the files cannot be read.
        /// </summary>
        public static long? RoomBytes() => RoomBytes(File.ReadAllLines("/proc/self/cgroup"), File.ReadAllLines("/proc/self/mountinfo"));

        /// <summary><see cref="RoomBytes()"/> from the text of <c>/proc/self/cgroup</c> and <c>/proc/self/mountinfo</c>.</summary>
        internal static long? RoomBytes(IEnumerable<string> cgroupLines, IEnumerable<string> mountLines)
        {
            long? room = null;
            foreach (var (directory, root, v2) in GroupDirectories(cgroupLines, mountLines))
            {
                // From the process's group up to the mounted root.
                for (var dir = directory; dir is not null && dir.Length >= root.Length; dir = Parent(dir))
                {
                    long? limit = ReadLimit(Path.Combine(dir, v2 ? "memory.max" : "memory.limit_in_bytes"));
                    if (limit is long cap && cap < Unlimited && ReadLimit(Path.Combine(dir, v2 ? "memory.current" : "memory.usage_in_bytes")) is long usage)
                    {
                        long reclaimable = ReadStat(Path.Combine(dir, "memory.stat"), v2 ? "inactive_file" : "total_inactive_file");
                        long left = Math.Max(0, cap - Math.Max(0, usage - reclaimable));
                        room = room is long known ? Math.Min(known, left) : left;
                    }
                    if (dir == root) break;
                }
            }
            return room;
        }

        /// <summary>
        /// The directory of the process's memory group in each mounted hierarchy (v1's memory controller and v2's unified
        /// one), with that hierarchy's mount point and whether it is v2.
        /// </summary>
        private static IEnumerable<(string Directory, string MountPoint, bool V2)> GroupDirectories(IEnumerable<string> cgroupLines, IEnumerable<string> mountLines)
        {
            string? v1Path = null, v2Path = null;
            foreach (var line in cgroupLines)
            {
                // "hierarchy-ID:controller-list:path"; v2 is "0::path".
                var parts = line.Split(':', 3);
                if (parts.Length != 3) continue;
                if (parts[0] == "0" && parts[1].Length == 0) v2Path = parts[2];
                else if (Array.IndexOf(parts[1].Split(','), "memory") >= 0) v1Path = parts[2];
            }
            foreach (var line in mountLines)
            {
                // "id parent major:minor root mount-point options [optional fields] - fstype source super-options"
                int dash = line.IndexOf(" - ", StringComparison.Ordinal);
                if (dash < 0) continue;
                var fields = line.Substring(0, dash).Split(' ');
                var tail = line.Substring(dash + 3).Split(' ');
                if (fields.Length < 5 || tail.Length < 3) continue;
                string mountRoot = fields[3], mountPoint = fields[4];
                bool v2 = tail[0] == "cgroup2";
                bool v1Memory = tail[0] == "cgroup" && Array.IndexOf(tail[2].Split(','), "memory") >= 0;
                var path = v2 ? v2Path : v1Memory ? v1Path : null;
                if (path is null) continue;
                // The group's path is relative to the hierarchy's root, of which the mount shows mountRoot.
                var relative = mountRoot == "/" ? path : path.StartsWith(mountRoot, StringComparison.Ordinal) ? path.Substring(mountRoot.Length) : "/";
                var directory = mountPoint.TrimEnd('/') + "/" + relative.Trim('/');
                yield return (Directory.Exists(directory) ? directory.TrimEnd('/') : mountPoint.TrimEnd('/'), mountPoint.TrimEnd('/'), v2);
            }
        }

        private static string? Parent(string dir)
        {
            int slash = dir.LastIndexOf('/');
            return slash <= 0 ? null : dir.Substring(0, slash);
        }

        /// <summary>A file holding one number, or null (absent, unreadable, or v2's "max").</summary>
        private static long? ReadLimit(string path)
        {
            try
            {
                if (!File.Exists(path)) return null;
                var text = File.ReadAllText(path).Trim();
                return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
            }
            catch (IOException) { return null; }
            catch (UnauthorizedAccessException) { return null; }
        }

        /// <summary>The value of <paramref name="key"/> in a <c>memory.stat</c> file, or 0.</summary>
        private static long ReadStat(string path, string key)
        {
            try
            {
                if (!File.Exists(path)) return 0;
                foreach (var line in File.ReadLines(path))
                    if (line.StartsWith(key + " ", StringComparison.Ordinal)
                        && long.TryParse(line.Substring(key.Length + 1).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v))
                        return v;
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            return 0;
        }
    }
}
