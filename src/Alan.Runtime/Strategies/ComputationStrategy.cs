using System;

namespace Alan
{
    /// <summary>How the estimator evaluates the plate recursion.</summary>
    public sealed class ComputationStrategy
    {
        private ComputationStrategy(string? plate, int chunkSize) { Plate = plate; ChunkSize = chunkSize; }

        /// <summary>Evaluate everything at once (the default).</summary>
        public static ComputationStrategy Full { get; } = new ComputationStrategy(null, 0);

        /// <summary>Evaluate <paramref name="plate"/> in chunks of <paramref name="chunkSize"/> elements.</summary>
        public static ComputationStrategy Split(string plate, int chunkSize)
        {
            if (string.IsNullOrEmpty(plate)) throw new ArgumentException("Split needs a plate name.", nameof(plate));
            if (chunkSize < 1) throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "Split chunk size must be at least 1.");
            return new ComputationStrategy(plate, chunkSize);
        }

        /// <summary>The plate evaluated in chunks, or null.</summary>
        public string? Plate { get; }

        /// <summary>Elements per chunk (0 when not splitting).</summary>
        public int ChunkSize { get; }
    }
}
