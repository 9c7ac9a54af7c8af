using System;
using System.Linq;
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

            var filterOrder = ChainProduct.MemoryOrder(layoutRank, stateDims, prevDims, timeDim);
            var batchDims = filterOrder.Skip(3).ToArray();
            long batch = batchDims.Aggregate(1L, (p, d) => p * sizes[d]);
            if ((steps - 1) * states * batch >= int.MaxValue / sizeof(double)) return null;

            // The first element's factor at its own size: [1, S', S, batch...], read at each batch element's init particle.
            Tensor First(Tensor t) => t.shape[timeDim] == 1 ? t : t.narrow(timeDim, 0, 1);
            var h = scale.pow(Scalars.Of(2)).mul(Scalars.Of(2.0)).reciprocal(); // 1 / (2 scale^2)
            var constant = scale.log().add(ScalarConstants.HalfLog2Pi, ScalarConstants.One).neg(); // -log scale - log(2 pi) / 2
            var diff0 = First(x) - First(loc);
            var first = First(rest).add(First(constant), Scalars.Of(1)).addcmul(diff0.mul(diff0), First(h), Scalars.Of(-1.0));
            var firstSizes = (long[])sizes.Clone();
            firstSizes[timeDim] = 1;
            var alpha0 = ChainProduct.KnownStart(first.expand(firstSizes), prevDims, initDims, filterOrder, states, batch);

            // The later elements' operands, each at [T-1, S, B] with the batch innermost and padded to the vector width.
            int width = NormalChainFilter.Width(dtype);
            long padded = (batch + width - 1) / width * width;
            Tensor Later(Tensor t, long chainDim)
            {
                var shape = (long[])sizes.Clone();
                shape[timeDim] = steps - 1;
                shape[chainDim == stateDim ? prevDim : stateDim] = 1;
                var ordered = (t.shape[timeDim] == 1 ? t : t.narrow(timeDim, 1, steps - 1)).expand(shape).permute(filterOrder).reshape(steps - 1, states, batch);
                return padded == batch ? ordered.contiguous() : nn.functional.pad(ordered, new[] { 0L, padded - batch });
            }
            var last = NormalChainFilter.Last(
                padded == batch ? alpha0.contiguous() : nn.functional.pad(alpha0, new[] { 0L, padded - batch }),
                Later(x, stateDim), Later(loc, prevDim), Later(h, prevDim), Later(constant, prevDim), Later(rest, stateDim));
            if (padded != batch) last = last.narrow(1, 0, batch);
            return ChainProduct.ToLayout(last.t(), sizes, batchDims, stateDims, prevDims, timeDim, 1);
        }
    }
}
