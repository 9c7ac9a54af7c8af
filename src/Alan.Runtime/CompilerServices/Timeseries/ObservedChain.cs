using System;
using System.ComponentModel;
using System.Linq;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Timeseries
{
    /// <summary>
    /// An observed timeseries of order p (DESIGN 4.10): a <c>[Data, Timeseries(init)]</c> variable whose arguments
    /// <c>prev</c>, <c>prev2</c>, ..., <c>prevp</c> are its own observations 1..p elements back along its plate. Its
    /// values are known, so it adds no chain factor: with the series extended backwards by the init,
    /// <code>
    ///   e = (init_0, ..., init_{p-1}, y_0, ..., y_{T-1})     (init oldest first: init_{p-1} is the value just before y_0)
    ///   prev_j at element t = e[p + t - j]
    /// </code>
    /// and each element is an ordinary data factor log p(y_t | prev_1..prev_p at t, other arguments). For p = 1 the
    /// init has the variable's shape (one value per element of the enclosing plates); for p &gt; 1 it has one more
    /// dim of size p, its first event dim (right after the layout's dims), holding the p values oldest first.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ObservedChain
    {
        /// <summary>
        /// The observations 1..<paramref name="order"/> elements back along <paramref name="timeDim"/>: element j - 1 of
        /// the result is prev_j, of <paramref name="observed"/>'s length along the plate, broadcast with the init over the
        /// other dims (a latent init's particles).
        /// </summary>
        /// <param name="observed">The observations, in the layout (<paramref name="layoutRank"/> leading dims, then event dims).</param>
        /// <param name="init">The values before the first element, in the layout (size 1 along <paramref name="timeDim"/>).</param>
        /// <param name="order">p: the furthest lag the variable reads.</param>
        /// <param name="timeDim">The timeseries plate's layout dim.</param>
        /// <param name="layoutRank">The number of layout dims (event dims follow).</param>
        /// <param name="variable">The observed variable's name, for errors.</param>
        /// <param name="initName">The init's name, for errors.</param>
        public static Tensor[] Lags(Tensor observed, Tensor init, int order, long timeDim, long layoutRank, string variable, string initName)
        {
            var start = Start(init, order, timeDim, layoutRank, variable, initName);
            long steps = observed.shape[timeDim];
            var shape = BroadcastExceptTime(start, observed, timeDim, variable, initName);
            var extended = cat(new[] { start.expand(WithTime(shape, timeDim, order)), observed.expand(WithTime(shape, timeDim, steps)) }, timeDim);
            var lags = new Tensor[order];
            for (int j = 1; j <= order; j++) lags[j - 1] = extended.narrow(timeDim, order - j, steps);
            return lags;
        }

        /// <summary>
        /// Draws the series forward (SamplePrior) over <paramref name="steps"/> elements of <paramref name="timeDim"/>:
        /// element t is <paramref name="draw"/>(previous, t), previous[j - 1] being the value j elements back (the
        /// init's values before the first element), each of size 1 along <paramref name="timeDim"/>.
        /// </summary>
        public static Tensor Unroll(Tensor init, int order, long timeDim, long layoutRank, long steps, Func<Tensor[], long, Tensor> draw,
            string variable, string initName)
        {
            if (steps < 1) throw new ArgumentException($"The plate of timeseries '{variable}' must have at least one element.");
            var start = Start(init, order, timeDim, layoutRank, variable, initName);
            // history[i]: e[i] of the extended series, oldest first.
            var history = new Tensor[order + steps];
            for (int i = 0; i < order; i++) history[i] = start.narrow(timeDim, i, 1);
            var previous = new Tensor[order];
            for (long t = 0; t < steps; t++)
            {
                for (int j = 1; j <= order; j++) previous[j - 1] = history[order + t - j];
                history[order + t] = draw(previous, t);
            }
            var elements = history.Skip(order).ToArray();
            return elements.Length == 1 ? elements[0] : cat(elements, timeDim);
        }

        /// <summary>
        /// The init as the series' first <paramref name="order"/> elements along <paramref name="timeDim"/>: itself for
        /// order 1, else its first event dim (of size <paramref name="order"/>) moved onto the plate's dim.
        /// </summary>
        private static Tensor Start(Tensor init, int order, long timeDim, long layoutRank, string variable, string initName)
        {
            if (order < 1) throw new ArgumentOutOfRangeException(nameof(order), order, "An observed timeseries reads at least one element back.");
            if (init.shape[timeDim] != 1)
                throw new ArgumentException(
                    $"The init '{initName}' of timeseries '{variable}' must have one value per element of the enclosing plates, not one per element of the timeseries' plate; its shape is {Shape(init)}.");
            if (order == 1) return init;
            if (init.dim() <= layoutRank || init.shape[layoutRank] != order)
            {
                var events = init.shape.Skip((int)Math.Min(layoutRank, init.dim())).ToArray();
                throw new ArgumentException(
                    $"Timeseries '{variable}' reads up to prev{order}, so its init '{initName}' must hold the {order} values before the first element, " +
                    $"oldest first, in its first dim after the plates: expected event shape [{order}, ...], got [{string.Join(", ", events)}].");
            }
            return init.squeeze(timeDim).movedim(new[] { layoutRank - 1 }, new[] { timeDim });
        }

        /// <summary>
        /// The broadcast shape of <paramref name="a"/> (the init's values) and <paramref name="b"/> (the observations) over
        /// every dim but <paramref name="timeDim"/> (left 1); both are in the layout, so they must have the same event rank.
        /// </summary>
        private static long[] BroadcastExceptTime(Tensor a, Tensor b, long timeDim, string variable, string initName)
        {
            bool ok = a.dim() == b.dim();
            var shape = new long[b.dim()];
            for (int i = 0; ok && i < shape.Length; i++)
            {
                long x = a.shape[i], y = b.shape[i];
                ok = i == timeDim || x == y || x == 1 || y == 1;
                shape[i] = Math.Max(x, y);
            }
            if (!ok)
                throw new ArgumentException(
                    $"The init '{initName}' of timeseries '{variable}' holds its values before the first element as {Shape(a)} (in the layout, the plate's dim holding them), " +
                    $"which does not broadcast with the observations' {Shape(b)}: give each value the observations' event shape.");
            shape[timeDim] = 1;
            return shape;
        }

        private static long[] WithTime(long[] shape, long timeDim, long size)
        {
            var s = (long[])shape.Clone();
            s[timeDim] = size;
            return s;
        }

        private static string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";
    }
}
