using System;
using Alan.CompilerServices.FastPaths;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// NormalRegression.PlateLogProb against the elementwise Normal log-density summed over the plate, in float64
    /// (1e-9): values and gradients, with intercepts, negated coefficients, scalar regressors, and the inputs that
    /// must take the elementwise path (event dims, a scale varying over the plate).
    /// </summary>
    public class NormalRegressionTests
    {
        private const int Rank = 4; // [K_a, K_b, States, Zips]
        private const long Plate = 3;
        private const double Tol = 1e-9;

        private static Tensor Latent(long k, int dim, bool grad)
        {
            var shape = new long[] { 1, 1, 3, 1 };
            shape[dim] = k;
            return torch.randn(shape, dtype: ScalarType.Float64).requires_grad_(grad);
        }

        private static Tensor Expected(Tensor y, Tensor[] c, Tensor?[] x, Tensor scale)
        {
            Tensor loc = torch.zeros(1, dtype: ScalarType.Float64).view(1, 1, 1, 1);
            for (int j = 0; j < c.Length; j++) loc = loc + (x[j] is { } xj ? xj * c[j] : c[j]);
            return new Normal(loc, scale).LogProb(y, Rank, ScalarType.Float64).sum(Plate, keepdim: true);
        }

        [Test]
        public void EqualsTheElementwiseSumWithGradients()
        {
            torch.manual_seed(4);
            var y = (torch.randn(1, 1, 3, 20, dtype: ScalarType.Float64) + 7.0);
            var x1 = torch.randn(1, 1, 3, 20, dtype: ScalarType.Float64) * 2 + 3;
            var x2 = torch.rand(1, 1, 1, 20, dtype: ScalarType.Float64).round(); // broadcast over States
            var a = Latent(5, 0, true);
            var b = Latent(4, 1, true);
            var logScale = Latent(4, 1, true);
            var c = new[] { a, b, -a };
            var x = new Tensor?[] { null, x1, x2 };

            var actual = NormalRegression.PlateLogProb(y, c, x, logScale.exp(), Plate, Rank, ScalarType.Float64);
            var expected = Expected(y, c, x, logScale.exp());
            Assert.That(actual.shape, Is.EqualTo(expected.shape));
            Assert.That((actual - expected).abs().max().item<double>(), Is.LessThan(Tol));

            var ga = torch.autograd.grad(new[] { actual.sum() }, new[] { a, b, logScale });
            var ge = torch.autograd.grad(new[] { expected.sum() }, new[] { a, b, logScale });
            for (int i = 0; i < 3; i++)
                Assert.That((ga[i] - ge[i]).abs().max().item<double>(), Is.LessThan(Tol), $"gradient {i}");
        }

        [Test]
        public void Float32ResultIsTheFloat64OneRounded()
        {
            torch.manual_seed(6);
            var y = torch.randn(1, 1, 3, 200, dtype: ScalarType.Float64) * 0.01 + 100.0; // large mean, tiny spread
            var a = Latent(3, 0, false) * 0.01 + 100.0;
            var scale = torch.tensor(0.01, ScalarType.Float64);
            var expected = Expected(y, new[] { a }, new Tensor?[] { null }, scale);
            var actual = NormalRegression.PlateLogProb(
                y.to_type(ScalarType.Float32), new[] { a.to_type(ScalarType.Float32) }, new Tensor?[] { null },
                scale.to_type(ScalarType.Float32), Plate, Rank, ScalarType.Float32);
            Assert.That(actual.dtype, Is.EqualTo(ScalarType.Float32));
            // Inputs rounded to float32 (relative 6e-8 of 100, i.e. 6e-6, against a spread of 0.01) move each squared
            // residual by about 2 * 6e-6 * 0.01 / 0.01^2: the band is 1e-3 relative to the log-density.
            var rel = ((actual.to_type(ScalarType.Float64) - expected) / expected).abs().max().item<double>();
            Assert.That(rel, Is.LessThan(1e-3));
        }

        [Test]
        public void ScaleVaryingOverThePlateTakesTheElementwisePath()
        {
            torch.manual_seed(7);
            var y = torch.randn(1, 1, 3, 6, dtype: ScalarType.Float64);
            var x1 = torch.randn(1, 1, 3, 6, dtype: ScalarType.Float64);
            var a = Latent(2, 0, false);
            var scale = torch.rand(1, 1, 3, 6, dtype: ScalarType.Float64) + 0.5;
            var actual = NormalRegression.PlateLogProb(y, new[] { a }, new Tensor?[] { x1 }, scale, Plate, Rank, ScalarType.Float64);
            var expected = Expected(y, new[] { a }, new Tensor?[] { x1 }, scale);
            Assert.That((actual - expected).abs().max().item<double>(), Is.LessThan(Tol));
        }

        [Test]
        public void EventDimsTakeTheElementwisePath()
        {
            torch.manual_seed(8);
            var y = torch.randn(new long[] { 1, 1, 3, 6, 2 }, dtype: ScalarType.Float64); // an event dim beyond the layout
            var a = torch.randn(new long[] { 2, 1, 3, 1, 2 }, dtype: ScalarType.Float64); // a coefficient with the event dim
            var scale = torch.tensor(1.5, ScalarType.Float64);
            var actual = NormalRegression.PlateLogProb(y, new[] { a }, new Tensor?[] { null }, scale, Plate, Rank, ScalarType.Float64);
            var expected = new Normal(a, scale).LogProb(y, Rank, ScalarType.Float64).sum(Plate, keepdim: true);
            Assert.That((actual - expected).abs().max().item<double>(), Is.LessThan(Tol));
        }

        [Test]
        public void MismatchedTermsAreAClearError()
        {
            var y = torch.zeros(1, 1, 3, 6, dtype: ScalarType.Float64);
            var ex = Assert.Throws<ArgumentException>(() =>
                NormalRegression.PlateLogProb(y, new[] { y }, Array.Empty<Tensor?>(), y, Plate, Rank, ScalarType.Float64));
            Assert.That(ex!.Message, Does.Contain("1 coefficients but 0 regressors"));
        }
    }
}
