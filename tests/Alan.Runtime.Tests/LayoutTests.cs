using System;
using System.Linq;
using NUnit.Framework;
using TorchSharp;
using static Alan.Runtime.Tests.TestUtil;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>LogProb(value, batchRank, dtype): parameter alignment, summation beyond batchRank and dtype conversion.</summary>
    public class LayoutTests
    {
        [Test]
        public void EventOnlyParametersAreSummedOverTheEventDim()
        {
            torch.manual_seed(1);
            var d = new Normal(torch.zeros(8, ScalarType.Float64), torch.ones(8, ScalarType.Float64));
            var value = torch.randn(new long[] { 5, 1, 1, 8 }, ScalarType.Float64);
            var lp = d.LogProb(value, 3, ScalarType.Float64);
            AssertShape(lp, 5, 1, 1);
            var v = Values(value);
            var expected = Enumerable.Range(0, 5)
                .Select(i => v.Skip(8 * i).Take(8).Sum(x => -0.5 * x * x - 0.5 * Math.Log(2 * Math.PI))).ToArray();
            AssertClose(lp, expected);
        }

        [Test]
        public void Float64ParametersAndValuesConvertToFloat32()
        {
            torch.manual_seed(2);
            var d = new Normal(torch.zeros(8, ScalarType.Float64), torch.ones(8, ScalarType.Float64));
            var value = torch.randn(new long[] { 5, 1, 1, 8 }, ScalarType.Float64);
            var lp32 = d.LogProb(value, 3, ScalarType.Float32);
            Assert.That(lp32.dtype, Is.EqualTo(ScalarType.Float32));
            AssertShape(lp32, 5, 1, 1);
            AssertClose(lp32, Values(d.LogProb(value, 3, ScalarType.Float64)), 1e-5);
        }

        [Test]
        public void LayoutParametersAreKept()
        {
            // loc [5, 1, 1] already has the layout for batchRank 3; a scalar scale broadcasts.
            var loc = D(new long[] { 5, 1, 1 }, 0, 1, 2, 3, 4);
            var lp = new Normal(loc, 2.0).LogProb(D(new long[] { 1, 2, 1 }, 0.0, 1.0), 3, ScalarType.Float64);
            AssertShape(lp, 5, 2, 1);
            var expected = new double[10];
            for (int i = 0; i < 5; i++)
                for (int j = 0; j < 2; j++)
                {
                    double z = (j - i) / 2.0;
                    expected[2 * i + j] = -0.5 * z * z - Math.Log(2) - 0.5 * Math.Log(2 * Math.PI);
                }
            AssertClose(lp, expected);
        }

        [Test]
        public void DiscreteIntegerValuesUseTheRequestedDtype()
        {
            var d = new Poisson(torch.full(4, 2.5, ScalarType.Float64));
            var k = torch.tensor(new long[] { 0, 1, 2, 3, 1, 1, 1, 1 }).reshape(2, 1, 4);
            var lp = d.LogProb(k, 2, ScalarType.Float32);
            Assert.That(lp.dtype, Is.EqualTo(ScalarType.Float32));
            AssertShape(lp, 2, 1);
            double Pois(double x) => x * Math.Log(2.5) - 2.5 - Lgamma(x + 1);
            AssertClose(lp, new[] { new[] { 0.0, 1, 2, 3 }.Sum(Pois), 4 * Pois(1) }, 1e-6);
        }

        [Test]
        public void MultivariateNormalReturnsOneValuePerEventThenSumsBeyondBatch()
        {
            torch.manual_seed(3);
            var d = new MultivariateNormal(torch.zeros(4, ScalarType.Float64), covarianceMatrix: torch.eye(4, dtype: ScalarType.Float64));
            var value = torch.randn(new long[] { 5, 1, 1, 4 }, ScalarType.Float64);
            var lp = d.LogProb(value, 3, ScalarType.Float64);
            AssertShape(lp, 5, 1, 1);
            AssertClose(lp, Values(new Normal(0.0, 1.0).LogProb(value).sum(-1)));

            // loc [2, 4] at batchRank 3 is event-only: two independent MVNs per batch element, summed.
            var d2 = new MultivariateNormal(torch.zeros(2, 4, ScalarType.Float64), scaleTril: torch.eye(4, dtype: ScalarType.Float64));
            var v2 = torch.randn(new long[] { 5, 1, 1, 2, 4 }, ScalarType.Float64);
            var lp2 = d2.LogProb(v2, 3, ScalarType.Float64);
            AssertShape(lp2, 5, 1, 1);
            AssertClose(lp2, Values(new Normal(0.0, 1.0).LogProb(v2).sum(new long[] { -1, -2 })));

            // loc [2, 4] at batchRank 1 already has the layout (batch [2]).
            var lp3 = d2.LogProb(v2.reshape(5, 2, 4)[0], 1, ScalarType.Float64);
            AssertShape(lp3, 2);
        }

        [Test]
        public void CategoricalCategoryDimIsNotABatchDim()
        {
            var probs = D(0.2, 0.3, 0.5);
            var d = new Categorical(probs: probs);
            // probs [3] at batchRank 2: viewed as [1, 1, 3]; values [5, 1] of indices.
            var k = torch.tensor(new long[] { 0, 1, 2, 2, 0 }).reshape(5, 1);
            var lp = d.LogProb(k, 2, ScalarType.Float64);
            AssertShape(lp, 5, 1);
            AssertClose(lp, new[] { 0.2, 0.3, 0.5, 0.5, 0.2 }.Select(v => Math.Log(v)).ToArray());

            // probs [4, 3] at batchRank 1 has the layout (batch [4]); at batchRank 2 it is event-only and summed.
            var p4 = D(new long[] { 4, 3 }, Enumerable.Repeat(new[] { 0.2, 0.3, 0.5 }, 4).SelectMany(r => r).ToArray());
            var d4 = new Categorical(probs: p4);
            var k4 = torch.tensor(new long[] { 0, 1, 2, 2 });
            AssertClose(d4.LogProb(k4, 1, ScalarType.Float64), new[] { 0.2, 0.3, 0.5, 0.5 }.Select(v => Math.Log(v)).ToArray());
            var lpSum = d4.LogProb(k4.reshape(1, 1, 4).expand(5, 1, 4), 2, ScalarType.Float32);
            AssertShape(lpSum, 5, 1);
            Assert.That(lpSum.dtype, Is.EqualTo(ScalarType.Float32));
            AssertClose(lpSum, Enumerable.Repeat(Math.Log(0.2 * 0.3 * 0.5 * 0.5), 5).ToArray(), 1e-6);
        }

        [Test]
        public void DirichletEventOnlyConcentration()
        {
            var d = new Dirichlet(D(1.0, 1.0, 1.0));
            var v = D(new long[] { 2, 1, 3 }, 0.2, 0.3, 0.5, 0.1, 0.1, 0.8);
            var lp = d.LogProb(v, 2, ScalarType.Float64);
            AssertShape(lp, 2, 1);
            AssertClose(lp, new[] { Math.Log(2), Math.Log(2) }); // uniform on the 2-simplex: density 2
        }
    }
}
