using System;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// Normal.LogProb summed over event dims that the value and the parameters broadcast against each other goes through
    /// the quadratic expansion (NormalEventSum); it must equal the elementwise density summed. Layout of these tests
    /// (batch rank 4): the value's particles, loc's particles, scale's particles, a plate of 20; then 18 event elements.
    /// </summary>
    public class NormalEventSumTests
    {
        private const int BatchRank = 4;

        private static Tensor Direct(Tensor x, Tensor loc, Tensor scale) =>
            (((x - loc) / scale).square() * -0.5 - scale.log() - 0.5 * Math.Log(2 * Math.PI)).sum(-1);

        private static (Tensor X, Tensor Loc, Tensor Scale) Operands(ScalarType dtype, double offset, double spread)
        {
            torch.manual_seed(11);
            var x = (offset + torch.randn(new long[] { 6, 1, 1, 20, 18 }, dtype: ScalarType.Float64)).to_type(dtype).requires_grad_(true);
            var loc = (offset + torch.randn(new long[] { 1, 7, 1, 1, 18 }, dtype: ScalarType.Float64)).to_type(dtype).requires_grad_(true);
            var scale = (spread * (0.5 + torch.rand(new long[] { 1, 1, 8, 1, 18 }, dtype: ScalarType.Float64))).to_type(dtype).requires_grad_(true);
            return (x, loc, scale);
        }

        [Test]
        public void TheExpansionEqualsTheElementwiseSumInValueAndGradientInFloat64()
        {
            var (x, loc, scale) = Operands(ScalarType.Float64, offset: 3.0, spread: 0.7);
            Assert.That(NormalEventSum.Pays(x, loc, scale, BatchRank), Is.True);
            var expanded = new Normal(loc, scale).LogProb(x, BatchRank, ScalarType.Float64);
            var direct = Direct(x, loc, scale);
            Assert.That(expanded.shape, Is.EqualTo(new long[] { 6, 7, 8, 20 }));
            Assert.That((expanded - direct).abs().max().item<double>(), Is.LessThan(1e-10));

            var weights = torch.randn(6, 7, 8, 20, dtype: ScalarType.Float64);
            var inputs = new[] { x, loc, scale };
            var g = torch.autograd.grad(new[] { (expanded * weights).sum() }, inputs);
            var e = torch.autograd.grad(new[] { (direct * weights).sum() }, inputs);
            for (int i = 0; i < 3; i++)
                Assert.That(((g[i] - e[i]).abs().max() / e[i].abs().max()).item<double>(), Is.LessThan(1e-12), $"gradient {i}");
        }

        [Test]
        public void FarFromZeroWithSmallScalesFloat32KeepsItsPrecision()
        {
            // Values near 100 with scales near 0.05: each term of the expansion is ~1e7 per element, but the centred
            // float64 contraction loses nothing; the result is within float32 rounding (relative 1e-6) of float64's.
            var (x, loc, scale) = Operands(ScalarType.Float32, offset: 100.0, spread: 0.05);
            var expanded = new Normal(loc, scale).LogProb(x, BatchRank, ScalarType.Float32).to_type(ScalarType.Float64);
            var truth = Direct(x.to_type(ScalarType.Float64), loc.to_type(ScalarType.Float64), scale.to_type(ScalarType.Float64));
            var relative = ((expanded - truth).abs() / truth.abs()).max().item<double>();
            Assert.That(relative, Is.LessThan(1e-6));
        }

        [Test]
        public void SmallOrAlignedOperandsStayElementwise()
        {
            // Broadcasting little (the value holds every dim) or too few elements: the expansion would not pay.
            var x = torch.randn(new long[] { 6, 7, 8, 20, 18 });
            Assert.That(NormalEventSum.Pays(x, torch.randn(new long[] { 6, 7, 8, 20, 18 }), torch.ones(new long[] { 1, 1, 1, 1, 18 }), BatchRank), Is.False);
            Assert.That(NormalEventSum.Pays(torch.randn(new long[] { 2, 1, 1, 3, 18 }), torch.randn(new long[] { 1, 2, 1, 1, 18 }), torch.ones(new long[] { 1, 1, 2, 1, 18 }), BatchRank), Is.False);
            Assert.That(NormalEventSum.Pays(torch.randn(new long[] { 6, 1, 1, 20, 2 }), torch.randn(new long[] { 1, 7, 1, 1, 2 }), torch.ones(new long[] { 1, 1, 8, 1, 2 }), BatchRank), Is.False);
        }
    }
}
