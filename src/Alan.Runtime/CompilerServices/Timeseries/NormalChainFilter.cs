using System;
using System.Collections.Generic;
using System.Numerics;
using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Timeseries
{
    /// <summary>
    /// Autograd function for the forward filter of a chain with a Normal transition (<see cref="NormalChainKernel"/>):
    /// from alpha0 [S, B] and the transition's operands for steps 1..T-1 (x, rest [T-1, S, B]; loc, h, c [T-1, S', B])
    /// to alpha_{T-1} [S, B], without building the chain factor M_t (S' x S x B per step) or any joint. Its memory is that of
    /// its operands and T x S x B saved alphas and log-sum-exps; its backward pass recomputes each joint entry once.
    /// Operands are contiguous CPU tensors of one dtype (float32 or float64) whose batch B is a multiple of the vector width.
    /// </summary>
    internal sealed class NormalChainFilter : autograd.MultiTensorFunction<NormalChainFilter>
    {
        public override string Name => "AlanNormalChainFilter";

        /// <summary>The vector width (elements) the batch is padded to, for <paramref name="dtype"/>.</summary>
        public static int Width(ScalarType dtype) => dtype == ScalarType.Float32 ? Vector<float>.Count : Vector<double>.Count;

        /// <summary>alpha_{T-1} [S, B] (see the class summary for the operands).</summary>
        public static Tensor Last(Tensor alpha0, Tensor x, Tensor loc, Tensor h, Tensor c, Tensor rest) => apply(alpha0, x, loc, h, c, rest)[0];

        public override List<Tensor> forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var alpha0 = Operand(vars[0]);
            var x = Operand(vars[1]);
            var loc = Operand(vars[2]);
            var h = Operand(vars[3]);
            var c = Operand(vars[4]);
            var rest = Operand(vars[5]);
            int steps = (int)x.shape[0], states = (int)x.shape[1], batch = (int)x.shape[2];
            var alphas = empty(new long[] { steps + 1, states, batch }, dtype: x.dtype, device: x.device);
            var lse = empty(new long[] { steps, states, batch }, dtype: x.dtype, device: x.device);
            if (x.dtype == ScalarType.Float32)
                NormalChainKernel.Forward(Of<float>(alpha0), Of<float>(x), Of<float>(loc), Of<float>(h), Of<float>(c), Of<float>(rest),
                    Of<float>(alphas), Of<float>(lse), steps, states, batch);
            else
                NormalChainKernel.Forward(Of<double>(alpha0), Of<double>(x), Of<double>(loc), Of<double>(h), Of<double>(c), Of<double>(rest),
                    Of<double>(alphas), Of<double>(lse), steps, states, batch);
            ctx.save_for_backward(new List<Tensor> { x, loc, h, c, alphas, lse });
            return new List<Tensor> { alphas.select(0, steps).clone() };
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, List<Tensor> gradOutputs)
        {
            var saved = ctx.get_saved_variables();
            Tensor x = saved[0], loc = saved[1], h = saved[2], c = saved[3], alphas = saved[4], lse = saved[5];
            int steps = (int)x.shape[0], states = (int)x.shape[1], batch = (int)x.shape[2];
            var grad = gradOutputs[0].detach().to_type(x.dtype).contiguous();
            var gradAlpha0 = empty(new long[] { states, batch }, dtype: x.dtype, device: x.device);
            var gradX = empty_like(x);
            var gradLoc = zeros_like(loc);
            var gradH = zeros_like(h);
            var gradC = zeros_like(c);
            var gradRest = empty_like(x);
            if (x.dtype == ScalarType.Float32)
                NormalChainKernel.Backward(Of<float>(grad), Of<float>(alphas), Of<float>(lse), Of<float>(x), Of<float>(loc), Of<float>(h), Of<float>(c),
                    Of<float>(gradAlpha0), Of<float>(gradX), Of<float>(gradLoc), Of<float>(gradH), Of<float>(gradC), Of<float>(gradRest), steps, states, batch);
            else
                NormalChainKernel.Backward(Of<double>(grad), Of<double>(alphas), Of<double>(lse), Of<double>(x), Of<double>(loc), Of<double>(h), Of<double>(c),
                    Of<double>(gradAlpha0), Of<double>(gradX), Of<double>(gradLoc), Of<double>(gradH), Of<double>(gradC), Of<double>(gradRest), steps, states, batch);
            return new List<Tensor> { gradAlpha0, gradX, gradLoc, gradH, gradC, gradRest };
        }

        private static Tensor Operand(object value)
        {
            var t = ((Tensor)value).detach();
            return t.is_contiguous() ? t : t.contiguous();
        }

        /// <summary>The elements of contiguous CPU tensor <paramref name="t"/>, in place.</summary>
        private static Span<T> Of<T>(Tensor t) where T : unmanaged => MemoryMarshal.Cast<byte, T>(t.bytes);
    }
}
