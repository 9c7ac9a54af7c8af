using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Alan.CompilerServices.Timeseries
{
    /// <summary>
    /// The forward filter of a chain whose transition is a Normal, and its gradient, in one pass over the particle pairs
    /// of each step, vectorised over the batch of independent chains (<see cref="NormalChainFilter"/>). With the chain
    /// at step t at particle s (value x[t, s]) and its previous element at particle s', the transition's log-density plus
    /// the rest of the step's factor is
    /// <code>
    ///   M_t[s, s'] = rest[t, s] + c[t, s'] - h[t, s'] (x[t, s] - loc[t, s'])^2,   h = 1 / (2 scale^2), c = -log scale - log(2 pi) / 2,
    /// </code>
    /// and the filter is alpha_{t+1}[s] = log sum_{s'} exp(alpha_t[s'] + M_t[s, s']). M_t is never stored: each entry is
    /// computed where it is used, forward and backward. Every array is [.., B] with the batch innermost; B is a multiple
    /// of <see cref="Vector{T}.Count"/>. The gradient of alpha_{t+1}[s] with respect to each entry of the joint is the
    /// softmax weight w[s, s'] = exp(alpha_t[s'] + M_t[s, s'] - L_t[s]), L_t the step's log-sum-exp; the backward pass
    /// recomputes the joint from the saved alphas and L.
    /// </summary>
    internal static class NormalChainKernel
    {
        /// <summary>
        /// alphas[0] = <paramref name="alpha0"/>, then alphas[t + 1] and the log-sum-exps L[t] (without rest) for t = 0..T-1.
        /// </summary>
        /// <param name="alpha0">[S, B].</param>
        /// <param name="x">The chain's values [T, S, B].</param>
        /// <param name="loc">The transition's loc given the previous particle [T, S', B].</param>
        /// <param name="h">1 / (2 scale^2) [T, S', B].</param>
        /// <param name="c">-log scale - log(2 pi) / 2 [T, S', B].</param>
        /// <param name="rest">The rest of M_t, not depending on the previous particle [T, S, B].</param>
        /// <param name="alphas">Output [T + 1, S, B].</param>
        /// <param name="lse">Output [T, S, B].</param>
        /// <param name="steps">T.</param>
        /// <param name="states">S (= S').</param>
        /// <param name="batch">B, a multiple of the vector width.</param>
        public static void Forward<T>(ReadOnlySpan<T> alpha0, ReadOnlySpan<T> x, ReadOnlySpan<T> loc, ReadOnlySpan<T> h, ReadOnlySpan<T> c,
            ReadOnlySpan<T> rest, Span<T> alphas, Span<T> lse, int steps, int states, int batch)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            int width = Vector<T>.Count, plane = states * batch;
            alpha0.CopyTo(alphas.Slice(0, plane));
            var joint = new Vector<T>[states];
            var minusInfinity = new Vector<T>(T.NegativeInfinity);
            for (int t = 0; t < steps; t++)
            {
                var previous = alphas.Slice(t * plane, plane);
                var next = alphas.Slice((t + 1) * plane, plane);
                var stepLoc = loc.Slice(t * plane, plane);
                var stepH = h.Slice(t * plane, plane);
                var stepC = c.Slice(t * plane, plane);
                for (int s = 0; s < states; s++)
                {
                    int row = t * plane + s * batch;
                    for (int b = 0; b < batch; b += width)
                    {
                        var value = new Vector<T>(x.Slice(row + b, width));
                        var max = minusInfinity;
                        for (int p = 0; p < states; p++)
                        {
                            int at = p * batch + b;
                            var diff = value - new Vector<T>(stepLoc.Slice(at, width));
                            var e = new Vector<T>(previous.Slice(at, width)) + new Vector<T>(stepC.Slice(at, width))
                                - new Vector<T>(stepH.Slice(at, width)) * diff * diff;
                            joint[p] = e;
                            max = Vector.Max(max, e);
                        }
                        // A row whose every entry is -inf sums to 0 (log: -inf) with no shift.
                        var shift = Vector.ConditionalSelect(Vector.Equals(max, minusInfinity), Vector<T>.Zero, max);
                        var sum = Vector<T>.Zero;
                        for (int p = 0; p < states; p++) sum += Exp(joint[p] - shift);
                        var logSum = shift + Log(sum);
                        logSum.CopyTo(lse.Slice(row + b, width));
                        (logSum + new Vector<T>(rest.Slice(row + b, width))).CopyTo(next.Slice(s * batch + b, width));
                    }
                }
            }
        }

        /// <summary>
        /// The gradients of the last alpha (given <paramref name="gradLast"/> [S, B]) with respect to alpha0 and every
        /// operand of <see cref="Forward"/>. The operand gradients must be zero on entry (they are accumulated).
        /// </summary>
        public static void Backward<T>(ReadOnlySpan<T> gradLast, ReadOnlySpan<T> alphas, ReadOnlySpan<T> lse, ReadOnlySpan<T> x, ReadOnlySpan<T> loc,
            ReadOnlySpan<T> h, ReadOnlySpan<T> c, Span<T> gradAlpha0, Span<T> gradX, Span<T> gradLoc, Span<T> gradH, Span<T> gradC, Span<T> gradRest,
            int steps, int states, int batch)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            int width = Vector<T>.Count, plane = states * batch;
            var current = new T[plane];
            var earlier = new T[plane];
            gradLast.CopyTo(current);
            var minusInfinity = new Vector<T>(T.NegativeInfinity);
            var two = new Vector<T>(T.CreateTruncating(2));
            for (int t = steps - 1; t >= 0; t--)
            {
                // alpha_{t+1}[s] = rest[t, s] + L_t[s]: rest's gradient is alpha_{t+1}'s.
                current.AsSpan().CopyTo(gradRest.Slice(t * plane, plane));
                Array.Clear(earlier);
                var previous = alphas.Slice(t * plane, plane);
                var stepLoc = loc.Slice(t * plane, plane);
                var stepH = h.Slice(t * plane, plane);
                var stepC = c.Slice(t * plane, plane);
                var stepGradLoc = gradLoc.Slice(t * plane, plane);
                var stepGradH = gradH.Slice(t * plane, plane);
                var stepGradC = gradC.Slice(t * plane, plane);
                for (int s = 0; s < states; s++)
                {
                    int row = t * plane + s * batch;
                    for (int b = 0; b < batch; b += width)
                    {
                        var value = new Vector<T>(x.Slice(row + b, width));
                        var logSum = new Vector<T>(lse.Slice(row + b, width));
                        // A row that summed to 0 (L = -inf) passes no gradient: its weights are taken as 0, not exp(-inf + inf).
                        var unreached = Vector.Equals(logSum, minusInfinity);
                        var upstream = new Vector<T>(current.AsSpan(s * batch + b, width));
                        var gradValue = Vector<T>.Zero;
                        for (int p = 0; p < states; p++)
                        {
                            int at = p * batch + b;
                            var diff = value - new Vector<T>(stepLoc.Slice(at, width));
                            var precision = new Vector<T>(stepH.Slice(at, width));
                            var squared = diff * diff;
                            var e = new Vector<T>(previous.Slice(at, width)) + new Vector<T>(stepC.Slice(at, width)) - precision * squared;
                            // d alpha_{t+1}[s] / d joint[s, s'] = w[s, s']; times the upstream gradient.
                            var weight = Vector.ConditionalSelect(unreached, Vector<T>.Zero, upstream * Exp(e - logSum));
                            // d joint / d loc = 2 h (x - loc) = -(d joint / d x); d joint / d h = -(x - loc)^2; d joint / d c = d joint / d alpha_t = 1.
                            var pull = two * weight * precision * diff;
                            gradValue -= pull;
                            Accumulate(earlier.AsSpan(at, width), weight);
                            Accumulate(stepGradC.Slice(at, width), weight);
                            Accumulate(stepGradLoc.Slice(at, width), pull);
                            Accumulate(stepGradH.Slice(at, width), -(weight * squared));
                        }
                        gradValue.CopyTo(gradX.Slice(row + b, width));
                    }
                }
                (current, earlier) = (earlier, current);
            }
            current.AsSpan().CopyTo(gradAlpha0);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Accumulate<T>(Span<T> target, Vector<T> add) where T : unmanaged, IFloatingPointIeee754<T> =>
            (new Vector<T>(target) + add).CopyTo(target);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<T> Exp<T>(Vector<T> v) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (typeof(T) == typeof(float)) return Vector.Exp(v.As<T, float>()).As<float, T>();
            return Vector.Exp(v.As<T, double>()).As<double, T>();
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<T> Log<T>(Vector<T> v) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (typeof(T) == typeof(float)) return Vector.Log(v.As<T, float>()).As<float, T>();
            return Vector.Log(v.As<T, double>()).As<double, T>();
        }
    }
}
