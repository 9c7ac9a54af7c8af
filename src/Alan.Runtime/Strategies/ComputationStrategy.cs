using System;
using Alan.Distributed;
using TorchSharp;

namespace Alan
{
    /// <summary>How the estimator evaluates the plate recursion.</summary>
    public sealed class ComputationStrategy
    {
        private ComputationStrategy(string? plate, int chunkSize, int batchSize = 0, torch.Generator? batchGenerator = null,
            ICommunicator? communicator = null)
        {
            Plate = plate;
            ChunkSize = chunkSize;
            BatchSize = batchSize;
            BatchGenerator = batchGenerator;
            Communicator = communicator;
        }

        /// <summary>Evaluate everything at once (the default).</summary>
        public static ComputationStrategy Full { get; } = new ComputationStrategy(null, 0);

        /// <summary>Evaluate <paramref name="plate"/> in chunks of <paramref name="chunkSize"/> elements.</summary>
        public static ComputationStrategy Split(string plate, int chunkSize)
        {
            if (string.IsNullOrEmpty(plate)) throw new ArgumentException("Split needs a plate name.", nameof(plate));
            if (chunkSize < 1) throw new ArgumentOutOfRangeException(nameof(chunkSize), chunkSize, "Split chunk size must be at least 1.");
            return new ComputationStrategy(plate, chunkSize);
        }

        /// <summary>
        /// Evaluate a random minibatch of <paramref name="batchSize"/> elements of the outermost plate
        /// <paramref name="plate"/> (drawn without replacement, a new batch at every evaluation) and scale the plate's
        /// result by N / B: an unbiased estimate of the plate's term, whose gradient is zero for the local parameters of
        /// elements outside the batch. For training (<c>ElboVi</c>, <c>ElboRws</c>, <c>ElboNoGrad</c>, <c>Fit</c>); the
        /// posterior toolkit needs every element and refuses it.
        /// </summary>
        /// <param name="plate">A plate of the program root.</param>
        /// <param name="batchSize">Elements per batch, at least 1 (a batch of the whole plate or more is the plate itself).</param>
        /// <param name="generator">Draws the batches; null: TorchSharp's default generator.</param>
        public static ComputationStrategy Subsample(string plate, int batchSize, torch.Generator? generator = null)
        {
            if (string.IsNullOrEmpty(plate)) throw new ArgumentException("Subsample needs a plate name.", nameof(plate));
            if (batchSize < 1) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "Subsample batch size must be at least 1.");
            return new ComputationStrategy(plate, 0, batchSize, generator);
        }

        /// <summary>
        /// Data-parallel evaluation: each rank of <paramref name="communicator"/> holds a problem built on its own shard
        /// of the outermost plate <paramref name="plate"/> (its data, inputs and local parameters), draws the same global
        /// particles as every other rank (the same generator seed), evaluates its shard, and the ranks add their plate
        /// results and the gradients of the global particles and parameters. Every rank then holds the log P-hat and the
        /// global gradients of the whole data set; local latents and their gradients stay on their rank.
        /// </summary>
        /// <param name="plate">A plate of the program root, at least 2 elements on every rank.</param>
        /// <param name="communicator">The ranks (an MPI communicator, or in-process threads for tests).</param>
        public static ComputationStrategy Sharded(string plate, ICommunicator communicator)
        {
            if (string.IsNullOrEmpty(plate)) throw new ArgumentException("Sharded needs a plate name.", nameof(plate));
            if (communicator is null) throw new ArgumentNullException(nameof(communicator));
            return new ComputationStrategy(plate, 0, communicator: communicator);
        }

        /// <summary>The plate evaluated in chunks, subsampled or sharded; null for <see cref="Full"/>.</summary>
        public string? Plate { get; }

        /// <summary>Elements per chunk (0 when not splitting).</summary>
        public int ChunkSize { get; }

        /// <summary>Elements per minibatch (0 when not subsampling).</summary>
        public int BatchSize { get; }

        /// <summary>The generator of the minibatches (null: TorchSharp's default).</summary>
        public torch.Generator? BatchGenerator { get; }

        /// <summary>The ranks of a sharded evaluation (null when not sharding).</summary>
        public ICommunicator? Communicator { get; }

        /// <summary>True for <see cref="Subsample"/>.</summary>
        public bool Subsamples => BatchSize > 0;

        /// <summary>True for <see cref="Sharded"/>.</summary>
        public bool Shards => Communicator is not null;

        /// <summary>
        /// The strategy for a pass that needs every element (posterior draws, marginals, moments): a subsample's is the
        /// whole plate at once; the others are unchanged.
        /// </summary>
        public ComputationStrategy? ForWholePlate() => Subsamples ? null : this;
    }
}
