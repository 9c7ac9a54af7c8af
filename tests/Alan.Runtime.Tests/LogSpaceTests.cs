using Alan.CompilerServices.Semiring;
using System;
using System.Linq;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    public class LogSpaceTests
    {
        [Test]
        public void SumProductIsStableWhenTheFactorsPeakApart()
        {
            // float32: exp(a - max a) * exp(b - max b) underflows to 0 here; the joint log-sum-exp does not.
            var a = torch.tensor(new float[] { 0f, -120f }, requires_grad: true);
            var b = torch.tensor(new float[] { -120f, 0f });
            var r = LogSpace.SumProduct(a, b, new long[] { 0 });
            Assert.That(r.item<float>(), Is.EqualTo(-120 + Math.Log(2)).Within(1e-4));
            r.sum().backward();
            Assert.That(a.grad!.data<float>().ToArray().All(float.IsFinite), Is.True);
        }

        [Test]
        public void SumProductMatchesTheDirectFormulaInFloat64()
        {
            torch.manual_seed(0);
            var a = torch.randn(3, 4, 1, dtype: ScalarType.Float64);
            var b = torch.randn(1, 4, 5, dtype: ScalarType.Float64);
            var r = LogSpace.SumProduct(a, b, new long[] { 1 });
            var direct = (a.exp() * b.exp()).sum(new long[] { 1 }, keepdim: true).log();
            Assert.That((r - direct).abs().max().item<double>(), Is.LessThan(1e-12));
            Assert.That(r.shape, Is.EqualTo(new long[] { 3, 1, 5 }));
        }

        [Test]
        public void LogSumExpOverSeveralDimsKeepsThemAndHandlesMinusInfinity()
        {
            var a = torch.tensor(new double[,] { { double.NegativeInfinity, double.NegativeInfinity }, { 0, Math.Log(3) } });
            var r = LogSpace.LogSumExp(a.unsqueeze(0), new long[] { 1, 2 });
            Assert.That(r.shape, Is.EqualTo(new long[] { 1, 1, 1 }));
            Assert.That(r.item<double>(), Is.EqualTo(Math.Log(4)).Within(1e-12));
            var allInf = LogSpace.LogSumExp(torch.full(new long[] { 2, 2 }, double.NegativeInfinity, dtype: ScalarType.Float64), new long[] { 0, 1 });
            Assert.That(double.IsNegativeInfinity(allInf.item<double>()), Is.True);
        }

        [Test]
        public void NormalLogProbBroadcastsScaleOverDimsTheMeanLacks()
        {
            // loc varies along dim 0, scale along dim 1: the density must broadcast to [3, 4] with gradients.
            var loc = torch.randn(3, 1, dtype: ScalarType.Float64).requires_grad_(true);
            var scale = (torch.rand(1, 4, dtype: ScalarType.Float64) + 0.5).requires_grad_(true);
            var x = torch.randn(3, 4, dtype: ScalarType.Float64);
            var lp = new Normal(loc, scale).LogProb(x, 2, ScalarType.Float64);
            var direct = -0.5 * ((x - loc) / scale).pow(2) - scale.log() - 0.5 * Math.Log(2 * Math.PI);
            Assert.That((lp - direct).abs().max().item<double>(), Is.LessThan(1e-12));
            lp.sum().backward();
            var g = scale.grad!.clone();
            scale.grad = null;
            direct.sum().backward();
            Assert.That((g - scale.grad!).abs().max().item<double>(), Is.LessThan(1e-12));
        }
    }
}
