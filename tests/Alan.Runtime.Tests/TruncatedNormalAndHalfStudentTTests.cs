using System;
using System.Linq;
using NUnit.Framework;
using TorchSharp;
using static Alan.Runtime.Tests.TestUtil;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// TruncatedNormal and HalfStudentT: log-densities in float64 against the closed form with the normaliser by
    /// quadrature, normalisation by quadrature, far-tail intervals, and finite pathwise gradients in the tails.
    /// </summary>
    public class TruncatedNormalAndHalfStudentTTests
    {
        private static double TruncatedLogPdf(double loc, double scale, double low, double high, double x)
        {
            double z = (x - loc) / scale;
            return -0.5 * z * z - 0.5 * Math.Log(2 * Math.PI) - Math.Log(scale) - LogNormalMass((low - loc) / scale, (high - loc) / scale);
        }

        /// <summary>log(Phi(b) - Phi(a)) by quadrature of phi scaled by its largest value on [a, b] (no underflow far out).</summary>
        private static double LogNormalMass(double a, double b)
        {
            double peak = a <= 0 && b >= 0 ? 0 : Math.Min(a * a, b * b) / 2;
            return -peak + Math.Log(Simpson(x => Math.Exp(-0.5 * x * x + peak) / Math.Sqrt(2 * Math.PI), a, b, 200_000));
        }

        private static readonly (double Loc, double Scale, double Low, double High)[] Cases =
        {
            (0.0, 1.0, -1.0, 2.0),
            (0.5, 2.0, -1.0, 4.0),
            (1.0, 0.5, 1.2, 1.3),      // narrow, above the centre
            (0.0, 1.0, 8.0, 9.0),      // deep in the upper tail
            (0.0, 1.0, -9.0, -8.0),    // deep in the lower tail
            (3.0, 2.0, -30.0, -25.0),  // 14 to 16.5 standard units below
            (0.0, 1.0, -20.0, 20.0),   // effectively untruncated
            (0.0, 1.0, 25.0, 40.0),    // the far bound beyond the asymptotic series' threshold
            (1.0, 1.0, -46.0, -41.0),  // both bounds beyond it (Phi underflows in float64)
        };

        [Test]
        public void TruncatedNormalLogDensityMatchesTheClosedFormWithQuadratureMass()
        {
            foreach (var (loc, scale, low, high) in Cases)
            {
                var d = new TruncatedNormal(D(loc), D(scale), D(low), D(high));
                foreach (var t in new[] { 0.0, 0.1, 0.5, 0.93, 1.0 })
                {
                    double x = low + t * (high - low);
                    double expected = TruncatedLogPdf(loc, scale, low, high, x);
                    double actual = Scalar(d.LogProb(D(x)));
                    Assert.That(actual, Is.EqualTo(expected).Within(1e-9 * Math.Max(1, Math.Abs(expected))),
                        $"[{low}, {high}] loc {loc} scale {scale} at {x}");
                }
            }
        }

        [Test]
        public void TruncatedNormalIntegratesToOne()
        {
            foreach (var (loc, scale, low, high) in Cases)
            {
                var d = new TruncatedNormal(D(loc), D(scale), D(low), D(high));
                const int n = 200_000;
                var xs = Enumerable.Range(0, n + 1).Select(i => low + (high - low) * i / n).ToArray();
                var p = Values(d.LogProb(D(xs)).exp());
                double h = (high - low) / n, sum = p[0] + p[n];
                for (int i = 1; i < n; i++) sum += (i % 2 == 1 ? 4 : 2) * p[i];
                Assert.That(sum * h / 3, Is.EqualTo(1.0).Within(1e-9), $"[{low}, {high}]");
            }
        }

        [Test]
        public void TruncatedNormalIsMinusInfinityOutsideTheClosedInterval()
        {
            var d = new TruncatedNormal(D(0.0), D(1.0), D(-1.0), D(2.0));
            var lp = Values(d.LogProb(D(-1.0, 2.0, -1.0001, 2.0001, 7)));
            Assert.That(lp.Take(2), Is.All.Matches<double>(double.IsFinite));
            Assert.That(lp.Skip(2), Is.All.EqualTo(double.NegativeInfinity));
        }

        [Test]
        public void InfiniteBoundsGiveTheHalfNormalAndTheUpperTail()
        {
            double inf = double.PositiveInfinity;
            var lower = Values(new TruncatedNormal(D(0.0), D(1.0), D(-inf), D(0.0)).LogProb(D(-3.0, -0.5)));
            Assert.That(lower[0], Is.EqualTo(Math.Log(2) - 4.5 - 0.5 * Math.Log(2 * Math.PI)).Within(1e-12));
            Assert.That(lower[1], Is.EqualTo(Math.Log(2) - 0.125 - 0.5 * Math.Log(2 * Math.PI)).Within(1e-12));
            var upper = Scalar(new TruncatedNormal(D(0.0), D(1.0), D(9.0), D(inf)).LogProb(D(9.5)));
            Assert.That(upper, Is.EqualTo(TruncatedLogPdf(0, 1, 9, 30, 9.5)).Within(1e-9));
            torch.manual_seed(3);
            var x = Values(new TruncatedNormal(0.0, 1.0, -inf, 0.0).Sample(new[] { 10_000L }, ScalarType.Float64, false));
            Assert.That(x, Is.All.LessThanOrEqualTo(0.0).And.Matches<double>(double.IsFinite));
        }

        [Test]
        public void TruncatedNormalFloat32AgreesWithFloat64()
        {
            var d32 = new TruncatedNormal(torch.tensor(0.0f), torch.tensor(1.0f), torch.tensor(8.0f), torch.tensor(9.0f));
            var lp = d32.LogProb(torch.tensor(new[] { 8.0f, 8.5f }));
            Assert.That(lp.dtype, Is.EqualTo(ScalarType.Float32));
            var v = Values(lp);
            Assert.That(v[0], Is.EqualTo(TruncatedLogPdf(0, 1, 8, 9, 8.0)).Within(1e-5));
            Assert.That(v[1], Is.EqualTo(TruncatedLogPdf(0, 1, 8, 9, 8.5)).Within(1e-5));
        }

        [Test]
        public void TruncatedNormalDrawsStayInsideFarTailIntervals()
        {
            torch.manual_seed(5);
            foreach (var (loc, scale, low, high) in Cases)
            {
                var x = Values(new TruncatedNormal(D(loc), D(scale), D(low), D(high)).Sample(new[] { 10_000L }, ScalarType.Float64, false));
                Assert.That(x, Is.All.InRange(low, high), $"[{low}, {high}]");
            }
            var x32 = Values(new TruncatedNormal(0.0, 1.0, 8.0, 9.0).Sample(new[] { 10_000L }, ScalarType.Float32, false));
            Assert.That(x32, Is.All.InRange(8.0, 9.0));
        }

        [Test]
        public void TruncatedNormalTailDrawsFollowTheTailDistribution()
        {
            // On [8, 9] the mass lies within a few 1/8 of the lower bound: exact mean and variance via quadrature.
            torch.manual_seed(17);
            double z = NormalMass(8, 9);
            double mean = Simpson(x => x * NormalPdf(x), 8, 9) / z;
            double var = Simpson(x => (x - mean) * (x - mean) * NormalPdf(x), 8, 9) / z;
            const long n = 200_000;
            var x = Values(new TruncatedNormal(0.0, 1.0, 8.0, 9.0).Sample(new[] { n }, ScalarType.Float64, false));
            Assert.That(x.Average(), Is.EqualTo(mean).Within(6 * Math.Sqrt(var / n)));
            double m = x.Average(), s2 = x.Select(v => (v - m) * (v - m)).Sum() / (n - 1);
            Assert.That(s2, Is.EqualTo(var).Within(0.02 * var));
        }

        [Test]
        public void TruncatedNormalDrawsBeyondTheCdfsRangeFollowTheTailDistribution()
        {
            // On [-46, -41] (Phi underflows in float64) the density is proportional to phi(z); moments by scaled quadrature.
            torch.manual_seed(19);
            Func<double, double> w = x => Math.Exp(-0.5 * (x * x - 41.0 * 41.0));
            double z = Simpson(w, -46, -41, 200_000);
            double mean = Simpson(x => x * w(x), -46, -41, 200_000) / z;
            double var = Simpson(x => (x - mean) * (x - mean) * w(x), -46, -41, 200_000) / z;
            const long n = 200_000;
            var x = Values(new TruncatedNormal(0.0, 1.0, -46.0, -41.0).Sample(new[] { n }, ScalarType.Float64, false));
            Assert.That(x, Is.All.InRange(-46.0, -41.0));
            Assert.That(x.Average(), Is.EqualTo(mean).Within(6 * Math.Sqrt(var / n)));
            double m = x.Average(), s2 = x.Select(v => (v - m) * (v - m)).Sum() / (n - 1);
            Assert.That(s2, Is.EqualTo(var).Within(0.02 * var));
        }

        [TestCase(-1.0, 2.0)]
        [TestCase(8.0, 9.0)]
        [TestCase(-46.0, -41.0)]
        public void TruncatedNormalRsampleGradientsMatchFiniteDifferences(double low, double high)
        {
            // The same uniforms (same seed) at loc +- h and scale +- h: central differences of the sum of 100 draws.
            double Draws(double loc, double scale)
            {
                torch.manual_seed(23);
                return Values(new TruncatedNormal(D(loc), D(scale), D(low), D(high)).Sample(new[] { 100L }, ScalarType.Float64, false)).Sum();
            }
            torch.manual_seed(23);
            var l = D(0.3).requires_grad_(true);
            var sc = D(1.2).requires_grad_(true);
            new TruncatedNormal(l, sc, D(low), D(high)).Sample(new[] { 100L }, ScalarType.Float64, true).sum().backward();
            const double h = 1e-6;
            double dLoc = (Draws(0.3 + h, 1.2) - Draws(0.3 - h, 1.2)) / (2 * h);
            double dScale = (Draws(0.3, 1.2 + h) - Draws(0.3, 1.2 - h)) / (2 * h);
            Assert.That(Scalar(l.grad!), Is.EqualTo(dLoc).Within(1e-4 * Math.Max(1, Math.Abs(dLoc))), "loc");
            Assert.That(Scalar(sc.grad!), Is.EqualTo(dScale).Within(1e-4 * Math.Max(1, Math.Abs(dScale))), "scale");
        }

        [TestCase(ScalarType.Float64)]
        [TestCase(ScalarType.Float32)]
        public void TruncatedNormalRsampleGradientsAreFiniteInTheTails(ScalarType dtype)
        {
            foreach (var (low, high) in new[] { (8.0, 9.0), (-9.0, -8.0), (-30.0, -25.0), (-1.0, 2.0), (5.0, 40.0), (-46.0, -41.0), (50.0, 60.0) })
            {
                var loc = torch.tensor(0.0, dtype).requires_grad_(true);
                var scale = torch.tensor(1.0, dtype).requires_grad_(true);
                var x = new TruncatedNormal(loc, scale, torch.tensor(low, dtype), torch.tensor(high, dtype))
                    .Sample(new[] { 1000L }, dtype, true);
                Assert.That(x.dtype, Is.EqualTo(dtype));
                x.sum().backward();
                Assert.That(Scalar(loc.grad!), Is.Not.NaN.And.Matches<double>(double.IsFinite), $"[{low}, {high}] loc");
                Assert.That(Scalar(scale.grad!), Is.Not.NaN.And.Matches<double>(double.IsFinite), $"[{low}, {high}] scale");
            }
        }

        [Test]
        public void TruncatedNormalLogDensityGradientsAreFiniteInTheTails()
        {
            var loc = D(0.0).requires_grad_(true);
            var scale = D(1.0).requires_grad_(true);
            var lp = new TruncatedNormal(loc, scale, D(8.0), D(9.0)).LogProb(D(8.2, 8.9));
            lp.sum().backward();
            // d/dloc of log p = z / scale - d log Z / dloc, with Z's derivative by quadrature: (phi(a) - phi(b)) / Z.
            double mass = NormalMass(8, 9), dlogZ = (NormalPdf(8) - NormalPdf(9)) / mass;
            Assert.That(Scalar(loc.grad!), Is.EqualTo(8.2 + 8.9 - 2 * dlogZ).Within(1e-7));
            Assert.That(Scalar(scale.grad!), Is.Not.NaN.And.Matches<double>(double.IsFinite));
        }

        [Test]
        public void HalfStudentTIntegratesToOne()
        {
            // x = scale tan(theta) maps [0, pi/2) onto [0, inf); the integrand p(x) dx/dtheta vanishes at pi/2 for df > 1.
            foreach (var (df, scale) in new[] { (3.0, 1.0), (5.0, 2.0), (30.0, 0.5) })
            {
                var d = new HalfStudentT(D(df), D(scale));
                const int n = 200_000;
                double top = Math.PI / 2;
                var th = Enumerable.Range(0, n).Select(i => top * i / n).ToArray();
                var p = Values(d.LogProb(D(th.Select(t => scale * Math.Tan(t)).ToArray())).exp());
                double h = top / n, sum = p[0] * scale; // the end point contributes 0
                for (int i = 1; i < n; i++)
                {
                    double c = Math.Cos(th[i]);
                    sum += (i % 2 == 1 ? 4 : 2) * p[i] * scale / (c * c);
                }
                Assert.That(sum * h / 3, Is.EqualTo(1.0).Within(1e-9), $"df {df}");
            }
        }

        [Test]
        public void HalfStudentTIsTwiceTheStudentTOnThePositiveHalfLine()
        {
            var xs = D(0.0, 0.4, 2.5, 40.0);
            var half = Values(new HalfStudentT(D(4.0), D(1.5)).LogProb(xs));
            var full = Values(new StudentT(D(4.0), D(0.0), D(1.5)).LogProb(xs));
            for (int i = 0; i < half.Length; i++) Assert.That(half[i], Is.EqualTo(full[i] + Math.Log(2)).Within(1e-12));
            Assert.That(Scalar(new HalfStudentT(D(4.0), D(1.5)).LogProb(D(-1e-9))), Is.EqualTo(double.NegativeInfinity));
        }

        [Test]
        public void HalfStudentTRsampleGradientsAreFinite()
        {
            var df = D(2.5).requires_grad_(true);
            var scale = D(1.5).requires_grad_(true);
            var x = new HalfStudentT(df, scale).Sample(new[] { 5000L }, ScalarType.Float64, true);
            Assert.That(Values(x), Is.All.GreaterThanOrEqualTo(0.0));
            x.log().sum().backward();
            Assert.That(Scalar(df.grad!), Is.Not.NaN.And.Matches<double>(double.IsFinite));
            Assert.That(Scalar(scale.grad!), Is.EqualTo(5000 / 1.5).Within(1e-6));
        }
    }
}
