using System;
using System.ComponentModel;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Timeseries
{
    /// <summary>
    /// Draws a timeseries latent element by element (DESIGN 4.10): from P (SamplePrior, Extend) or from a chained
    /// Q (Sample). Drawing is sequential by nature (element t needs element t-1); the estimator is not.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class ChainDraw
    {
        /// <summary>
        /// The chain over <paramref name="steps"/> elements of plate dim <paramref name="timeDim"/>: element t is
        /// <paramref name="draw"/>(previous, t), where previous is <paramref name="init"/> at t = 0 and
        /// <paramref name="carry"/>(element t-1) after (identity when null; a chained Q re-indexes it there).
        /// </summary>
        public static Tensor Unroll(Tensor init, long timeDim, long steps, Func<Tensor, long, Tensor> draw, Func<Tensor, Tensor>? carry = null)
        {
            if (steps < 1) throw new ArgumentException("A timeseries plate must have at least one element.");
            var elements = new Tensor[steps];
            var previous = init;
            for (long t = 0; t < steps; t++)
            {
                elements[t] = draw(previous, t);
                if (t + 1 < steps) previous = carry is null ? elements[t] : carry(elements[t]);
            }
            return steps == 1 ? elements[0] : cat(elements, timeDim);
        }

        /// <summary>
        /// A self-starting chain over <paramref name="steps"/> elements: element 0 is <paramref name="first"/>() (drawn
        /// from the start's distribution), element t is <paramref name="draw"/>(previous, t) after, previous being
        /// <paramref name="carry"/>(element t-1) (identity when null).
        /// </summary>
        public static Tensor UnrollFromStart(Func<Tensor> first, long timeDim, long steps, Func<Tensor, long, Tensor> draw, Func<Tensor, Tensor>? carry = null)
        {
            if (steps < 1) throw new ArgumentException("A timeseries plate must have at least one element.");
            var elements = new Tensor[steps];
            elements[0] = first();
            for (long t = 1; t < steps; t++)
                elements[t] = draw(carry is null ? elements[t - 1] : carry(elements[t - 1]), t);
            return steps == 1 ? elements[0] : cat(elements, timeDim);
        }

        /// <summary>
        /// <paramref name="value"/> at element <paramref name="t"/> of plate dim <paramref name="timeDim"/> (kept,
        /// size 1); a tensor without that plate (size 1 there) is the same at every element.
        /// </summary>
        public static Tensor At(Tensor value, long timeDim, long t) =>
            value.shape[timeDim] == 1 ? value : value.narrow(timeDim, t, 1);

        /// <summary>The layout shape <paramref name="shape"/> with one element of plate dim <paramref name="timeDim"/>.</summary>
        public static long[] OneElement(long[] shape, long timeDim)
        {
            var one = (long[])shape.Clone();
            one[timeDim] = 1;
            return one;
        }

        /// <summary>
        /// Forecasting (Extend along a timeseries plate): element t of the new draw, with the training draws
        /// <paramref name="known"/> written over its training corner while t is within the training elements.
        /// </summary>
        public static Tensor KeepKnown(Tensor drawn, Tensor known, long timeDim, long t)
        {
            if (t >= known.shape[timeDim]) return drawn;
            return Extension.OverwriteCorner(drawn, known.narrow(timeDim, t, 1));
        }
    }
}
