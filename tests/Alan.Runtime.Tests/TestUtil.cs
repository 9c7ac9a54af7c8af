using System;
using System.Linq;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>Small helpers shared by the runtime tests: tensors from doubles, comparisons, reference special functions.</summary>
    internal static class TestUtil
    {
        /// <summary>A float64 tensor from values.</summary>
        public static Tensor D(params double[] v) => torch.tensor(v, ScalarType.Float64);

        /// <summary>A float64 tensor of the given shape from values.</summary>
        public static Tensor D(long[] shape, params double[] v) => torch.tensor(v, ScalarType.Float64).reshape(shape);

        /// <summary>The tensor's elements as doubles (row-major).</summary>
        public static double[] Values(Tensor t) =>
            t.detach().to_type(ScalarType.Float64).contiguous().data<double>().ToArray();

        public static double Scalar(Tensor t) => Values(t).Single();

        /// <summary>Asserts equality to 1e-9 relative (absolute 1e-12 near zero); infinities must match exactly.</summary>
        public static void AssertClose(Tensor actual, double[] expected, double rel = 1e-9, string label = "")
        {
            var a = Values(actual);
            Assert.That(a.Length, Is.EqualTo(expected.Length), $"{label}: element count");
            for (int i = 0; i < a.Length; i++)
            {
                if (double.IsInfinity(expected[i]) || double.IsNaN(expected[i]))
                    Assert.That(a[i], Is.EqualTo(expected[i]), $"{label}[{i}]");
                else
                    Assert.That(a[i], Is.EqualTo(expected[i]).Within(Math.Max(rel * Math.Abs(expected[i]), 1e-12)), $"{label}[{i}]");
            }
        }

        public static void AssertShape(Tensor t, params long[] shape) =>
            Assert.That(t.shape, Is.EqualTo(shape), "shape");

        private static readonly double[] Lanczos =
        {
            0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7,
        };

        /// <summary>log Γ(x) for x &gt; 0 by the Lanczos approximation (g = 7, n = 9; ~1e-15 relative on Γ).</summary>
        /// <summary>The standard normal density.</summary>
        public static double NormalPdf(double z) => Math.Exp(-0.5 * z * z) / Math.Sqrt(2 * Math.PI);

        /// <summary>Composite Simpson's rule for f over [a, b] with n (even) intervals.</summary>
        public static double Simpson(Func<double, double> f, double a, double b, int n = 20_000)
        {
            double h = (b - a) / n, sum = f(a) + f(b);
            for (int i = 1; i < n; i++) sum += (i % 2 == 1 ? 4 : 2) * f(a + i * h);
            return sum * h / 3;
        }

        /// <summary>Phi(b) - Phi(a) by quadrature of the standard normal density (no erf needed); a and b finite.</summary>
        public static double NormalMass(double a, double b) => Simpson(NormalPdf, a, b);

        public static double Lgamma(double x)
        {
            if (x < 0.5) return Math.Log(Math.PI / Math.Sin(Math.PI * x)) - Lgamma(1 - x);
            x -= 1;
            double a = Lanczos[0], t = x + 7.5;
            for (int i = 1; i < Lanczos.Length; i++) a += Lanczos[i] / (x + i);
            return 0.5 * Math.Log(2 * Math.PI) + (x + 0.5) * Math.Log(t) - t + Math.Log(a);
        }

        /// <summary>log(1 + x), accurate for small x.</summary>
        public static double Log1p(double x)
        {
            if (Math.Abs(x) > 1e-4) return Math.Log(1 + x);
            return x - x * x / 2 + x * x * x / 3 - x * x * x * x / 4;
        }

        /// <summary>log(sigmoid(l)), stable.</summary>
        public static double LogSigmoid(double l) => l >= 0 ? -Log1p(Math.Exp(-l)) : l - Log1p(Math.Exp(l));

        /// <summary>log C(n, k) for real n, k.</summary>
        public static double LogChoose(double n, double k) => Lgamma(n + 1) - Lgamma(k + 1) - Lgamma(n - k + 1);

        /// <summary>x log y with 0 log y = 0.</summary>
        public static double XLogY(double x, double y) => x == 0 ? 0 : x * Math.Log(y);
    }
}
