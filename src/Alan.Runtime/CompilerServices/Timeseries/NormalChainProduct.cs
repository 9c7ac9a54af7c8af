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

            // The filter's order: time, previous, state, then the batch of independent chains, its largest dim innermost (the
            // kernel's vectors run along it; it is padded to the vector width).
            var batchDims = Enumerable.Range(0, layoutRank).Select(d => (long)d).Where(d => d != timeDim && d != stateDim && d != prevDim).ToList();
            long inner = batchDims.Count == 0 ? -1 : batchDims.OrderByDescending(d => sizes[d]).ThenByDescending(d => d).First();
            if (inner >= 0)
            {
                batchDims.Remove(inner);
                batchDims.Add(inner);
            }
            var filterOrder = new[] { timeDim, prevDim, stateDim }.Concat(batchDims).ToArray();
            long batch = batchDims.Aggregate(1L, (p, d) => p * sizes[d]);
            long innerSize = inner >= 0 ? sizes[inner] : 1;
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
                if (inner < 0) ordered = ordered.unsqueeze(-1);
                return PadInner(ordered).contiguous();
            }
            var filterSizes = new[] { steps - 1, states, states }.Concat(batchDims.Take(batchDims.Count - (inner >= 0 ? 1 : 0)).Select(d => sizes[d])).Append(padded).ToArray();
            var last = NormalChainFilter.Last(PadInner(alpha0).contiguous(), Later(x), Later(loc), Later(h), Later(constant), Later(rest), filterSizes);
            last = (padded == innerSize ? last : last.narrow(2, 0, innerSize)).reshape(states, batch);
            return ChainProduct.ToLayout(last.t(), sizes, batchDims.ToArray(), stateDims, prevDims, timeDim, 1);
        }
    }
}
