using System;
using System.Collections.Concurrent;
using TorchSharp;

namespace Alan
{
    /// <summary>
    /// TorchSharp <see cref="Scalar"/>s that stay alive while libtorch reads them. TorchSharp 0.107 turns a number combined
    /// with a tensor (<c>0.5 * b</c>, <c>x + 1</c>, <c>t.clamp(min: 0)</c>) into a temporary Scalar that it does not keep
    /// alive across the native call and frees in its finalizer: a garbage collection started by another thread during the
    /// call frees it while libtorch still reads it. A Scalar held in a static field is never finalized, and one disposed
    /// after the call is freed only then.
    /// </summary>
    /// <remarks>
    /// <see cref="Of(double)"/> is for constants (<c>Scalars.Of(0.5) * b</c>): each distinct value is created once and kept
    /// for the life of the process, so passing it values that change from call to call would grow the cache without end.
    /// For such a value use a tensor (<c>torch.tensor(value)</c>) or <c>using var s = value.ToScalar();</c> before the call.
    /// The analyzer rules ALAN056 and ALAN057 find the temporaries in model code (docs/threads-and-randomness.md).
    /// </remarks>
    public static class Scalars
    {
        private static readonly ConcurrentDictionary<long, Scalar> Floating = new();
        private static readonly ConcurrentDictionary<long, Scalar> Integral = new();

        /// <summary>
        /// The floating Scalar of <paramref name="value"/>, created on first use and kept alive for the life of the process
        /// (it combines with a tensor like the <c>double</c> itself: a float32 tensor stays float32).
        /// </summary>
        public static Scalar Of(double value) =>
            Floating.GetOrAdd(BitConverter.DoubleToInt64Bits(value), static bits => BitConverter.Int64BitsToDouble(bits).ToScalar());

        /// <summary>
        /// The integral Scalar of <paramref name="value"/>, created on first use and kept alive for the life of the process
        /// (it combines with a tensor like the integer itself: an integer tensor stays integral).
        /// </summary>
        public static Scalar Of(long value) => Integral.GetOrAdd(value, static v => v.ToScalar());

        /// <summary>Scalars created per call on this thread, disposed in turn once <see cref="KeptAlive"/> newer ones exist.</summary>
        [ThreadStatic] private static Scalar?[]? _recent;
        [ThreadStatic] private static int _next;

        /// <summary>
        /// How many of the newest temporaries of a thread are alive: far more than the Scalar arguments of one TorchSharp call
        /// (at most three), so a temporary outlives the call it was made for.
        /// </summary>
        internal const int KeptAlive = 64;

        /// <summary>
        /// A Scalar for a value known only at run time (a count, a log K), for the library's own calls: rooted by this
        /// thread until <see cref="KeptAlive"/> newer ones are made, then disposed (never left to a finalizer). It must be
        /// used by the call it is made for, not stored.
        /// </summary>
        internal static Scalar Temporary(double value) => Keep(value.ToScalar());

        /// <inheritdoc cref="Temporary(double)"/>
        internal static Scalar Temporary(long value) => Keep(value.ToScalar());

        private static Scalar Keep(Scalar scalar)
        {
            var recent = _recent ??= new Scalar?[KeptAlive];
            recent[_next]?.Dispose();
            recent[_next] = scalar;
            _next = (_next + 1) % KeptAlive;
            return scalar;
        }
    }
}
