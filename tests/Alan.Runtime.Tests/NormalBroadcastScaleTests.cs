using System;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// Normal's log-density when the scale spans dims that value - loc does not (covid's noise scale carries its
    /// region's particles): -(x - loc)^2 / (2 scale^2) - log scale - log sqrt(2 pi), squared before the broadcast.
    /// </summary>
    public class NormalBroadcastScaleTests
    {
        [Test]
        public void ValuesAndGradientsMatchTheTextbookFormulaInFloat64()
        {
            torch.manual_seed(5);
            var x = randn(new long[] { 3, 1, 1, 5 }, dtype: ScalarType.Float64);
            var loc = randn(new long[] { 1, 4, 1, 5 }, dtype: ScalarType.Float64).requires_grad_(true);
            var logScale = (0.5 * randn(new long[] { 1, 1, 2, 5 }, dtype: ScalarType.Float64)).requires_grad_(true);
            var scale = logScale.exp();

            var ours = new Normal(loc, scale).LogProb(x);
            // Its own exp: the first autograd.grad frees the graph it runs through (a second pass would kill the process).
            var textbookScale = logScale.exp();
            var z = (x - loc) / textbookScale;
            var textbook = -0.5 * z * z - textbookScale.log() - 0.5 * Math.Log(2 * Math.PI);
            Assert.That(ours.shape, Is.EqualTo(new long[] { 3, 4, 2, 5 }));
            Assert.That((ours - textbook).abs().max().item<double>(), Is.LessThan(1e-12));

            var weights = randn(new long[] { 3, 4, 2, 5 }, dtype: ScalarType.Float64);
            var g = torch.autograd.grad(new[] { (ours * weights).sum() }, new[] { loc, logScale });
            var gt = torch.autograd.grad(new[] { (textbook * weights).sum() }, new[] { loc, logScale });
            for (int i = 0; i < 2; i++)
                Assert.That((g[i] - gt[i]).abs().max().item<double>(), Is.LessThan(1e-12 * (1 + gt[i].abs().max().item<double>())));
        }
    }
}
