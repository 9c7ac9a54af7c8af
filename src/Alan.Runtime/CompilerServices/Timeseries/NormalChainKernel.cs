using System;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Alan.CompilerServices.Timeseries
{
    /// <summary>
    /// An operand of <see cref="NormalChainKernel"/> at its own size, read as if broadcast to [T, S, outer..., inner]: the
    /// element at step t, chain particle s (the current or the previous particle, whichever the operand spans), outer batch
    /// index o and inner batch index i is <c>Data[t * Step + s * Chain + Outer[o] + i * (Inner ? 1 : 0)]</c>. A stride of 0
    /// broadcasts. The inner batch dim is read a vector at a time: contiguous, or one value broadcast to every lane.
    /// </summary>
    internal readonly unsafe struct StridedOperand<T> where T : unmanaged, IFloatingPointIeee754<T>
    {
        public StridedOperand(T* data, long step, long chain, long[] outer, bool inner)
        {
            Data = data;
            Step = step;
            Chain = chain;
            Outer = outer;
            Inner = inner;
        }

        public T* Data { get; }

        public long Step { get; }

        public long Chain { get; }

        /// <summary>The offset of each outer batch index (flattened).</summary>
        public long[] Outer { get; }

        /// <summary>True when the operand spans the inner batch dim (stride 1), false when it is broadcast along it.</summary>
        public bool Inner { get; }

        /// <summary>The same strides over another buffer of the operand's shape (its gradient).</summary>
        public StridedOperand<T> Over(T* data) => new StridedOperand<T>(data, Step, Chain, Outer, Inner);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public long At(int t, int s, int o, int i) => t * Step + s * Chain + Outer[o] + (Inner ? i : 0);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector<T> Load(long at) => Inner ? Unsafe.ReadUnaligned<Vector<T>>(Data + at) : new Vector<T>(Data[at]);

        /// <summary>Adds <paramref name="v"/> at <paramref name="at"/>: lane by lane, or summed over the lanes where broadcast.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(long at, Vector<T> v)
        {
            if (Inner) Unsafe.WriteUnaligned(Data + at, Unsafe.ReadUnaligned<Vector<T>>(Data + at) + v);
            else Data[at] += Vector.Sum(v);
        }
    }

    /// <summary>
    /// The forward filter of a chain whose transition is a Normal, and its gradient, in one pass over the particle pairs
    /// of each step, vectorised over the batch of independent chains (<see cref="NormalChainFilter"/>). With the chain
    /// at step t at particle s (value x[t, s]) and its previous element at particle s', the transition's log-density plus
    /// the rest of the step's factor is
    /// <code>
    ///   M_t[s, s'] = rest[t, s] + c[t, s'] - h[t, s'] (x[t, s] - loc[t, s'])^2,   h = 1 / (2 scale^2), c = -log scale - log(2 pi) / 2,
    /// </code>
    /// and the filter is alpha_{t+1}[s] = log sum_{s'} exp(alpha_t[s'] + M_t[s, s']). M_t is never stored: each entry is
    /// computed where it is used, forward and backward, from the operands at their own sizes (<see cref="StridedOperand{T}"/>).
    /// The alphas are [.., S, outer, inner] with the inner batch dim a multiple of <see cref="Vector{T}.Count"/>. The
    /// gradient of alpha_{t+1}[s] with respect to each entry of the joint is the softmax weight
    /// w[s, s'] = exp(alpha_t[s'] + M_t[s, s'] - L_t[s]), L_t the step's log-sum-exp; the backward pass recomputes the
    /// joint from the saved alphas and L.
    /// </summary>
    internal static unsafe class NormalChainKernel
    {
        /// <summary>
        /// alphas[0] = <paramref name="alpha0"/>, then alphas[t + 1] and the log-sum-exps L[t] (without rest) for t = 0..T-1.
        /// </summary>
        /// <param name="alpha0">[S, outer, inner].</param>
        /// <param name="x">The chain's values, over the current particle.</param>
        /// <param name="loc">The transition's loc, over the previous particle.</param>
        /// <param name="h">1 / (2 scale^2), over the previous particle.</param>
        /// <param name="c">-log scale - log(2 pi) / 2, over the previous particle.</param>
        /// <param name="rest">The rest of M_t, over the current particle (not the previous one).</param>
        /// <param name="alphas">Output [T + 1, S, outer, inner].</param>
        /// <param name="lse">Output [T, S, outer, inner].</param>
        /// <param name="steps">T.</param>
        /// <param name="states">S (= S').</param>
        /// <param name="outer">The number of outer batch indices.</param>
        /// <param name="inner">The inner batch size, a multiple of the vector width.</param>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // compiled optimised at first call: a fit may take few calls
        public static void Forward<T>(T* alpha0, StridedOperand<T> x, StridedOperand<T> loc, StridedOperand<T> h, StridedOperand<T> c,
            StridedOperand<T> rest, T* alphas, T* lse, int steps, int states, int outer, int inner)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            int width = Vector<T>.Count;
            long plane = (long)states * outer * inner;
            new ReadOnlySpan<T>(alpha0, checked((int)plane)).CopyTo(new Span<T>(alphas, checked((int)plane)));
            // The joint of one row (K vectors): on the stack up to 256 particles.
            Span<Vector<T>> joint = states <= 256 ? stackalloc Vector<T>[states] : new Vector<T>[states];
            var minusInfinity = new Vector<T>(T.NegativeInfinity);
            for (int t = 0; t < steps; t++)
            {
                T* previous = alphas + t * plane;
                T* next = alphas + (t + 1) * plane;
                T* stepLse = lse + t * plane;
                for (int s = 0; s < states; s++)
                    for (int o = 0; o < outer; o++)
                        for (int i = 0; i < inner; i += width)
                        {
                            var value = x.Load(x.At(t, s, o, i));
                            var max = minusInfinity;
                            for (int p = 0; p < states; p++)
                            {
                                var diff = value - loc.Load(loc.At(t, p, o, i));
                                var e = Joint(Unsafe.ReadUnaligned<Vector<T>>(previous + ((long)p * outer + o) * inner + i), c.Load(c.At(t, p, o, i)),
                                    h.Load(h.At(t, p, o, i)), diff * diff);
                                joint[p] = e;
                                max = Vector.Max(max, e);
                            }
                            // A row whose every entry is -inf sums to 0 (log: -inf).
                            var empty = Vector.Equals(max, minusInfinity);
                            var shift = Vector.ConditionalSelect(empty, Vector<T>.Zero, max);
                            var sum = Vector<T>.Zero;
                            for (int p = 0; p < states; p++) sum += Exp(joint[p] - shift);
                            var logSum = Vector.ConditionalSelect(empty, minusInfinity, shift + Log(sum));
                            long at = ((long)s * outer + o) * inner + i;
                            Unsafe.WriteUnaligned(stepLse + at, logSum);
                            Unsafe.WriteUnaligned(next + at, logSum + rest.Load(rest.At(t, s, o, i)));
                        }
            }
        }

        /// <summary>
        /// The gradients of the last alpha (given <paramref name="gradLast"/> [S, outer, inner]) with respect to alpha0 and
        /// every operand of <see cref="Forward"/>, each written over a buffer of that operand's shape, which must be zero on
        /// entry (they are accumulated). <c>scratch</c> holds two buffers of [S, outer, inner]: the gradients of alpha_{t+1}
        /// and alpha_t.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public static void Backward<T>(T* gradLast, T* alphas, T* lse, StridedOperand<T> x, StridedOperand<T> loc, StridedOperand<T> h,
            StridedOperand<T> c, T* gradAlpha0, StridedOperand<T> gradX, StridedOperand<T> gradLoc, StridedOperand<T> gradH,
            StridedOperand<T> gradC, StridedOperand<T> gradRest, T* scratch, int steps, int states, int outer, int inner)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            int width = Vector<T>.Count;
            long plane = (long)states * outer * inner;
            int length = checked((int)plane);
            T* current = scratch, earlier = scratch + plane;
            new ReadOnlySpan<T>(gradLast, length).CopyTo(new Span<T>(current, length));
            var minusInfinity = new Vector<T>(T.NegativeInfinity);
            var two = new Vector<T>(T.CreateTruncating(2));
            for (int t = steps - 1; t >= 0; t--)
            {
                new Span<T>(earlier, length).Clear();
                T* previous = alphas + t * plane;
                T* stepLse = lse + t * plane;
                for (int s = 0; s < states; s++)
                    for (int o = 0; o < outer; o++)
                        for (int i = 0; i < inner; i += width)
                        {
                            long at = ((long)s * outer + o) * inner + i;
                            var upstream = Unsafe.ReadUnaligned<Vector<T>>(current + at);
                            // alpha_{t+1}[s] = rest[t, s] + L_t[s]: rest's gradient is alpha_{t+1}'s.
                            gradRest.Add(gradRest.At(t, s, o, i), upstream);
                            var value = x.Load(x.At(t, s, o, i));
                            var logSum = Unsafe.ReadUnaligned<Vector<T>>(stepLse + at);
                            // A row that summed to 0 (L = -inf) passes no gradient: its weights are 0, not exp(-inf + inf).
                            var unreached = Vector.Equals(logSum, minusInfinity);
                            var gradValue = Vector<T>.Zero;
                            for (int p = 0; p < states; p++)
                            {
                                long from = ((long)p * outer + o) * inner + i;
                                long locAt = loc.At(t, p, o, i), hAt = h.At(t, p, o, i), cAt = c.At(t, p, o, i);
                                var diff = value - loc.Load(locAt);
                                var precision = h.Load(hAt);
                                var squared = diff * diff;
                                var e = Joint(Unsafe.ReadUnaligned<Vector<T>>(previous + from), c.Load(cAt), precision, squared);
                                // d alpha_{t+1}[s] / d joint[s, s'] = w[s, s'] <= 1; times the upstream gradient. The joint is
                                // computed as the forward pass did, bit for bit, and e - L is capped at 0: far from the
                                // particles the joint reaches -1e9 or less, where one rounding of L exceeds exp's range.
                                var weight = Vector.ConditionalSelect(unreached, Vector<T>.Zero, upstream * Exp(Vector.Min(e - logSum, Vector<T>.Zero)));
                                // d joint / d loc = 2 h (x - loc) = -(d joint / d x); d joint / d h = -(x - loc)^2;
                                // d joint / d c = d joint / d alpha_t = 1.
                                var pull = two * weight * precision * diff;
                                gradValue -= pull;
                                Unsafe.WriteUnaligned(earlier + from, Unsafe.ReadUnaligned<Vector<T>>(earlier + from) + weight);
                                gradC.Add(cAt, weight);
                                gradLoc.Add(locAt, pull);
                                gradH.Add(hAt, -(weight * squared));
                            }
                            gradX.Add(gradX.At(t, s, o, i), gradValue);
                        }
                T* swap = current;
                current = earlier;
                earlier = swap;
            }
            new ReadOnlySpan<T>(current, length).CopyTo(new Span<T>(gradAlpha0, length));
        }

        /// <summary>alpha_t[s'] + M_t[s, s'] less rest[t, s]: alpha + c - h (x - loc)^2, the same operations forward and backward.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<T> Joint<T>(Vector<T> alpha, Vector<T> c, Vector<T> h, Vector<T> squared) where T : unmanaged, IFloatingPointIeee754<T> =>
            alpha + c - h * squared;

        /// <summary>
        /// exp(v) for v &lt;= 0, with v first raised to the smallest exponent whose result is still a normal number
        /// (float: exp(-87) = 1.6e-38; double: exp(-708) = 3.3e-308). Every call sums or weighs terms against a largest
        /// one of exp(0) = 1, so the raised terms change no result beyond rounding, and no lane takes the vector
        /// exponential's slow path for subnormal or underflowing results (or the processor's for subnormal arithmetic).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<T> Exp<T>(Vector<T> v) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (typeof(T) == typeof(float)) return Vector.Exp(Vector.Max(v.As<T, float>(), SmallestFloatExponent)).As<float, T>();
            return Vector.Exp(Vector.Max(v.As<T, double>(), SmallestDoubleExponent)).As<double, T>();
        }

        private static readonly Vector<float> SmallestFloatExponent = new Vector<float>(-87f);
        private static readonly Vector<double> SmallestDoubleExponent = new Vector<double>(-708.0);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector<T> Log<T>(Vector<T> v) where T : unmanaged, IFloatingPointIeee754<T>
        {
            if (typeof(T) == typeof(float)) return Vector.Log(v.As<T, float>()).As<float, T>();
            return Vector.Log(v.As<T, double>()).As<double, T>();
        }
    }
}
