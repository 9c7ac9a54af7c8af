using System;
using Alan.CompilerServices.FastPaths;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// A chain's Normal transition plus the rest of its factor in one pass (<see cref="NormalFactor.LogProbPlus"/>):
    /// log N(x | loc, scale) + rest, against the textbook density plus the rest, in value and gradient, in float64.
    /// </summary>
    public class NormalFactorTests
    {
        // Covid's layout in small: [globals' particles, region's particles, previous, state, days].
        private const int Layout = 5;
        private static readonly long[] States = { 3 };
        private static readonly long[] Previous = { 2 };
        private const long Days = 4;

        [Test]
        public void ValuesAndGradientsMatchTheTextbookDensityPlusTheRest()
        {
            torch.manual_seed(11);
            // x over the state dim, loc over the globals' and previous dims, the scale over the region's dim, the rest (data
            // less Q) over the region's and the state dims; all but the scale over the days.
            var x = randn(new long[] { 1, 1, 1, 5, 6 }, dtype: ScalarType.Float64).requires_grad_(true);
            var loc = randn(new long[] { 3, 1, 4, 1, 6 }, dtype: ScalarType.Float64).requires_grad_(true);
            var logScale = (0.5 * randn(new long[] { 1, 2, 1, 1, 1 }, dtype: ScalarType.Float64)).requires_grad_(true);
            var rest = randn(new long[] { 1, 2, 1, 5, 6 }, dtype: ScalarType.Float64).requires_grad_(true);

            var ours = NormalFactor.LogProbPlus(new Normal(loc, logScale.exp()), x, rest, Layout, ScalarType.Float64, States, Previous, Days);
            var scale = logScale.exp();
            var z = (x - loc) / scale;
            var textbook = -0.5 * z * z - scale.log() - 0.5 * Math.Log(2 * Math.PI) + rest;
            Assert.That(ours.shape, Is.EqualTo(new long[] { 3, 2, 4, 5, 6 }));
            Assert.That((ours - textbook).abs().max().item<double>(), Is.LessThan(1e-12));

            var weights = randn(new long[] { 3, 2, 4, 5, 6 }, dtype: ScalarType.Float64);
            var inputs = new[] { x, loc, logScale, rest };
            var g = torch.autograd.grad(new[] { (ours * weights).sum() }, inputs);
            var gt = torch.autograd.grad(new[] { (textbook * weights).sum() }, inputs);
            for (int i = 0; i < inputs.Length; i++)
                Assert.That((g[i] - gt[i]).abs().max().item<double>(), Is.LessThan(1e-12 * (1 + gt[i].abs().max().item<double>())), $"input {i}");
        }

        [Test]
        public void TheFactorIsLaidOutAsTheChainProductReadsItAndChainsAsTheTextbookFactor()
        {
            torch.manual_seed(12);
            var x = randn(new long[] { 1, 1, 1, 4, 7 }, dtype: ScalarType.Float64).requires_grad_(true);
            var loc = randn(new long[] { 3, 1, 4, 1, 7 }, dtype: ScalarType.Float64).requires_grad_(true);
            var scale = (0.3 * randn(new long[] { 1, 2, 1, 1, 1 }, dtype: ScalarType.Float64)).exp();
            var rest = randn(new long[] { 1, 2, 1, 4, 7 }, dtype: ScalarType.Float64);

            var ours = NormalFactor.LogProbPlus(new Normal(loc, scale), x, rest, Layout, ScalarType.Float64, States, Previous, Days);
            // Memory order: days, previous, state, then the batch of chains (globals', region's) innermost.
            Assert.That(ours.permute(4, 2, 3, 0, 1).is_contiguous(), Is.True);

            var textbook = -0.5 * ((x - loc) / scale).pow(2) - scale.log() - 0.5 * Math.Log(2 * Math.PI) + rest;
            // The chain product of both (every start, the tree), in value and in gradient with respect to the particles.
            var chained = Alan.CompilerServices.Timeseries.ChainProduct.Reduce(ours, States, Previous, Days);
            var expected = Alan.CompilerServices.Timeseries.ChainProduct.Reduce(textbook, States, Previous, Days);
            Assert.That((chained - expected).abs().max().item<double>(), Is.LessThan(1e-9));
            var inputs = new[] { x, loc };
            var g = torch.autograd.grad(new[] { chained.sum() }, inputs);
            var gt = torch.autograd.grad(new[] { expected.sum() }, inputs);
            for (int i = 0; i < inputs.Length; i++)
                Assert.That((g[i] - gt[i]).abs().max().item<double>(), Is.LessThan(1e-9 * (1 + gt[i].abs().max().item<double>())), $"input {i}");
        }

        [Test]
        public void AnotherDistributionIsItsLogDensityPlusTheRest()
        {
            var value = tensor(new[] { 0.5, 1.5, 3.0 }, dtype: ScalarType.Float64).reshape(1, 3);
            var rest = tensor(new[] { 0.25, -1.0, 2.0 }, dtype: ScalarType.Float64).reshape(1, 3);
            var laplace = new Laplace(tensor(1.0, dtype: ScalarType.Float64), tensor(2.0, dtype: ScalarType.Float64));

            var ours = NormalFactor.LogProbPlus(laplace, value, rest, 2, ScalarType.Float64, new long[] { 1 }, new long[] { 0 }, 0);
            double[] expected = { 0.5, 1.5, 3.0 };
            for (int i = 0; i < 3; i++)
            {
                // Laplace(1, 2): -|x - 1| / 2 - log 4.
                double want = -Math.Abs(expected[i] - 1.0) / 2.0 - Math.Log(4.0) + rest[0, i].item<double>();
                Assert.That(ours[0, i].item<double>(), Is.EqualTo(want).Within(1e-14), $"element {i}");
            }
        }

        [Test]
        public void NullArgumentsAreNamed()
        {
            var value = zeros(1, 1, dtype: ScalarType.Float64);
            var normal = new Normal(zeros(1, dtype: ScalarType.Float64), ones(1, dtype: ScalarType.Float64));
            Assert.That(() => NormalFactor.LogProbPlus(null!, value, value, 2, ScalarType.Float64, States, Previous, Days),
                Throws.ArgumentNullException.With.Property("ParamName").EqualTo("distribution"));
            Assert.That(() => NormalFactor.LogProbPlus(normal, null!, value, 2, ScalarType.Float64, States, Previous, Days),
                Throws.ArgumentNullException.With.Property("ParamName").EqualTo("value"));
            Assert.That(() => NormalFactor.LogProbPlus(normal, value, null!, 2, ScalarType.Float64, States, Previous, Days),
                Throws.ArgumentNullException.With.Property("ParamName").EqualTo("rest"));
        }
    }
}
