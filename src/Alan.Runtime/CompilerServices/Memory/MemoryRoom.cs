using System;
using System.Globalization;
using System.IO;

namespace Alan.CompilerServices.Memory
{
    /// <summary>
    /// The memory one call may still use, read once per call: with a budget (<see cref="MemoryGuard.BudgetVariable"/>),
    /// the budget less what the process already holds; without one, what the OS and the process's control group still
    /// allow (tensors below <see cref="MemoryGuard.CheckAbove"/> are not checked then).
    /// </summary>
    internal readonly struct MemoryRoom
    {
        private readonly long _room;
        private readonly long _budget;
        private readonly long _inUse;
        private readonly bool _budgeted;
        private readonly bool _unchecked;

        private MemoryRoom(long room, long budget, long inUse, bool budgeted, bool isUnchecked)
        {
            _room = room;
            _budget = budget;
            _inUse = inUse;
            _budgeted = budgeted;
            _unchecked = isUnchecked;
        }

        /// <summary>The room for a call whose largest tensor has <paramref name="largestBytes"/>.</summary>
        public static MemoryRoom Now(double largestBytes)
        {
            if (Budget() is long budget)
            {
                long inUse = ProcessBytesInUse();
                return new MemoryRoom(Math.Max(0, budget - inUse), budget, inUse, budgeted: true, isUnchecked: false);
            }
            if (largestBytes < MemoryGuard.CheckAbove) return new MemoryRoom(long.MaxValue, 0, 0, budgeted: false, isUnchecked: true);
            return new MemoryRoom(RecentAvailableBytes(), 0, 0, budgeted: false, isUnchecked: false);
        }

        /// <summary>Whether a call whose peak is <paramref name="peakBytes"/> fits.</summary>
        public bool Fits(double peakBytes) => _unchecked || peakBytes <= _room;

        /// <summary>What limits the call, for messages ("the memory budget (ALAN_MEMORY_BUDGET) of 2 GiB leaves 1.79 GiB ...").</summary>
        public string Describe() => _budgeted
            ? $"the memory budget ({MemoryGuard.BudgetVariable}) of {MemoryGuard.Gigabytes(_budget)} leaves {MemoryGuard.Gigabytes(_room)} beyond the {MemoryGuard.Gigabytes(_inUse)} the process holds"
            : $"{MemoryGuard.Gigabytes(_room)} are available (the smaller of the system's available memory and the process's control group limit)";

        /// <summary>
        /// The budget in bytes set by <see cref="MemoryGuard.BudgetVariable"/>, or null when it is unset or blank. A value
        /// that is not a positive size throws, naming the variable and the value: a budget that silently does not apply
        /// lets the kernel kill the process it was meant to protect.
        /// </summary>
        public static long? Budget()
        {
            var raw = Environment.GetEnvironmentVariable(MemoryGuard.BudgetVariable);
            if (raw is null || raw.Trim().Length == 0) return null;
            if (ParseBytes(raw.Trim()) is long bytes) return bytes;
            throw new InvalidOperationException(
                $"The environment variable {MemoryGuard.BudgetVariable} is '{raw}', which is not a positive memory size: set it to a number of " +
                "bytes, optionally with a K, M, G or T suffix (binary units, e.g. 8G or 1.5G), or unset it for no budget.");
        }

        /// <summary>"8G", "512M", "1.5G", "2000000000": bytes, or null when it is not a positive size.</summary>
        internal static long? ParseBytes(string text)
        {
            if (text.Length == 0) return null;
            int shift = char.ToUpperInvariant(text[text.Length - 1]) switch { 'K' => 10, 'M' => 20, 'G' => 30, 'T' => 40, _ => 0 };
            if (shift != 0) text = text.Substring(0, text.Length - 1);
            if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)) return null;
            double bytes = value * Math.Pow(2, shift);
            if (!(bytes >= 1) || bytes >= long.MaxValue) return null;
            return (long)bytes;
        }

        /// <summary>The process's resident memory: /proc/self/statm on Linux, else the working set.</summary>
        private static long ProcessBytesInUse()
        {
            try
            {
                if (OperatingSystem.IsLinux())
                {
                    var fields = File.ReadAllText("/proc/self/statm").Split(' ');
                    return long.Parse(fields[1], CultureInfo.InvariantCulture) * Environment.SystemPageSize;
                }
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            catch (FormatException) { }
            return Environment.WorkingSet;
        }

        private static long _recentAvailable;
        private static long _recentAt; // Environment.TickCount64 of the last read; 0 = never read

        /// <summary>
        /// <see cref="AvailableBytes"/>, read at most once a second: a training loop whose largest tensor is above
        /// <see cref="MemoryGuard.CheckAbove"/> checks every iteration, and reading the OS's figures builds strings.
        /// </summary>
        private static long RecentAvailableBytes()
        {
            long now = Environment.TickCount64;
            long at = System.Threading.Volatile.Read(ref _recentAt);
            if (at != 0 && now - at < 1000) return System.Threading.Volatile.Read(ref _recentAvailable);
            long available = AvailableBytes();
            System.Threading.Volatile.Write(ref _recentAvailable, available);
            System.Threading.Volatile.Write(ref _recentAt, now);
            return available;
        }

        /// <summary>
        /// Memory the process can still obtain: on Linux the smaller of MemAvailable and what its control groups (v1 or
        /// v2) still allow, else the GC's view.
        /// </summary>
        public static long AvailableBytes()
        {
            long available = long.MaxValue;
            try
            {
                if (OperatingSystem.IsLinux())
                {
                    foreach (var line in File.ReadLines("/proc/meminfo"))
                        if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                        {
                            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                            available = long.Parse(parts[1], CultureInfo.InvariantCulture) * 1024;
                            break;
                        }
                    if (CgroupMemory.RoomBytes() is long room) available = Math.Min(available, room);
                }
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            catch (FormatException) { }
            if (available == long.MaxValue)
            {
                var info = GC.GetGCMemoryInfo();
                available = Math.Max(0, info.TotalAvailableMemoryBytes - Environment.WorkingSet);
            }
            return available;
        }
    }
}
