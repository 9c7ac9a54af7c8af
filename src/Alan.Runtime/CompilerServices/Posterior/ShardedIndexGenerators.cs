using System;
using Alan.CompilerServices.Memory;
using Alan.CompilerServices.Problems;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Posterior
{
    /// <summary>
    /// The generators of backward sampling over a sharded pass (<see cref="ComputationStrategy.Sharded"/>). The global
    /// particles' indices are drawn from their marginal, which the root's steps hold from the ranks' added plate results
    /// (the same on every rank): after this rank takes rank 0's generator state, those draws are the same on every rank.
    /// A step inside the sharded plate holds this rank's elements only, which given the global indices are independent of
    /// the other ranks' elements (DESIGN 4.3): its indices come from a generator of the rank's own, seeded by one draw of
    /// the shared generator and the rank, so the shared generator stays in step on every rank (a step of another plate of
    /// the root, drawn later, again draws the same indices everywhere).
    /// </summary>
    internal sealed class ShardedIndexGenerators : IDisposable
    {
        private readonly Chunk _shard;
        private readonly Generator? _shared;
        private Generator? _local;

        public ShardedIndexGenerators(Chunk shard, Generator? shared)
        {
            _shard = shard;
            _shared = shared;
            ShardedDraws.SetToRankZero(shard.Communicator!, shared);
        }

        /// <summary>The generator of a step whose joint is <paramref name="joint"/>: the rank's own when it extends along the sharded plate.</summary>
        public Generator? For(Tensor joint)
        {
            if (joint.dim() <= _shard.Dim || joint.shape[_shard.Dim] == 1) return _shared;
            if (_local is null)
            {
                long seed;
                using (var drawn = randint(0, 1L << 62, new long[] { 1 }, ScalarType.Int64, joint.device, generator: _shared))
                    seed = drawn.cpu().item<long>();
                // The rank mixed in by an odd multiplier (the golden ratio's 64-bit fraction): distinct seeds per rank.
                ulong mixed = (ulong)seed ^ unchecked((ulong)(_shard.Communicator!.Rank + 1) * 0x9E3779B97F4A7C15UL);
                _local = new Generator(0, joint.device).manual_seed(unchecked((long)(mixed >> 1)));
            }
            return _local;
        }

        public void Dispose() => _local?.Dispose();
    }
}
