using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using TorchSharp;
using static Alan.Runtime.Tests.TestUtil;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// Every bijector in float64: Forward then Inverse returns x (1e-9 relative), values land in the support, and
    /// LogAbsDetJacobian equals log |det| of the Jacobian that autograd computes from Forward, with the determinant
    /// taken in the test by Gaussian elimination (1e-9). StickBreaking's Jacobian is that of y's first K - 1 coordinates.
    /// </summary>
    public class BijectorTests
    {
        /// <summary>Each bijector with the unconstrained vector it is tested at (length 4 for the vector bijectors: K = 5 for StickBreaking).</summary>
        public static IEnumerable<TestCaseData> Cases()
        {
            yield return Case("Exp", Bijector.Exp, 0.3, -2.0, 1.7, -0.4);
            yield return Case("Softplus", Bijector.Softplus, 0.3, -12.0, 25.0, -0.4);
            yield return Case("LowerBound", Bijector.LowerBound(D(-1.0, 2.0, 0.5, 3.0)), 0.3, -2.0, 1.7, -0.4);
            yield return Case("UpperBound", Bijector.UpperBound(D(1.5)), 0.3, -2.0, 1.7, -0.4);
            yield return Case("Interval", Bijector.Interval(D(-2.0), D(3.0, 4.0, 0.5, 7.0)), 0.3, -6.0, 5.0, -0.4);
            yield return Case("UnitInterval", Bijector.UnitInterval, 0.3, -9.0, 8.0, -0.4);
            yield return Case("StickBreaking", Bijector.StickBreaking, 0.3, -2.0, 1.7, -0.4);
            yield return Case("Ordered", Bijector.Ordered, 0.3, -2.0, 1.7, -0.4);
            yield return Case("PositiveOrdered", Bijector.PositiveOrdered, 0.3, -2.0, 1.7, -0.4);
        }

        private static TestCaseData Case(string name, Bijector b, params double[] x) => new TestCaseData(b, x).SetArgDisplayNames(name);

        [TestCaseSource(nameof(Cases))]
        public void InverseUndoesForward(Bijector b, double[] xs)
        {
            var x = D(xs);
            var y = b.Forward(x);
            AssertClose(b.Inverse(y), xs, 1e-9, $"{b.Name} inverse");
            Assert.That(b.InSupport(y, 0).all().item<bool>(), Is.True, $"{b.Name}: forward values lie in the support");
            Assert.That(y.shape, Is.EqualTo(b.ForwardShape(x.shape)), "forward shape");
            Assert.That(b.InverseShape(y.shape), Is.EqualTo(x.shape), "inverse shape");
        }

        [TestCaseSource(nameof(Cases))]
        public void LogAbsDetJacobianIsLogDetOfAutogradJacobian(Bijector b, double[] xs)
        {
            var x = D(xs).requires_grad_(true);
            var y = b.Forward(x);
            int n = xs.Length;
            // The square part of the Jacobian: all of y, or StickBreaking's first K - 1 coordinates.
            var jacobian = new double[n, n];
            for (int i = 0; i < n; i++)
            {
                var row = torch.autograd.grad(new[] { y[i] }, new[] { x }, retain_graph: true)[0];
                var values = Values(row);
                for (int j = 0; j < n; j++) jacobian[i, j] = values[j];
            }
            double expected = LogAbsDet(jacobian);
            var actual = b.LogAbsDetJacobian(x.detach());
            // Elementwise bijectors give one term per element; their sum is the log-determinant of the diagonal Jacobian.
            Assert.That(actual.dim(), Is.EqualTo(b.EventRank == 0 ? 1 : 0), "LogAbsDetJacobian sums over the bijector's event dims only");
            Assert.That(Scalar(actual.sum()), Is.EqualTo(expected).Within(1e-9 * Math.Max(1, Math.Abs(expected))), b.Name);
            if (b.EventRank == 0)
                for (int i = 0; i < n; i++)
                    Assert.That(Values(actual)[i], Is.EqualTo(Math.Log(Math.Abs(jacobian[i, i]))).Within(1e-9), $"{b.Name}[{i}]");
        }

        [Test]
        public void SoftplusAndSigmoidStayInvertibleFarOut()
        {
            // softplus(-40) ~ 4e-18 and its inverse must come back to -40; σ(30) is within 1e-13 of 1.
            AssertClose(Bijector.Softplus.Inverse(Bijector.Softplus.Forward(D(-40.0, 40.0))), new[] { -40.0, 40.0 }, 1e-9, "softplus");
            AssertClose(Bijector.UnitInterval.Inverse(Bijector.UnitInterval.Forward(D(-30.0, 30.0))), new[] { -30.0, 30.0 }, 1e-4, "sigmoid");
        }

        [Test]
        public void Float32ValuesNeverReachTheBoundary()
        {
            var x = torch.tensor(new float[] { -200f, -60f, 20f, 60f });
            var unit = Bijector.UnitInterval.Forward(x);
            Assert.That(Bijector.UnitInterval.InSupport(unit, 0).all().item<bool>(), Is.True, "σ in float32 stays inside (0, 1)");
            Assert.That(torch.isfinite(Bijector.UnitInterval.Inverse(unit)).all().item<bool>(), Is.True, "its inverse is finite");
            var positive = Bijector.Exp.Forward(torch.tensor(new float[] { -200f }));
            Assert.That(positive.item<float>(), Is.GreaterThan(0f), "exp(-200) in float32 stays positive");
            var interval = Bijector.Interval(torch.tensor(2f), torch.tensor(3f)).Forward(x);
            Assert.That(torch.isfinite(Bijector.Interval(torch.tensor(2f), torch.tensor(3f)).Inverse(interval)).all().item<bool>(), Is.True);
        }

        [Test]
        public void StickBreakingOfZeroIsTheSimplexCentre()
        {
            var y = Bijector.StickBreaking.Forward(torch.zeros(3, ScalarType.Float64));
            AssertClose(y, new[] { 0.25, 0.25, 0.25, 0.25 }, 1e-12, "centre");
        }

        [Test]
        public void BoundParametersAlignToTheLayout()
        {
            // low of shape [3] is event-only: with 2 hidden batch dims it is viewed as [1, 1, 3].
            var b = Bijector.LowerBound(D(1.0, 2.0, 3.0));
            var x = torch.zeros(new long[] { 2, 1, 3 }, ScalarType.Float64);
            var y = b.ForwardInLayout(x, 2);
            AssertShape(y, 2, 1, 3);
            AssertClose(y, new[] { 2.0, 3.0, 4.0, 2.0, 3.0, 4.0 });
        }

        [Test]
        public void BadInputIsNamed()
        {
            var noEvent = Assert.Throws<ArgumentException>(() => Bijector.StickBreaking.Forward(D(0.5).reshape(Array.Empty<long>())));
            Assert.That(noEvent!.Message, Does.Contain("StickBreaking").And.Contain("last dimension").And.Contain("shape []"));
            var tooShort = Assert.Throws<ArgumentException>(() => Bijector.StickBreaking.Inverse(D(1.0)));
            Assert.That(tooShort!.Message, Does.Contain("at least 2").And.Contain("[1]"));
            var integer = Assert.Throws<ArgumentException>(() => Bijector.Exp.Forward(torch.tensor(new long[] { 1, 2 })));
            Assert.That(integer!.Message, Does.Contain("Exp").And.Contain("floating").And.Contain("Int64"));
            var mismatch = Assert.Throws<ArgumentException>(() => Bijector.Interval(D(0.0, 1.0), D(2.0, 3.0, 4.0)));
            Assert.That(mismatch!.Message, Does.Contain("low of shape [2]").And.Contain("high of shape [3]"));
            Assert.Throws<ArgumentNullException>(() => Bijector.LowerBound(null!));
            Assert.Throws<ArgumentNullException>(() => Bijector.Exp.Forward(null!));
        }

        /// <summary>log |det A| by Gaussian elimination with partial pivoting.</summary>
        private static double LogAbsDet(double[,] a)
        {
            int n = a.GetLength(0);
            var m = (double[,])a.Clone();
            double logDet = 0;
            for (int c = 0; c < n; c++)
            {
                int pivot = c;
                for (int r = c + 1; r < n; r++) if (Math.Abs(m[r, c]) > Math.Abs(m[pivot, c])) pivot = r;
                for (int k = 0; k < n; k++) (m[c, k], m[pivot, k]) = (m[pivot, k], m[c, k]);
                logDet += Math.Log(Math.Abs(m[c, c]));
                for (int r = c + 1; r < n; r++)
                {
                    double f = m[r, c] / m[c, c];
                    for (int k = c; k < n; k++) m[r, k] -= f * m[c, k];
                }
            }
            return logDet;
        }
    }
}
