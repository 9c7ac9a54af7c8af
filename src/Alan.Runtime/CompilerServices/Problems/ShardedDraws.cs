using System;
using Alan.CompilerServices.TensorLayout;
using Alan.Distributed;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Problems
{
    /// <summary>
    /// The draws of a problem that holds one rank's shard of a plate (<see cref="InferenceProblem.ShardDraws"/>). The
    /// sharded estimate needs every rank to hold the same global particles, and the ranks' local particles to be
    /// independent: so at each sample the shared generator is first set to rank 0's state, and while Q is sampled every
    /// draw that has an extent along the sharded plate (a local latent, or a re-indexing of its parents) comes from a
    /// generator of this rank's own, every other draw (root latents, latents of the root's other plates) from the
    /// shared one. Those are the tensors <see cref="Memory.ShardReduction"/> treats as local and global.
    /// </summary>
    internal sealed class ShardedDraws
    {
        [ThreadStatic] private static ShardedDraws? _active;

        private ShardedDraws(string plate, long dim, ICommunicator communicator, Generator local)
        {
            Plate = plate;
            Dim = dim;
            Communicator = communicator;
            Local = local;
        }

        public string Plate { get; }

        /// <summary>The plate's layout dimension.</summary>
        public long Dim { get; }

        public ICommunicator Communicator { get; }

        /// <summary>This rank's generator of local draws.</summary>
        public Generator Local { get; }

        /// <summary>The draws of <paramref name="problem"/> sharded over <paramref name="plate"/>; local draws seeded from <paramref name="seed"/> and the rank.</summary>
        public static ShardedDraws Create(InferenceProblem problem, string plate, ICommunicator communicator, long seed, Device device)
        {
            var layout = problem.Layout;
            int i = layout.IndexOf(plate);
            if (i < 0)
                throw new ArgumentException(
                    $"ShardDraws names plate '{plate}', but {problem.ProblemName}'s plates are: {(layout.Count == 0 ? "(none)" : string.Join(", ", layout.Names))}.",
                    nameof(plate));
            // A seed per rank far from the shared seeds users pick (0, 1, 42, ...).
            var local = new Generator(0, device).manual_seed(unchecked(seed * 1_000_003L + 7_919L * (communicator.Rank + 1)));
            return new ShardedDraws(plate, layout.Dims[i], communicator, local);
        }

        /// <summary>
        /// Sets <paramref name="shared"/> (null: torch's default generator) to rank 0's state and routes this thread's draws
        /// until the returned scope ends.
        /// </summary>
        public IDisposable Begin(Generator? shared)
        {
            SetToRankZero(Communicator, shared);
            var previous = _active;
            _active = this;
            return new Scope(previous);
        }

        /// <summary>Sets <paramref name="shared"/> (null: torch's default generator) to rank 0's state: one broadcast of the state.</summary>
        public static void SetToRankZero(ICommunicator communicator, Generator? shared)
        {
            using var state = shared?.get_state() ?? torch.random.get_rng_state();
            using var bytes = state.to_type(ScalarType.Byte).cpu().contiguous();
            var buffer = bytes.data<byte>().ToArray();
            communicator.Broadcast(buffer, 0);
            using var synced = tensor(buffer, bytes.shape, ScalarType.Byte);
            if (shared is null) torch.random.set_rng_state(synced);
            else shared.set_state(synced);
        }

        /// <summary>The generator a draw of <paramref name="shape"/> (in layout dims) uses: this rank's when it extends along the sharded plate.</summary>
        public static Generator? Route(Generator? generator, long[] shape) =>
            _active is { } draws && shape.Length > draws.Dim && shape[draws.Dim] > 1 ? draws.Local : generator;

        private sealed class Scope : IDisposable
        {
            private readonly ShardedDraws? _previous;
            private bool _ended;

            public Scope(ShardedDraws? previous) => _previous = previous;

            public void Dispose()
            {
                if (_ended) return;
                _ended = true;
                _active = _previous;
            }
        }
    }
}
