using System;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Timeseries
{
    /// <summary>
    /// The chain product (<see cref="ChainProduct.Reduce"/>) of a plate whose one chain has a Normal transition and a known
    /// start, taken from the transition's loc, scale and values and the rest of M_t, without building M_t: its first
    /// element is built at its own size (one element), the later ones are never stored (<see cref="NormalChainFilter"/>).
    /// M_t would span every dim the transition reads (covid: the globals' and the region's particles, the previous and the
    /// current element: K^4 per region and day); the filter's operands span at most one of the chain's two dims each
    /// (K^3 per region and day), and so does its memory.
    /// </summary>
    internal static class NormalChainProduct
    {
        /// <summary>
        /// The chain product of M_t = log N(value | loc, scale) + rest over the chain's dims, in the layout, or null when the
        /// filter does not apply (several chains, a self-starting or not-known start, rest reading the previous element,
        /// event dims, a device other than the CPU or a dtype other than float32/float64, one element): then the caller
        /// builds M_t.
        /// </summary>
        public static Tensor? TryReduce(Normal transition, Tensor value, Tensor rest, int layoutRank, ScalarType dtype,
            long[] stateDims, long[] prevDims, long[] initDims, long timeDim)
        {
            if (stateDims.Length != 1 || prevDims.Length != 1 || initDims.Length != 1) return null;
            if (dtype != ScalarType.Float32 && dtype != ScalarType.Float64) return null;
            long stateDim = stateDims[0], prevDim = prevDims[0], initDim = initDims[0];
            if (initDim == prevDim) return null;
            var x = ShapeUtil.Value(value, dtype);
            var (loc, scale) = transition.AlignedParameters(layoutRank, dtype);
            rest = ShapeUtil.Value(rest, dtype);
            if (x.dim() != layoutRank || loc.dim() != layoutRank || scale.dim() != layoutRank || rest.dim() != layoutRank) return null;
            if (x.device_type != TorchSharp.DeviceType.CPU || loc.device_type != TorchSharp.DeviceType.CPU || scale.device_type != TorchSharp.DeviceType.CPU || rest.device_type != TorchSharp.DeviceType.CPU)
                return null;
            // x spans the state, loc and scale the previous element, rest not the previous element.
            if (x.shape[prevDim] != 1 || loc.shape[stateDim] != 1 || scale.shape[stateDim] != 1 || rest.shape[prevDim] != 1) return null;

            var sizes = broadcast_shapes(x.shape, loc.shape, scale.shape, rest.shape).Shape;
            long states = Math.Max(sizes[stateDim], sizes[prevDim]);
            long steps = sizes[timeDim];
            if (steps < 2 || states < 1) return null;
            sizes[stateDim] = states;
            sizes[prevDim] = states;
            // A known start: every batch element starts from its init's particle (ChainProduct.SpansEveryInit).
            if (sizes[initDim] != states) return null;

            var filterOrder = FilterOrder(layoutRank, timeDim, prevDim, stateDim, sizes);
            var batchDims = filterOrder.AsSpan(3).ToArray();
            long batch = 1;
            foreach (var d in batchDims) batch *= sizes[d];
            long innerSize = batchDims.Length == 0 ? 1 : sizes[batchDims[^1]];
            int width = NormalChainFilter.Width(dtype);
            long padded = (innerSize + width - 1) / width * width;
            long outer = batch / innerSize;
            if ((steps + 1) * states * outer * padded >= int.MaxValue / sizeof(double)) return null;

            // The first element's factor at its own size (one element: [1, S', S, batch...]), at each batch element's init particle.
            Tensor First(Tensor t) => t.shape[timeDim] == 1 ? t : t.narrow(timeDim, 0, 1);
            var h = scale.pow(Scalars.Of(2.0)).mul(Scalars.Of(2.0)).reciprocal(); // 1 / (2 scale^2)
            var constant = scale.log().add(ScalarConstants.HalfLog2Pi, ScalarConstants.One).neg(); // -log scale - log(2 pi) / 2
            var diff0 = First(x) - First(loc);
            var first = First(rest).add(First(constant), Scalars.Of(1)).addcmul(diff0.mul(diff0), First(h), Scalars.Of(-1.0));
            var firstSizes = (long[])sizes.Clone();
            firstSizes[timeDim] = 1;
            var alpha0 = ChainProduct.KnownStart(first.expand(firstSizes), prevDims, initDims, filterOrder, states, batch)
                .reshape(states, outer, innerSize);

            // Every other operand at its own size in the filter's order, over the later elements, padded along the inner dim.
            Tensor PadInner(Tensor t) => t.shape[t.dim() - 1] == 1 || padded == innerSize ? t : nn.functional.pad(t, new[] { 0L, padded - innerSize });
            Tensor Later(Tensor t)
            {
                var ordered = (t.shape[timeDim] == 1 ? t : t.narrow(timeDim, 1, steps - 1)).permute(filterOrder);
                if (batchDims.Length == 0) ordered = ordered.unsqueeze(-1);
                return PadInner(ordered).contiguous();
            }
            // [T-1, S', S, outer batch dims..., inner padded]
            var filterSizes = new long[Math.Max(4, 3 + batchDims.Length)];
            (filterSizes[0], filterSizes[1], filterSizes[2]) = (steps - 1, states, states);
            for (int i = 0; i + 1 < batchDims.Length; i++) filterSizes[3 + i] = sizes[batchDims[i]];
            filterSizes[^1] = padded;
            var last = NormalChainFilter.Last(PadInner(alpha0).contiguous(), Later(x), Later(loc), Later(h), Later(constant), Later(rest), filterSizes);
            last = (padded == innerSize ? last : last.narrow(2, 0, innerSize)).reshape(states, batch);
            return ChainProduct.ToLayout(last.t(), sizes, batchDims, stateDims, prevDims, timeDim, 1);
        }

        /// <summary>
        /// The filter's order of the layout dims: time, previous, state, then the batch of independent chains with its
        /// largest dim innermost (the kernel's vectors run along it; it is padded to the vector width; on a tie, the later dim).
        /// </summary>
        private static long[] FilterOrder(int layoutRank, long timeDim, long prevDim, long stateDim, long[] sizes)
        {
            var order = new long[layoutRank];
            (order[0], order[1], order[2]) = (timeDim, prevDim, stateDim);
            long inner = -1;
            for (long d = 0; d < layoutRank; d++)
                if (d != timeDim && d != stateDim && d != prevDim && (inner < 0 || sizes[d] >= sizes[inner])) inner = d;
            int next = 3;
            for (long d = 0; d < layoutRank; d++)
                if (d != timeDim && d != stateDim && d != prevDim && d != inner) order[next++] = d;
            if (inner >= 0) order[next] = inner;
            return order;
        }
    }
}
