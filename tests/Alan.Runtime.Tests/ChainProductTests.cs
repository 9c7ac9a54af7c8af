using System;
using System.Linq;
using Alan.CompilerServices.TensorLayout;
using Alan.CompilerServices.Timeseries;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// <see cref="ChainProduct"/> against a sequential forward recursion over the elements (the filtering
    /// recursion alpha_t[s] = LSE_{s'} M_t[s, s'] + alpha_{t-1}[s'] started from the identity), float64, 1e-10.
    /// </summary>
    public class ChainProductTests
    {
        /// <summary>Sequential reference on [B, T, S, S']: result[b, s'] = log sum_{s_T-1..s_0} prod_t exp M_t.</summary>
        private static Tensor Sequential(Tensor m)
        {
            long T = m.shape[1];
            // alpha[b, s, s0']: the chain so far, ending in s, started from init particle s0'.
            var alpha = m.select(1, 0);
            for (long t = 1; t < T; t++)
                alpha = (m.select(1, t).unsqueeze(-1) + alpha.unsqueeze(1)).logsumexp(2, keepdim: false);
            return alpha.logsumexp(1, keepdim: false);
        }

        [TestCase(1)]
        [TestCase(2)]
        [TestCase(3)]
        [TestCase(5)]
        [TestCase(8)]
        [TestCase(13)]
        public void MatchesTheSequentialRecursion(int T)
        {
            torch.manual_seed(T);
            // Layout [batch 2, state 3, time T, other 4, prev 3].
            var factor = torch.randn(new long[] { 2, 3, T, 4, 3 }, dtype: ScalarType.Float64) * 3;
            var r = ChainProduct.Reduce(factor, new long[] { 1 }, new long[] { 4 }, 2);
            Assert.That(r.shape, Is.EqualTo(new long[] { 2, 1, 1, 4, 3 }));
            var asBatch = factor.permute(0, 3, 2, 1, 4).reshape(8, T, 3, 3);
            var expected = Sequential(asBatch).reshape(2, 4, 3);
            var actual = r.reshape(2, 4, 3);
            Assert.That((actual - expected).abs().max().item<double>(), Is.LessThan(1e-10));
        }

        [Test]
        public void TwoChainsFlattenTheirStatesInOrder()
        {
            torch.manual_seed(3);
            // Layout [stateA 2, stateB 3, prevA 2, prevB 3, time 4].
            var factor = torch.randn(new long[] { 2, 3, 2, 3, 4 }, dtype: ScalarType.Float64);
            var r = ChainProduct.Reduce(factor, new long[] { 0, 1 }, new long[] { 2, 3 }, 4);
            Assert.That(r.shape, Is.EqualTo(new long[] { 1, 1, 2, 3, 1 }));
            var asBatch = factor.permute(4, 0, 1, 2, 3).reshape(1, 4, 6, 6);
            var expected = Sequential(asBatch).reshape(1, 1, 2, 3, 1);
            Assert.That((r - expected).abs().max().item<double>(), Is.LessThan(1e-10));
        }

        [Test]
        public void BroadcastStateAndPreviousDimsAreExpanded()
        {
            torch.manual_seed(4);
            // The factor does not read the previous state (size 1 there): every init particle gets the same value.
            var factor = torch.randn(new long[] { 3, 5, 1 }, dtype: ScalarType.Float64);
            var r = ChainProduct.Reduce(factor, new long[] { 0 }, new long[] { 2 }, 1);
            Assert.That(r.shape, Is.EqualTo(new long[] { 1, 1, 3 }));
            var expected = Sequential(factor.expand(3, 5, 3).permute(1, 0, 2).unsqueeze(0));
            Assert.That((r.reshape(1, 3) - expected).abs().max().item<double>(), Is.LessThan(1e-10));
        }

        [Test]
        public void MinusInfinityEntriesGiveMinusInfinityOrTheFiniteSumAndFiniteGradients()
        {
            torch.manual_seed(5);
            var values = torch.randn(new long[] { 3, 4, 3 }, dtype: ScalarType.Float64);
            // Element 1 forbids moving from previous particle 0 anywhere, and particle 2 entirely at element 2.
            values[TensorIndex.Colon, 1, 0] = torch.tensor(double.NegativeInfinity);
            values[2, 2, TensorIndex.Colon] = torch.tensor(double.NegativeInfinity);
            values[TensorIndex.Colon, 2, 2] = torch.tensor(double.NegativeInfinity);
            var leaf = values.clone().requires_grad_(true);
            var r = ChainProduct.Reduce(leaf, new long[] { 0 }, new long[] { 2 }, 1);
            var expected = Sequential(values.permute(1, 0, 2).unsqueeze(0));
            var got = r.reshape(1, 3);
            for (int i = 0; i < 3; i++)
            {
                double e = expected[0, i].item<double>(), g = got[0, i].item<double>();
                if (double.IsNegativeInfinity(e)) Assert.That(g, Is.EqualTo(double.NegativeInfinity));
                else Assert.That(g, Is.EqualTo(e).Within(1e-10));
            }
            // Every init particle is reachable with one forbidden particle removed, so the result is finite.
            Assert.That(got.isfinite().all().item<bool>(), Is.True);
            got.sum().backward();
            Assert.That(leaf.grad!.isnan().any().item<bool>(), Is.False, "no NaN gradient through -inf entries");
        }

        [Test]
        public void AllMinusInfinityGivesMinusInfinity()
        {
            var factor = torch.full(new long[] { 2, 3, 2 }, double.NegativeInfinity, dtype: ScalarType.Float64);
            var r = ChainProduct.Reduce(factor, new long[] { 0 }, new long[] { 2 }, 1);
            Assert.That(r.isneginf().all().item<bool>(), Is.True);
        }

        [Test]
        public void Float32FactorsThatPeakApartDoNotUnderflow()
        {
            // M_1 peaks at inner index 0 per row, M_0 at inner index 1: the exact product is about -200 (e^-200 underflows float32).
            var m1 = torch.tensor(new float[,] { { 0f, -200f }, { 0f, -200f } });
            var m0 = torch.tensor(new float[,] { { -200f, -200f }, { 0f, 0f } });
            var factor = torch.stack(new[] { m0, m1 }, 1); // [S, T, S']
            var r = ChainProduct.Reduce(factor, new long[] { 0 }, new long[] { 2 }, 1);
            var expected = Sequential(factor.to_type(ScalarType.Float64).permute(1, 0, 2).unsqueeze(0));
            Assert.That(r.isfinite().all().item<bool>(), Is.True);
            Assert.That((r.reshape(1, 2).to_type(ScalarType.Float64) - expected).abs().max().item<double>(), Is.LessThan(1e-3));
        }

        [Test]
        public void GradientsMatchTheSequentialRecursion()
        {
            torch.manual_seed(6);
            var a = torch.randn(new long[] { 3, 7, 3 }, dtype: ScalarType.Float64).requires_grad_(true);
            var b = a.detach().clone().requires_grad_(true);
            ChainProduct.Reduce(a, new long[] { 0 }, new long[] { 2 }, 1).sum().backward();
            Sequential(b.permute(1, 0, 2).unsqueeze(0)).sum().backward();
            Assert.That((a.grad! - b.grad!).abs().max().item<double>(), Is.LessThan(1e-10));
        }

        [Test]
        public void InitDimAlreadySpannedKeepsTheDiagonal()
        {
            torch.manual_seed(7);
            // Layout [init 3, state 3, time 4, prev 3]: the factor reads the init's group too (batch dim 0).
            var factor = torch.randn(new long[] { 3, 3, 4, 3 }, dtype: ScalarType.Float64);
            var r = ChainProduct.Reduce(factor, new long[] { 1 }, new long[] { 3 }, 2, new long[] { 0 });
            Assert.That(r.shape, Is.EqualTo(new long[] { 3, 1, 1, 1 }));
            for (int i = 0; i < 3; i++)
            {
                // Init particle i: batch i of the factor, started from previous particle i.
                var chain = Sequential(factor[i].permute(1, 0, 2).unsqueeze(0));
                Assert.That(r[i, 0, 0, 0].item<double>(), Is.EqualTo(chain[0, i].item<double>()).Within(1e-10));
            }
        }

        [Test]
        public void ShiftedMatMulEqualsTheExactLogMatMul()
        {
            torch.manual_seed(8);
            var a = torch.randn(new long[] { 4, 5, 6 }, dtype: ScalarType.Float64) * 20;
            var b = torch.randn(new long[] { 4, 6, 3 }, dtype: ScalarType.Float64) * 20;
            b[1, 2, TensorIndex.Colon] = torch.tensor(double.NegativeInfinity);
            var exact = ChainProduct.LogMatMul(a, b);
            var shifted = ChainProduct.LogMatMulShifted(a, b);
            Assert.That((exact - shifted).abs().max().item<double>(), Is.LessThan(1e-9));
        }

        /// <summary>
        /// Factors of very different scales between particles (log-densities of a narrow transition, as in the covid
        /// model): the plain shifted float64 product underflows for most entries, the rescued one recomputes them and
        /// equals the exact log-sum-exp of the joint, values and gradients (float64, 1e-9).
        /// </summary>
        [Test]
        public void RescuedShiftedMatMulIsExactWhereThePlainOneUnderflows()
        {
            torch.manual_seed(9);
            var a = (torch.randn(new long[] { 3, 2, 5, 6 }, dtype: ScalarType.Float64) * 2000).requires_grad_(true);
            var b = (torch.randn(new long[] { 1, 2, 6, 4 }, dtype: ScalarType.Float64) * 2000).requires_grad_(true);
            using (torch.no_grad()) a[0, 1, 2] = torch.tensor(double.NegativeInfinity);
            var weights = torch.randn(new long[] { 3, 2, 5, 4 }, dtype: ScalarType.Float64);

            var exact = ChainProduct.LogMatMul(a, b);
            var finite = exact.isfinite();
            var (gaExact, gbExact) = Gradients(exact, weights, finite, a, b);
            var plain = ChainProduct.LogMatMulShifted(a, b);
            Assert.That(plain.isinf().logical_and(finite).sum().item<long>(), Is.GreaterThan(10), "the plain shifted product underflows");

            var rescued = ChainProduct.LogMatMulShifted(a, b, rescue: true);
            Assert.That(rescued.isfinite().eq(finite).all().item<bool>(), Is.True, "-inf exactly where the exact product is");
            Assert.That((torch.where(finite, rescued, 0.0) - torch.where(finite, exact, 0.0)).abs().max().item<double>(), Is.LessThan(1e-9));
            var (ga, gb) = Gradients(rescued, weights, finite, a, b);
            Assert.That((ga - gaExact).abs().max().item<double>(), Is.LessThan(1e-9));
            Assert.That((gb - gbExact).abs().max().item<double>(), Is.LessThan(1e-9));
        }

        private static (Tensor, Tensor) Gradients(Tensor r, Tensor weights, Tensor finite, Tensor a, Tensor b)
        {
            var loss = torch.where(finite, r * weights, 0.0).sum();
            var g = torch.autograd.grad(new[] { loss }, new[] { a, b });
            return (torch.where(g[0].isfinite(), g[0], 0.0), g[1]);
        }

        /// <summary>
        /// The exact matrix-by-matrix log-matmul over more matrices than one chunk holds (20,000 x 10 x 10 x 10 joint
        /// elements, two chunks) equals the joint's log-sum-exp, values and gradients (float64, 1e-9).
        /// </summary>
        [Test]
        public void ExactLogMatMulOverSeveralChunksEqualsTheJointLogSumExp()
        {
            torch.manual_seed(10);
            var a = (torch.randn(new long[] { 20_000, 10, 10 }, dtype: ScalarType.Float64) * 500).requires_grad_(true);
            var b = (torch.randn(new long[] { 20_000, 10, 10 }, dtype: ScalarType.Float64) * 500).requires_grad_(true);
            var weights = torch.randn(new long[] { 20_000, 10, 10 }, dtype: ScalarType.Float64);
            var joint = (a.unsqueeze(-1) + b.unsqueeze(-3)).logsumexp(-2);
            var g = torch.autograd.grad(new[] { (joint * weights).sum() }, new[] { a, b });
            var exact = ChainProduct.LogMatMulShifted(a, b, rescue: true);
            var h = torch.autograd.grad(new[] { (exact * weights).sum() }, new[] { a, b });
            Assert.That((exact - joint).abs().max().item<double>(), Is.LessThan(1e-9));
            Assert.That((h[0] - g[0]).abs().max().item<double>(), Is.LessThan(1e-9));
            Assert.That((h[1] - g[1]).abs().max().item<double>(), Is.LessThan(1e-9));
        }
    }
}
