using System;
using System.ComponentModel;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.CompilerServices.TensorLayout
{
    /// <summary>
    /// The initial values of <c>[Param]</c> and <c>[QemParam]</c> tensors that are not one constant: identity matrices
    /// (<c>Init = ParamInit.Identity</c>, and the default of a covariance or scale-tril argument) and the value of a
    /// static member of the plate class (<c>InitFrom</c>), each a fresh contiguous tensor on the default device.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ParameterInit
    {
        /// <summary>
        /// <paramref name="scale"/> times the identity over the last two dims of <paramref name="shape"/> (which are
        /// equal), repeated over the leading ones.
        /// </summary>
        /// <param name="shape">The parameter's shape, [plates..., event...].</param>
        /// <param name="scale">The value on the diagonal.</param>
        /// <param name="dtype">The problem's floating dtype.</param>
        /// <param name="parameter">The parameter's state-dict name, for the message when the shape is not square.</param>
        public static Tensor Identity(long[] shape, double scale, ScalarType dtype, string parameter)
        {
            if (shape is null) throw new ArgumentNullException(nameof(shape));
            if (shape.Length < 2 || shape[^1] != shape[^2])
                throw new ArgumentException(
                    $"Parameter '{parameter}' starts at identity matrices, which need a shape ending in two equal sizes, but its shape is {Show(shape)}.",
                    nameof(shape));
            using var scope = torch.NewDisposeScope();
            var eye = torch.eye(shape[^1], dtype: dtype, device: torch.get_default_device());
            if (scale != 1.0) eye = eye.mul_(Scalars.Temporary(scale));
            return eye.expand(shape).contiguous().clone().MoveToOuterDisposeScope();
        }

        /// <summary>
        /// <paramref name="value"/> broadcast to <paramref name="shape"/> ([plates..., event...]), as a copy in
        /// <paramref name="dtype"/> on the default device.
        /// </summary>
        /// <param name="value">The member's value.</param>
        /// <param name="shape">The parameter's shape, [plates..., event...].</param>
        /// <param name="dtype">The problem's floating dtype.</param>
        /// <param name="parameter">The parameter's state-dict name, for messages.</param>
        /// <param name="member">The plate-class member the value came from, for messages.</param>
        /// <exception cref="ArgumentException">
        /// The value is null, does not broadcast to <paramref name="shape"/>, or holds a non-finite element.
        /// </exception>
        public static Tensor From(Tensor? value, long[] shape, ScalarType dtype, string parameter, string member)
        {
            if (shape is null) throw new ArgumentNullException(nameof(shape));
            if (value is null)
                throw new ArgumentException($"Parameter '{parameter}' starts from {member}, which is null; give it a value.", nameof(value));
            if (!BroadcastsTo(value.shape, shape))
                throw new ArgumentException(
                    $"Parameter '{parameter}' starts from {member}, of shape {Show(value.shape)}, which does not broadcast to the " +
                    $"parameter's shape {Show(shape)} (plates, then event dims); give {member} the shape {Show(shape)} or a shape that broadcasts to it.",
                    nameof(value));
            using var scope = torch.NewDisposeScope();
            var copy = value.detach().to(dtype, torch.get_default_device()).expand(shape).contiguous().clone();
            if (!torch.isfinite(copy).all().item<bool>())
                throw new ArgumentException($"Parameter '{parameter}' starts from {member}, which holds a non-finite value (NaN or infinity).", nameof(value));
            return copy.MoveToOuterDisposeScope();
        }

        /// <inheritdoc cref="From(Tensor?, long[], ScalarType, string, string)"/>
        public static Tensor From(double[]? value, long[] shape, ScalarType dtype, string parameter, string member)
        {
            if (value is null)
                throw new ArgumentException($"Parameter '{parameter}' starts from {member}, which is null; give it a value.", nameof(value));
            using var values = torch.tensor(value, dtype: ScalarType.Float64);
            return From(values, shape, dtype, parameter, member);
        }

        /// <summary>Whether a tensor of shape <paramref name="from"/> broadcasts to exactly <paramref name="to"/>.</summary>
        private static bool BroadcastsTo(long[] from, long[] to)
        {
            if (from.Length > to.Length) return false;
            for (int i = 1; i <= from.Length; i++)
                if (from[^i] != 1 && from[^i] != to[^i]) return false;
            return true;
        }

        private static string Show(long[] shape) => "[" + string.Join(", ", shape) + "]";
    }
}
