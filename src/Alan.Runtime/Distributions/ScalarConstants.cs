using TorchSharp;

namespace Alan
{
    /// <summary>
    /// Scalars of the hottest log-densities, created once. TorchSharp's <see cref="Scalar"/> is not tracked by dispose
    /// scopes and is freed by its finalizer; a temporary one (a <c>double</c> converted implicitly) can be finalized while
    /// a native call still reads it when another thread triggers a garbage collection, which libtorch then reports as
    /// a failed check ("toDouble", "Expected false to be true"). Scalars held in static fields are never finalized.
    /// </summary>
    internal static class ScalarConstants
    {
        public static readonly Scalar One = 1.0.ToScalar();
        public static readonly Scalar MinusHalf = (-0.5).ToScalar();
        public static readonly Scalar MinusTwo = (-2.0).ToScalar();
        public static readonly Scalar HalfLog2Pi = MathUtil.HalfLog2Pi.ToScalar();
    }
}
