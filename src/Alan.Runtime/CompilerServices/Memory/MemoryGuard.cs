using System.ComponentModel;
using System;
using System.Globalization;

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
            : this(description, particleDims, plateDims, new[] { particleDims })
        {
        }

        /// <summary>Describes one tensor and every tensor the same steps materialise over the same plates.</summary>
        /// <param name="description">What it is, for messages.</param>
        /// <param name="particleDims">Particle dims it holds (each of size K).</param>
        /// <param name="plateDims">The layout dims of the plates it spans.</param>
        /// <param name="materialised">
        /// The particle dims of every tensor its plate's steps materialise (factors, joints and step outputs, this one
        /// included), each spanning <paramref name="plateDims"/>: autograd keeps them all until the backward pass.
        /// </param>
        public TensorExtent(string description, int particleDims, long[] plateDims, int[] materialised)
        {
            Description = description ?? throw new ArgumentNullException(nameof(description));
            ParticleDims = particleDims;
            PlateDims = plateDims ?? throw new ArgumentNullException(nameof(plateDims));
            Materialised = materialised ?? throw new ArgumentNullException(nameof(materialised));
        }

        /// <summary>The particle dims of every tensor its plate's steps materialise (this one included).</summary>
        public int[] Materialised { get; }

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
    /// Refuses a call, before it allocates, whose peak cannot fit in memory: a process that asks for more than the
    /// machine has is killed by the kernel (or aborts in the allocator) without a managed exception. The plan knows
    /// every tensor its steps materialise, so their element counts are known from K and the plate sizes, and a call's
    /// peak is estimated as every one of them (autograd keeps each until the backward pass reaches it) plus
    /// <see cref="Headroom"/> - 1 more times the largest: the temporaries of the log-density that builds it, what
    /// autograd saves of them and the gradients of the backward pass (measured on the estimates, the source-term pass
    /// and backward sampling of a model whose largest tensor dominates: 4.9 times it above the process's resident memory).
    /// The memory a call may use is the budget (<see cref="BudgetVariable"/>) less what the process already holds,
    /// or else what the OS and the process's control group (cgroup v1 or v2) still allow.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class MemoryGuard
    {
        /// <summary>Tensors below this size are never checked (the check reads the OS's memory figures).</summary>
        public const long CheckAbove = 256L << 20;

        /// <summary>
        /// A call's peak, as a multiple of its largest tensor, over what the process held before it, when that tensor
        /// dominates: measured 4.9 for ElboVi and its backward pass, Moments and ImportanceSample, whose largest tensor is
        /// a factor of a Normal log-density (the factor, the density's temporaries, what autograd saves and the
        /// gradients). The estimate adds the other tensors the steps hold (<see cref="TensorExtent.Materialised"/>).
        /// </summary>
        public const int Headroom = 5;

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
        /// <param name="splittable">
        /// Whether a <see cref="ComputationStrategy.Split"/> of the call would shrink these tensors (true for the
        /// estimator's factors; false for particles and draws, which a call holds whole): the message advises it only then.
        /// </param>
        /// <returns>The bytes of the largest tensor (0 when there is none).</returns>
        public static double Check(string method, string countName, long count, int elementBytes, TensorExtent[] extents,
            PlateLayout plates, Chunk? chunk = null, bool splittable = true)
        {
            string[] plateNames = plates.Names;
            long[] plateSizes = plates.Sizes;
            var (worst, worstElements) = Largest(count, extents, plates, chunk?.Plate, chunk?.ChunkSize ?? 0);
            if (worst is null) return 0;
            double bytes = worstElements * elementBytes;
            double held = Held(count, extents, plates, chunk?.Plate, chunk?.ChunkSize ?? 0);
            double peak = Peak(worstElements, held) * elementBytes;
            var room = MemoryRoom.Now(bytes);
            if (room.Fits(peak)) return bytes;
            var worstPlates = worst.Plates(plates);
            string advice = $"Use a smaller {countName}";
            if (splittable && worstPlates.Length > 0)
            {
                string plate = chunk is not null && Array.IndexOf(worstPlates, Array.IndexOf(plateNames, chunk.Plate)) >= 0
                    ? chunk.Plate
                    : plateNames[worstPlates[worstPlates.Length - 1]];
                // (a plate of one element has no smaller chunks)
                advice += chunk is not null && chunk.Plate == plate
                    ? chunk.ChunkSize > 1 ? $", or smaller chunks of plate '{plate}' (ComputationStrategy.Split(\"{plate}\", n) with n below {chunk.ChunkSize})" : ""
                    : plateSizes[Array.IndexOf(plateNames, plate)] > 1 ? $", or ComputationStrategy.Split(\"{plate}\", n) to evaluate plate '{plate}' in chunks" : "";
            }
            throw new InsufficientMemoryException(
                $"{method} with {countName} = {count} would need more memory than it may use: {worst.Description} holds " +
                $"{Elements(countName, count, worstPlates, worst.ParticleDims, plateNames, plateSizes, chunk)} " +
                $"= {worstElements.ToString("G4", CultureInfo.InvariantCulture)} elements of {elementBytes} bytes, " +
                $"{bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes ({Gigabytes(bytes)}), and the call needs about {Gigabytes(peak)} " +
                $"(the {Gigabytes(held * elementBytes)} of every tensor its steps hold, and {Headroom - 1} times the largest again for its " +
                $"temporaries and gradients), but {room.Describe()}. {advice}.");
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
            var room = MemoryRoom.Now(wholeBytes);
            bool Within(double largestElements, double heldElements) =>
                largestElements * elementBytes <= widenedLimit && room.Fits(Peak(largestElements, heldElements) * elementBytes);
            if (Within(worstElements, Held(count, extents, plates, null, 0))) return null;
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
                    if (!Within(elements, Held(count, extents, plates, plates.Names[p], chunkSize))) continue;
                    long chunks = (size + chunkSize - 1) / chunkSize;
                    if (chunks < bestChunks) { bestPlate = plates.Names[p]; bestChunk = chunkSize; bestChunks = chunks; }
                    break;
                }
            }
            return bestPlate is null ? null : Chunk.Create(ComputationStrategy.Split(bestPlate, (int)Math.Min(bestChunk, int.MaxValue)), plates);
        }

        /// <summary>A call's peak in elements: every tensor its steps hold, and <see cref="Headroom"/> - 1 more times the largest.</summary>
        private static double Peak(double largestElements, double heldElements) => (Headroom - 1) * largestElements + heldElements;

        /// <summary>
        /// The elements of every tensor the extents' steps materialise (<see cref="TensorExtent.Materialised"/>), a split
        /// plate counting <paramref name="chunkSize"/>.
        /// </summary>
        private static double Held(long count, TensorExtent[] extents, PlateLayout plates, string? splitPlate, long chunkSize)
        {
            double total = 0;
            foreach (var e in extents)
            {
                double plateElements = 1;
                foreach (var p in e.Plates(plates))
                    plateElements *= splitPlate is not null && splitPlate == plates.Names[p] ? Math.Min(chunkSize, plates.Sizes[p]) : plates.Sizes[p];
                foreach (int particleDims in e.Materialised) total += Math.Pow(count, particleDims) * plateElements;
            }
            return total;
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
        /// Memory the process can still obtain: on Linux the smaller of MemAvailable and what its control groups (cgroup
        /// v1 or v2) still allow, else the GC's view.
        /// </summary>
        public static long AvailableBytes() => MemoryRoom.AvailableBytes();

        /// <summary>Bytes per element of <paramref name="dtype"/>.</summary>
        public static int BytesOf(TorchSharp.torch.ScalarType dtype) => dtype switch
        {
            TorchSharp.torch.ScalarType.Float64 or TorchSharp.torch.ScalarType.Int64 or TorchSharp.torch.ScalarType.ComplexFloat32 => 8,
            TorchSharp.torch.ScalarType.Float16 or TorchSharp.torch.ScalarType.BFloat16 or TorchSharp.torch.ScalarType.Int16 => 2,
            TorchSharp.torch.ScalarType.Byte or TorchSharp.torch.ScalarType.Int8 or TorchSharp.torch.ScalarType.Bool => 1,
            TorchSharp.torch.ScalarType.ComplexFloat64 => 16,
            _ => 4,
        };

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

        /// <summary>Bytes in GiB with two decimals, for messages.</summary>
        internal static string Gigabytes(double bytes) => (bytes / (1L << 30)).ToString("0.##", CultureInfo.InvariantCulture) + " GiB";
    }
}
