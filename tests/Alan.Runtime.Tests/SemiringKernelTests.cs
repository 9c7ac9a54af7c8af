using System;
using System.Linq;
using Alan.CompilerServices.Semiring;
using Alan.CompilerServices.TensorLayout;
using Alan.CompilerServices.Timeseries;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// The runtime's one log-sum-exp (<see cref="LogSpace.LogSumExp"/>), one log-matmul (<see cref="LogSpace.LogMatMul"/>
    /// and its rescue), one categorical draw (<see cref="GumbelMax"/>) and the chain filter built on them, against
    /// float64 references computed element by element in managed code.
    /// </summary>
    public class SemiringKernelTests
    {
        /// <summary>log sum_i exp(x_i) of managed doubles, shifted by the max (the reference where exp overflows).</summary>
        private static double Lse(double[] x)
        {
            double m = x.Max();
            if (double.IsNegativeInfinity(m)) return double.NegativeInfinity;
            return m + Math.Log(x.Sum(v => Math.Exp(v - m)));
        }

        [Test]
        public void LogSumExpEqualsTheNaiveFormulaOnModerateValues()
        {
            torch.manual_seed(1);
            var a = torch.randn(new long[] { 4, 5, 6 }, dtype: ScalarType.Float64) * 5;
            foreach (var dims in new[] { new long[] { 0 }, new long[] { 1 }, new long[] { 2 }, new long[] { 0, 2 }, new long[] { 0, 1, 2 } })
            {
                var r = LogSpace.LogSumExp(a, dims);
                var naive = a.exp().sum(dims, keepdim: true).log();
                Assert.That(r.shape, Is.EqualTo(naive.shape));
                Assert.That((r - naive).abs().max().item<double>(), Is.LessThan(1e-12), $"dims {string.Join(",", dims)}");
            }
        }

        [Test]
        public void LogSumExpIsExactWhereTheNaiveFormulaOverflowsOrUnderflows()
        {
            torch.manual_seed(2);
            foreach (double centre in new[] { 1e4, -1e4 })
            {
                var a = torch.randn(new long[] { 3, 7 }, dtype: ScalarType.Float64) * 3 + centre;
                var naive = a.exp().sum(new long[] { 1 }).log();
                Assert.That(naive.isfinite().any().item<bool>(), Is.False, "exp over- or underflows at " + centre);
                var r = LogSpace.LogSumExp(a, new long[] { 1 }).squeeze(1);
                var values = a.data<double>().ToArray();
                for (int i = 0; i < 3; i++)
                {
                    double expected = Lse(values.Skip(7 * i).Take(7).ToArray());
                    Assert.That(r[i].item<double>(), Is.EqualTo(expected).Within(1e-12 * Math.Abs(expected)));
                }
            }
        }

        [Test]
        public void LogSumExpOfAllMinusInfinityIsMinusInfinityWithZeroGradient()
        {
            var a = torch.tensor(new double[,] { { double.NegativeInfinity, double.NegativeInfinity, double.NegativeInfinity }, { 0.0, double.NegativeInfinity, Math.Log(2) } })
                .requires_grad_(true);
            var r = LogSpace.LogSumExp(a, new long[] { 1 });
            Assert.That(double.IsNegativeInfinity(r[0, 0].item<double>()), Is.True);
            Assert.That(r[1, 0].item<double>(), Is.EqualTo(Math.Log(3)).Within(1e-14));
            // A finite loss that reads the -inf row (its weight 0 after a further log-sum-exp): gradient 0 there, not NaN.
            LogSpace.LogSumExp(r, new long[] { 0 }).sum().backward();
            var g = a.grad!;
            Assert.That(g.isnan().any().item<bool>(), Is.False);
            Assert.That(g[0].abs().sum().item<double>(), Is.EqualTo(0.0));
            // The gradient of a log-sum-exp is the softmax of its row.
            Assert.That(g[1, 0].item<double>(), Is.EqualTo(1.0 / 3).Within(1e-14));
            Assert.That(g[1, 2].item<double>(), Is.EqualTo(2.0 / 3).Within(1e-14));
            Assert.That(g[1, 1].item<double>(), Is.EqualTo(0.0));
        }

        [Test]
        public void LogSumExpOverDimsOfSizeOneIsTheTensorItselfInValueAndGradient()
        {
            var a = torch.tensor(new double[,] { { -1.5 }, { double.NegativeInfinity }, { 2.25 } }).requires_grad_(true);
            var r = LogSpace.LogSumExp(a, new long[] { 1 });
            Assert.That(r.shape, Is.EqualTo(new long[] { 3, 1 }));
            Assert.That(r[0, 0].item<double>(), Is.EqualTo(-1.5));
            Assert.That(double.IsNegativeInfinity(r[1, 0].item<double>()), Is.True);
            Assert.That(r[2, 0].item<double>(), Is.EqualTo(2.25));
            (r[0, 0] + 2 * r[2, 0]).backward();
            Assert.That(a.grad![0, 0].item<double>(), Is.EqualTo(1.0));
            Assert.That(a.grad![1, 0].item<double>(), Is.EqualTo(0.0));
            Assert.That(a.grad![2, 0].item<double>(), Is.EqualTo(2.0));
        }

        /// <summary>r[n, s, u] = log sum_j exp(a[n, s, j] + b[n, j, u]) element by element, float64.</summary>
        private static double[] BruteForce(Tensor a, Tensor b)
        {
            long n = a.shape[0], s = a.shape[1], j = a.shape[2], u = b.shape[2];
            var av = a.detach().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
            var bv = b.detach().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
            var r = new double[n * s * u];
            var terms = new double[j];
            for (long m = 0; m < n; m++)
                for (long i = 0; i < s; i++)
                    for (long k = 0; k < u; k++)
                    {
                        for (long l = 0; l < j; l++) terms[l] = av[(m * s + i) * j + l] + bv[(m * j + l) * u + k];
                        r[(m * s + i) * u + k] = Lse(terms);
                    }
            return r;
        }

        private static void AssertMatches(Tensor actual, double[] expected, double tolerance)
        {
            var got = actual.detach().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();
            Assert.That(got.Length, Is.EqualTo(expected.Length));
            for (int i = 0; i < got.Length; i++)
            {
                if (double.IsNegativeInfinity(expected[i])) Assert.That(double.IsNegativeInfinity(got[i]), Is.True, $"entry {i} should be -inf, is {got[i]}");
                else Assert.That(got[i], Is.EqualTo(expected[i]).Within(tolerance * Math.Max(1, Math.Abs(expected[i]))), $"entry {i}");
            }
        }

        [TestCase(1.0)]
        [TestCase(1e3)]
        public void LogMatMulEqualsTheBruteForce(double scale)
        {
            torch.manual_seed(3);
            var a = torch.randn(new long[] { 6, 4, 5 }, dtype: ScalarType.Float64) * scale;
            var b = torch.randn(new long[] { 6, 5, 3 }, dtype: ScalarType.Float64) * scale;
            // A row of a and a column of b of -inf: their entries are -inf.
            a[1, 2] = torch.tensor(double.NegativeInfinity);
            b[4, TensorIndex.Colon, 1] = torch.tensor(double.NegativeInfinity);
            var expected = BruteForce(a, b);
            AssertMatches(LogSpace.LogMatMul(a, b), expected, 1e-12);
            // The float64 shifted matmul with the rescue policy (the path above ExactJointElements) gives the same.
            AssertMatches(LogSpace.LogMatMulShifted(a, b, rescue: true), expected, 1e-12);
        }

        [Test]
        public void LogMatMulAboveTheJointLimitIsExactAndHasNoNaNGradient()
        {
            torch.manual_seed(4);
            // 8,200 x 16 x 16 x 16 joint elements: more than ExactJointElements, so the shifted matmul and its rescue.
            long n = 8_200;
            Assert.That(n * 16 * 16 * 16, Is.GreaterThan(LogSpace.ExactJointElements));
            var a = (torch.randn(new long[] { n, 16, 16 }, dtype: ScalarType.Float64) * 400).requires_grad_(true);
            var b = (torch.randn(new long[] { n, 16, 16 }, dtype: ScalarType.Float64) * 400).requires_grad_(true);
            using (torch.no_grad()) a[7, 3] = torch.tensor(double.NegativeInfinity);
            var r = LogSpace.LogMatMul(a, b);
            AssertMatches(r, BruteForce(a, b), 1e-12);
            torch.where(r.isfinite(), r, 0.0).sum().backward();
            Assert.That(a.grad!.isnan().any().item<bool>(), Is.False);
            Assert.That(b.grad!.isnan().any().item<bool>(), Is.False);
        }

        [Test]
        public void LogMatMulInFloat32IsExactWhereTheFactorsPeakApart()
        {
            // exp(-200) underflows float32 and exp(1e4) overflows it: the joint log-sum-exp loses neither.
            var a = torch.tensor(new float[,] { { 0f, -200f }, { -1e4f, -1e4f - 1f } }).unsqueeze(0);
            var b = torch.tensor(new float[,] { { -200f, 1e4f }, { 0f, 1e4f } }).unsqueeze(0);
            AssertMatches(LogSpace.LogMatMul(a, b), BruteForce(a, b), 1e-6);
        }

        [Test]
        public void GumbelMaxDrawsWithTheSoftmaxProbabilities()
        {
            torch.manual_seed(5);
            var logits = torch.tensor(new double[] { 0.0, 1.0, -1.0, 2.0, double.NegativeInfinity, 0.5 });
            long n = 200_000, k = logits.shape[0];
            var draws = GumbelMax.Draw(logits.unsqueeze(0).expand(n, k).contiguous(), null);
            Assert.That(draws.shape, Is.EqualTo(new[] { n }));
            var counts = draws.bincount(null, k).data<long>().ToArray();
            var p = logits.softmax(0).data<double>().ToArray();
            for (int i = 0; i < k; i++)
            {
                // Band: 5 binomial standard deviations (a false failure about once in 1.7 million per category).
                double freq = counts[i] / (double)n, sd = Math.Sqrt(p[i] * (1 - p[i]) / n);
                Assert.That(freq, Is.EqualTo(p[i]).Within(5 * sd + 1e-12), $"category {i}");
            }
            Assert.That(counts[4], Is.EqualTo(0), "a log-weight of -inf is never drawn");
        }

        [Test]
        public void ChainFilterFromEveryStartEqualsTheTreeProduct()
        {
            torch.manual_seed(6);
            // Layout [state 4, time 7, prev 4]; mT[b, t, s', s] = M_t[s, s'].
            var factor = torch.randn(new long[] { 4, 7, 4 }, dtype: ScalarType.Float64) * 3;
            var tree = ChainProduct.Reduce(factor, new long[] { 0 }, new long[] { 2 }, 1).reshape(4);
            var mT = factor.permute(1, 2, 0).unsqueeze(0).unbind(1); // 7 x [1, S', S]
            var alpha = ChainFilter.Forward(mT[0], new ArraySegment<Tensor>(mT, 1, mT.Length - 1));
            var filtered = LogSpace.LogSumExp(alpha[^1], new long[] { -1 }).reshape(4);
            Assert.That((filtered - tree).abs().max().item<double>(), Is.LessThan(1e-12));
        }
    }
}
