using System;
using System.Collections.Generic;
using System.Numerics;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Timeseries
{
    /// <summary>
    /// Autograd function for the forward filter of a chain with a Normal transition (<see cref="NormalChainKernel"/>):
    /// from alpha0 [S, outer, inner] and the transition's operands for steps 1..T-1 to alpha_{T-1} [S, outer, inner],
    /// without building the chain factor M_t or any joint, and without broadcasting an operand: each is read at its own
    /// size. Its memory is that of its operands and the saved alphas and log-sum-exps (T x S x batch each); its backward
    /// pass recomputes each joint entry once and writes each operand's gradient at the operand's size.
    /// <para>
    /// Every operand is a contiguous CPU tensor of one dtype (float32 or float64) of rank 4 + (outer batch dims), in the
    /// order [time, previous, state, outer batch dims..., inner batch dim], of size 1 (broadcast) or the full size along
    /// each: x and rest span the state, not the previous element; loc, h and c the previous element, not the state. The
    /// full inner size is a multiple of the vector width (<see cref="Width"/>).
    /// </para>
    /// </summary>
    internal sealed unsafe class NormalChainFilter : autograd.MultiTensorFunction<NormalChainFilter>
    {
        public override string Name => "AlanNormalChainFilter";

        /// <summary>The vector width (elements) the inner batch dim is padded to, for <paramref name="dtype"/>.</summary>
        public static int Width(ScalarType dtype) => dtype == ScalarType.Float32 ? Vector<float>.Count : Vector<double>.Count;

        /// <summary>alpha_{T-1} [S, outer, inner] (see the class summary for the operands; <paramref name="sizes"/>: their full sizes).</summary>
        public static Tensor Last(Tensor alpha0, Tensor x, Tensor loc, Tensor h, Tensor c, Tensor rest, long[] sizes) =>
            apply(alpha0, x, loc, h, c, rest, sizes)[0];

        public override List<Tensor> forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var alpha0 = Operand(vars[0]);
            var operands = new[] { Operand(vars[1]), Operand(vars[2]), Operand(vars[3]), Operand(vars[4]), Operand(vars[5]) };
            var sizes = (long[])vars[6];
            var shape = new Shape(sizes);
            var alphas = empty(new long[] { shape.Steps + 1, shape.States, shape.Outer, shape.Inner }, dtype: alpha0.dtype);
            var lse = empty(new long[] { shape.Steps, shape.States, shape.Outer, shape.Inner }, dtype: alpha0.dtype);
            if (alpha0.dtype == ScalarType.Float32) Forward<float>(shape, alpha0, operands, alphas, lse);
            else Forward<double>(shape, alpha0, operands, alphas, lse);
            ctx.save_for_backward(new List<Tensor> { operands[0], operands[1], operands[2], operands[3], alphas, lse });
            ctx.save_data("sizes", sizes);
            ctx.save_data("restShape", operands[4].shape);
            return new List<Tensor> { alphas.select(0, shape.Steps).clone() };
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, List<Tensor> gradOutputs)
        {
            var saved = ctx.get_saved_variables();
            var shape = new Shape((long[])ctx.get_data("sizes"));
            var operands = new[] { saved[0], saved[1], saved[2], saved[3] };
            Tensor alphas = saved[4], lse = saved[5];
            var dtype = alphas.dtype;
            var grad = gradOutputs[0].detach().to_type(dtype).contiguous();
            var gradAlpha0 = empty(new long[] { shape.States, shape.Outer, shape.Inner }, dtype: dtype);
            var grads = new[] { zeros_like(operands[0]), zeros_like(operands[1]), zeros_like(operands[2]), zeros_like(operands[3]),
                zeros((long[])ctx.get_data("restShape"), dtype: dtype) };
            using var scratch = empty(new long[] { 2, shape.States, shape.Outer, shape.Inner }, dtype: dtype);
            if (dtype == ScalarType.Float32) Backward<float>(shape, grad, alphas, lse, operands, gradAlpha0, grads, scratch);
            else Backward<double>(shape, grad, alphas, lse, operands, gradAlpha0, grads, scratch);
            // One gradient per input; none for the sizes.
            return new List<Tensor> { gradAlpha0, grads[0], grads[1], grads[2], grads[3], grads[4], null! };
        }

        private static void Forward<T>(Shape shape, Tensor alpha0, Tensor[] operands, Tensor alphas, Tensor lse)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var o = Array.ConvertAll(operands, t => shape.Read<T>(t));
            NormalChainKernel.Forward(Pointer<T>(alpha0), o[0], o[1], o[2], o[3], o[4], Pointer<T>(alphas), Pointer<T>(lse),
                (int)shape.Steps, (int)shape.States, (int)shape.Outer, (int)shape.Inner);
        }

        private static void Backward<T>(Shape shape, Tensor grad, Tensor alphas, Tensor lse, Tensor[] operands, Tensor gradAlpha0, Tensor[] grads,
            Tensor scratch)
            where T : unmanaged, IFloatingPointIeee754<T>
        {
            var o = Array.ConvertAll(operands, t => shape.Read<T>(t));
            var g = Array.ConvertAll(grads, t => shape.Read<T>(t));
            NormalChainKernel.Backward(Pointer<T>(grad), Pointer<T>(alphas), Pointer<T>(lse), o[0], o[1], o[2], o[3],
                Pointer<T>(gradAlpha0), g[0], g[1], g[2], g[3], g[4], Pointer<T>(scratch), (int)shape.Steps, (int)shape.States, (int)shape.Outer,
                (int)shape.Inner);
        }

        private static Tensor Operand(object value)
        {
            var t = ((Tensor)value).detach();
            return t.is_contiguous() ? t : t.contiguous();
        }

        /// <summary>The first element of contiguous CPU tensor <paramref name="t"/> (its memory is held by the tensor).</summary>
        private static T* Pointer<T>(Tensor t) where T : unmanaged
        {
            fixed (byte* bytes = t.bytes) return (T*)bytes;
        }

        /// <summary>The full sizes [T, S', S, outer dims..., inner] of the filter's operands.</summary>
        private sealed class Shape
        {
            private readonly long[] _sizes;

            public Shape(long[] sizes)
            {
                _sizes = sizes;
                Steps = sizes[0];
                States = sizes[2];
                Inner = sizes[^1];
                Outer = 1;
                for (int d = 3; d < sizes.Length - 1; d++) Outer *= sizes[d];
            }

            public long Steps { get; }

            public long States { get; }

            public long Outer { get; }

            public long Inner { get; }

            /// <summary><paramref name="t"/> (contiguous, its sizes 1 or the full ones) read as broadcast to the full sizes.</summary>
            public StridedOperand<T> Read<T>(Tensor t) where T : unmanaged, IFloatingPointIeee754<T>
            {
                var shape = t.shape;
                int rank = _sizes.Length;
                if (shape.Length != rank)
                    throw new ArgumentException($"A chain filter operand has rank {shape.Length}; expected {rank}.");
                var strides = new long[rank];
                long stride = 1;
                for (int d = rank - 1; d >= 0; d--)
                {
                    if (shape[d] != 1 && shape[d] != _sizes[d])
                        throw new ArgumentException($"A chain filter operand has size {shape[d]} along dim {d}; expected 1 or {_sizes[d]}.");
                    strides[d] = shape[d] == 1 ? 0 : stride;
                    stride *= shape[d];
                }
                // Outer dims are 3..rank-2; the offset of each flattened outer index, its last outer dim fastest.
                var outer = new long[Outer];
                for (long o = 0; o < Outer; o++)
                {
                    long rem = o, offset = 0;
                    for (int d = rank - 2; d >= 3; d--)
                    {
                        offset += rem % _sizes[d] * strides[d];
                        rem /= _sizes[d];
                    }
                    outer[o] = offset;
                }
                // The previous and the state dims: an operand spans at most one of them.
                return new StridedOperand<T>(Pointer<T>(t), strides[0], strides[1] + strides[2], outer, strides[rank - 1] == 1);
            }
        }
    }
}
