using System.ComponentModel;
using System;
using System.Globalization;
using System.IO;

namespace Alan.CompilerServices.Memory
{
    /// <summary>
    /// The largest tensor of one generated step, described by the plan: how many particle dims it holds
    /// and which plates (by their layout dims, e.g. <c>Dim.Zips</c>) it spans. Its element count is
    /// K^ParticleDims times the sizes of those plates.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class TensorExtent
    {
        /// <summary>Describes one tensor.</summary>
        /// <param name="description">What it is, for messages (e.g. "the contraction of f_BetaU and d_Obs").</param>
        /// <param name="particleDims">Particle dims it holds (each of size K).</param>
        /// <param name="plateDims">The layout dims of the plates it spans.</param>
        public TensorExtent(string description, int particleDims, long[] plateDims)
        {
            Description = description ?? throw new ArgumentNullException(nameof(description));
            ParticleDims = particleDims;
            PlateDims = plateDims ?? throw new ArgumentNullException(nameof(plateDims));
        }

        private int[]? _plates;

        /// <summary>The layout dims of the plates it spans.</summary>
        public long[] PlateDims { get; }

        /// <summary>
        /// Indices into <paramref name="layout"/>'s plates of the plates it spans (resolved once: a problem class's
        /// layout dims are fixed at compile time).
        /// </summary>
        public int[] Plates(PlateLayout layout)
        {
            if (_plates is int[] known) return known;
            var plates = new int[PlateDims.Length];
            for (int i = 0; i < plates.Length; i++)
            {
                plates[i] = Array.IndexOf(layout.Dims, PlateDims[i]);
                if (plates[i] < 0) throw new ArgumentException($"Layout dim {PlateDims[i]} of {Description} is not a plate of this layout.", nameof(layout));
            }
            return _plates = plates;
        }

        /// <summary>What the tensor is.</summary>
        public string Description { get; }

        /// <summary>Particle dims it holds.</summary>
        public int ParticleDims { get; }

    }

