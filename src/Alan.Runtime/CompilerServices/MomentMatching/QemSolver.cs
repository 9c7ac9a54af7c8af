using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.CompilerServices.MomentMatching
{
    /// <summary>
    /// Shared settings of the iterative QEM inversions (Gamma shape, digamma inverse, Dirichlet fixed point): they run
    /// in float64 whatever the input precision, stop when the largest relative change of an iterate falls below
    /// <see cref="Tolerance"/>, and give up (returning the last iterate) after a bounded number of iterations. They run
    /// without autograd (their results do not require gradients) and dispose their temporaries.
    /// </summary>
    internal static class QemSolver
    {
        /// <summary>Relative change (max over all elements) below which an iteration has converged.</summary>
        public const double Tolerance = 1e-12;

        /// <summary>Float64 working copy of <paramref name="t"/> (no copy when it already is float64).</summary>
        public static Tensor Work(Tensor t) => t.dtype == ScalarType.Float64 ? t : t.to_type(ScalarType.Float64);

        /// <summary>
        /// The dtype results should be returned in: the promoted floating type of the inputs, where non-floating
        /// inputs count as the default floating type.
        /// </summary>
        public static ScalarType ResultType(params Tensor[] tensors)
        {
            ScalarType? result = null;
            foreach (var t in tensors)
            {
                var dtype = torch.is_floating_point(t) ? t.dtype : torch.get_default_dtype();
                result = result is null ? dtype : torch.promote_types(result.Value, dtype);
            }
            return result ?? torch.get_default_dtype();
        }

        /// <summary>Largest |next - current| / |current| over all elements (0 for empty tensors); NaN propagates.</summary>
        public static double MaxRelativeChange(Tensor next, Tensor current)
        {
            if (next.numel() == 0) return 0;
            using var change = ((next - current).abs() / current.abs()).max();
            return change.item<double>();
        }

        /// <summary>
        /// Below this relative change an iteration that stops improving (the change does not shrink from one step to
        /// the next) is taken to have reached its rounding-noise floor and stops, even above <see cref="Tolerance"/>.
        /// </summary>
        public const double StallTolerance = 1e-9;

        /// <summary>
        /// Whether to stop after an iteration whose largest relative change is <paramref name="change"/>:
        /// below <see cref="Tolerance"/>; stalled below <see cref="StallTolerance"/> (no smaller than the previous
        /// change, updated here); or NaN (a NaN never converges; it is passed through to the result).
        /// </summary>
        public static bool ShouldStop(double change, ref double previous)
        {
            bool stop = change < Tolerance || double.IsNaN(change) || (change < StallTolerance && change >= previous);
            previous = change;
            return stop;
        }

        /// <summary>Smallest positive normal float64, the floor for positive iterates.</summary>
        public static readonly double Tiny = torch.finfo(ScalarType.Float64).tiny;
    }
}
