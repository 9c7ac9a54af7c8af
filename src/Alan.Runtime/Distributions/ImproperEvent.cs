using System;
using System.Linq;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>The event shape of an improper distribution (<see cref="Flat"/>, <see cref="HalfFlat"/>): checked at construction and against each value.</summary>
    internal static class ImproperEvent
    {
        public static long[] Checked(string family, long[]? eventShape)
        {
            if (eventShape is null) throw new ArgumentNullException(nameof(eventShape));
            for (int i = 0; i < eventShape.Length; i++)
                if (eventShape[i] <= 0)
                    throw new ArgumentOutOfRangeException(nameof(eventShape),
                        $"{family}: eventShape[{i}] must be positive; got {eventShape[i]} (eventShape [{string.Join(", ", eventShape)}]).");
            return (long[])eventShape.Clone();
        }

        /// <summary>The value's last dims must be the event shape: its leading dims are the batch the density is returned over.</summary>
        public static void RequireEventShape(string family, long[] eventShape, Tensor value)
        {
            var shape = value.shape;
            bool fits = shape.Length >= eventShape.Length
                && shape.Skip(shape.Length - eventShape.Length).SequenceEqual(eventShape);
            if (!fits)
                throw new ArgumentException(
                    $"{family}: the value's last dimension(s) must be its event shape [{string.Join(", ", eventShape)}]; got a value of shape [{string.Join(", ", shape)}].",
                    nameof(value));
        }

        public static InvalidOperationException CannotSample(string family, string support) =>
            new InvalidOperationException(
                $"{family} is improper (density 1 over {support}): it has no normalising constant and cannot be sampled. " +
                "Use it only as the prior of a latent of P, and draw that latent from Q.");
    }
}