    /// <summary>
    /// Refuses a call, before it allocates, whose largest tensor cannot fit in memory: a process that asks
    /// for more than the machine has is killed by the kernel (or aborts in the allocator) without a managed
    /// exception. The plan knows every tensor's dims, so the element count of the largest one is known from
    /// K and the plate sizes; a call needs at least <see cref="Headroom"/> times that (the tensor, and the
    /// temporaries of the operation that consumes it).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class MemoryGuard
    {
        /// <summary>Tensors below this size are never checked (the check reads the OS's memory figures).</summary>
        public const long CheckAbove = 256L << 20;

        /// <summary>Working memory a call needs, as a multiple of its largest tensor.</summary>
        public const int Headroom = 3;

        /// <summary>
        /// Throws <see cref="InsufficientMemoryException"/> when the largest of <paramref name="extents"/>, at
        /// <paramref name="count"/> per particle dim and <paramref name="elementBytes"/> bytes per element,
        /// needs more than the memory available. Plates split by <paramref name="chunk"/> count one chunk.
        /// </summary>
        /// <param name="method">What is being done, for the message ("Sample").</param>
        /// <param name="countName">"K" or "N".</param>
        /// <param name="count">The size of every particle dim.</param>
        /// <param name="elementBytes">Bytes per element.</param>
        /// <param name="extents">The candidate largest tensors.</param>
        /// <param name="plates">The problem's plates (names and sizes), which extents index.</param>
        /// <param name="chunk">The split in force, if any.</param>
        /// <returns>The bytes of the largest tensor (0 when there is none).</returns>
        public static double Check(string method, string countName, long count, int elementBytes, TensorExtent[] extents,
            PlateLayout plates, Chunk? chunk = null)
        {
            string[] plateNames = plates.Names;
            long[] plateSizes = plates.Sizes;
            var (worst, worstElements) = Largest(count, extents, plates, chunk?.Plate, chunk?.ChunkSize ?? 0);
            if (worst is null) return 0;
            double bytes = worstElements * elementBytes;
            if (Fits(bytes, out long available, out bool budgeted)) return bytes;
            var limit = budgeted
                ? $"but the memory budget ({BudgetVariable}) is {Gigabytes(available)}"
                : $"but {Gigabytes(available)} are available";
            throw new InsufficientMemoryException(
                $"{method} with {countName} = {count} would need more memory than this machine has: {worst.Description} holds {Elements(countName, count, worst.Plates(plates), worst.ParticleDims, plateNames, plateSizes, chunk)} " +
                $"= {worstElements.ToString("G4", CultureInfo.InvariantCulture)} elements of {elementBytes} bytes ({Gigabytes(bytes)}), and the call needs about {Headroom} times that, " +
                $"{limit}. Use a smaller {countName}" +
                (worst.PlateDims.Length > 0 ? $", or ComputationStrategy.Split on plate '{plateNames[worst.Plates(plates)[worst.PlateDims.Length - 1]]}' to evaluate it in chunks." : "."));
        }

        /// <summary>
        /// A pass wider than the problem's dtype (<see cref="ChooseChunk"/>'s trainingElementBytes) is split only when its
        /// largest tensor is above this (64 MiB): below it, the chunks' recomputation costs more than the memory is worth.
        /// </summary>
        public const long WideSplitAbove = 64L << 20;

        /// <summary>The environment variable that caps the memory a call may use, in bytes or with a K, M or G suffix ("8G").</summary>
        public const string BudgetVariable = "ALAN_MEMORY_BUDGET";

        /// <summary>
        /// The split a call runs with: <paramref name="strategy"/>'s when it names one, none for
        /// <see cref="ComputationStrategy.Full"/>, and by default (null) the fewest chunks of one plate of the largest
        /// tensor that bring every tensor within the memory (<see cref="Check"/>'s test), so a user who never heard of
        /// Split stays within memory; none when everything fits, or when no single plate's chunks do (Check then refuses
        /// the call and says why). Values and gradients are those of the unsplit evaluation (<see cref="Chunk.Run"/>).
        /// </summary>
        /// <param name="strategy">The caller's strategy, or null for the default.</param>
        /// <param name="count">The size of every particle dim.</param>
        /// <param name="elementBytes">Bytes per element.</param>
        /// <param name="extents">The candidate largest tensors.</param>
        /// <param name="plates">The problem's plates.</param>
        /// <param name="unsplittable">Layout dims of plates that cannot be split (timeseries plates), or null.</param>
        /// <param name="trainingElementBytes">
        /// Bytes per element of the problem's dtype when the call works wider (the float64 source-term pass of a float32
        /// problem), else 0: such a call is also split when its largest tensor is above <see cref="WideSplitAbove"/>, into
        /// the fewest chunks whose largest tensor is no larger in bytes than the training pass's, so marginals, moments and
        /// QEM updates need no more memory than training does.
        /// </param>
        public static Chunk? ChooseChunk(ComputationStrategy? strategy, long count, int elementBytes, TensorExtent[] extents, PlateLayout plates,
            long[]? unsplittable = null, int trainingElementBytes = 0)
        {
            if (strategy is not null) return Chunk.Create(strategy, plates);
            var (worst, worstElements) = Largest(count, extents, plates, null, 0);
            if (worst is null) return null;
            double wholeBytes = worstElements * elementBytes;
            // A wider pass keeps each chunk's largest tensor within the training pass's bytes (and never splits below the floor).
            double widenedLimit = trainingElementBytes > 0 && trainingElementBytes < elementBytes && wholeBytes > WideSplitAbove
                ? Math.Max(worstElements * trainingElementBytes, WideSplitAbove)
                : double.PositiveInfinity;
            bool Within(double bytes) => bytes <= widenedLimit && Fits(bytes, out _, out _);
            if (Within(wholeBytes)) return null;
            string? bestPlate = null;
            long bestChunk = 0, bestChunks = long.MaxValue;
            foreach (var p in worst.Plates(plates))
            {
                if (unsplittable is not null && Array.IndexOf(unsplittable, plates.Dims[p]) >= 0) continue;
                long size = plates.Sizes[p];
                // The largest chunk of this plate whose tensors all fit (halving from the whole plate).
                for (long chunkSize = (size + 1) / 2; chunkSize >= 1; chunkSize = chunkSize == 1 ? 0 : (chunkSize + 1) / 2)
                {
                    var (_, elements) = Largest(count, extents, plates, plates.Names[p], chunkSize);
                    if (!Within(elements * elementBytes)) continue;
                    long chunks = (size + chunkSize - 1) / chunkSize;
                    if (chunks < bestChunks) { bestPlate = plates.Names[p]; bestChunk = chunkSize; bestChunks = chunks; }
                    break;
                }
            }
            return bestPlate is null ? null : Chunk.Create(ComputationStrategy.Split(bestPlate, (int)Math.Min(bestChunk, int.MaxValue)), plates);
        }

        /// <summary>The extent with the most elements (a split plate counting <paramref name="chunkSize"/>) and that count.</summary>
        private static (TensorExtent? Worst, double Elements) Largest(long count, TensorExtent[] extents, PlateLayout plates, string? splitPlate, long chunkSize)
        {
            TensorExtent? worst = null;
            double worstElements = 0;
            foreach (var e in extents)
            {
                double elements = Math.Pow(count, e.ParticleDims);
                foreach (var p in e.Plates(plates))
                    elements *= splitPlate is not null && splitPlate == plates.Names[p] ? Math.Min(chunkSize, plates.Sizes[p]) : plates.Sizes[p];
                if (elements > worstElements) { worstElements = elements; worst = e; }
            }
            return (worst, worstElements);
        }

        /// <summary>
        /// Whether a call whose largest tensor has <paramref name="bytes"/> fits: it needs <see cref="Headroom"/> times that
        /// within the budget (<see cref="BudgetVariable"/>) when one is set, else within the memory available (tensors below
        /// <see cref="CheckAbove"/> always fit then).
        /// </summary>
        private static bool Fits(double bytes, out long available, out bool budgeted)
        {
            available = 0;
            var limit = Budget();
            budgeted = limit is long;
            if (limit is long budget)
            {
                available = budget;
                return bytes * Headroom <= budget;
            }
            if (bytes < CheckAbove) return true;
            available = RecentAvailableBytes();
            return bytes * Headroom <= available;
        }

        /// <summary>The budget in bytes set by <see cref="BudgetVariable"/>, or null (unset or unreadable).</summary>
        private static long? Budget()
        {
            var text = Environment.GetEnvironmentVariable(BudgetVariable)?.Trim();
            if (string.IsNullOrEmpty(text)) return null;
            long scale = char.ToUpperInvariant(text![text.Length - 1]) switch { 'K' => 1L << 10, 'M' => 1L << 20, 'G' => 1L << 30, _ => 1 };
            if (scale != 1) text = text.Substring(0, text.Length - 1);
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && v > 0 ? (long)(v * scale) : null;
        }

        /// <summary>Bytes per element of <paramref name="dtype"/>.</summary>
        public static int BytesOf(TorchSharp.torch.ScalarType dtype) => dtype switch
        {
            TorchSharp.torch.ScalarType.Float64 or TorchSharp.torch.ScalarType.Int64 or TorchSharp.torch.ScalarType.ComplexFloat32 => 8,
            TorchSharp.torch.ScalarType.Float16 or TorchSharp.torch.ScalarType.BFloat16 or TorchSharp.torch.ScalarType.Int16 => 2,
            TorchSharp.torch.ScalarType.Byte or TorchSharp.torch.ScalarType.Int8 or TorchSharp.torch.ScalarType.Bool => 1,
            TorchSharp.torch.ScalarType.ComplexFloat64 => 16,
            _ => 4,
        };

        private static long _recentAvailable;
        private static long _recentAt; // Environment.TickCount64 of the last read; 0 = never read

        /// <summary>
        /// <see cref="AvailableBytes"/>, read at most once a second: a training loop whose largest tensor is above
        /// <see cref="CheckAbove"/> checks every iteration, and reading the OS's figures builds strings.
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

        /// <summary>Memory the process can still obtain: MemAvailable (and the cgroup limit) on Linux, else the GC's view.</summary>
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
                    if (ReadLong("/sys/fs/cgroup/memory.max") is long max && ReadLong("/sys/fs/cgroup/memory.current") is long current)
                        available = Math.Min(available, Math.Max(0, max - current));
                }
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            if (available == long.MaxValue)
            {
                var info = GC.GetGCMemoryInfo();
                available = Math.Max(0, info.TotalAvailableMemoryBytes - Environment.WorkingSet);
            }
            return available;
        }

        private static long? ReadLong(string path)
        {
            if (!File.Exists(path)) return null;
            var text = File.ReadAllText(path).Trim();
            return long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null;
        }

        private static string Elements(string countName, long count, int[] plateIndices, int particleDims, string[] plateNames, long[] plateSizes, Chunk? chunk)
        {
            var parts = new System.Collections.Generic.List<string>();
            if (particleDims == 1) parts.Add($"{countName}={count}");
            else if (particleDims > 1) parts.Add($"{countName}^{particleDims} ({countName}={count})");
            foreach (var p in plateIndices)
            {
                bool cut = chunk is not null && chunk.Plate == plateNames[p];
                parts.Add($"{plateNames[p]}={(cut ? chunk!.ChunkSize : plateSizes[p])}{(cut ? " (one chunk)" : "")}");
            }
            return "[" + string.Join(" x ", parts) + "]";
        }

        private static string Gigabytes(double bytes) => (bytes / (1L << 30)).ToString("0.##", CultureInfo.InvariantCulture) + " GiB";
    }
}
