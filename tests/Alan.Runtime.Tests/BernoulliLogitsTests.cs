using System;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// Bernoulli(logits) at binary values takes a fused path, log sigmoid((2x - 1) logits); fractional values keep
    /// x log sigmoid(l) + (1 - x) log sigmoid(-l). Both are checked against System.Math in float64 (values and the
    /// gradient d/dl = x - sigmoid(l)), at broadcast shapes and at logits large enough to overflow a naive form.
    /// </summary>
    public class BernoulliLogitsTests
    {
        private static double LogSigmoid(double l) => Math.Min(l, 0) - Math.Log(1 + Math.Exp(-Math.Abs(l)));
        private static double Sigmoid(double l) => 1 / (1 + Math.Exp(-l));

        [TestCase(new double[] { 0, 1, 1, 0 })]
        [TestCase(new double[] { 0.25, 1, 0.5, 0 })]
        public void LogProbAndGradientMatchClosedForm(double[] xs)
        {
            double[] ls = { -2, 0.5, 30, -40, 800, -800 };
            // logits [6, 1] against values [4]: the result broadcasts to [6, 4].
            var logits = torch.tensor(ls, dtype: ScalarType.Float64).reshape(6, 1).requires_grad_(true);
            var lp = new Bernoulli(logits: logits).LogProb(torch.tensor(xs, dtype: ScalarType.Float64));
            Assert.That(lp.shape, Is.EqualTo(new long[] { 6, 4 }));
            lp.sum().backward();
            var values = lp.detach().data<double>().ToArray();
            var grad = logits.grad!.data<double>().ToArray();
            for (int i = 0; i < ls.Length; i++)
            {
                double g = 0;
                for (int j = 0; j < xs.Length; j++)
                {
                    double e = xs[j] * LogSigmoid(ls[i]) + (1 - xs[j]) * LogSigmoid(-ls[i]);
                    Assert.That(values[i * xs.Length + j], Is.EqualTo(e).Within(Math.Max(1e-12 * Math.Abs(e), 1e-15)), $"l={ls[i]}, x={xs[j]}");
                    g += xs[j] - Sigmoid(ls[i]);
                }
                Assert.That(grad[i], Is.EqualTo(g).Within(1e-12), $"d/dl at l={ls[i]}");
            }
        }
    }
}
