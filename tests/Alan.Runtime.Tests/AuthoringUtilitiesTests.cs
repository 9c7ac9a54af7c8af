using System;
using System.Linq;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// The public authoring utilities (Alan.Distributions.Authoring) as a distribution author relies on them: the random
    /// draws follow an explicit generator when given one and torch's default generator otherwise, the shape helpers
    /// compute the documented shapes, and bad arguments are refused with a message naming them.
    /// </summary>
    public class AuthoringUtilitiesTests
    {
        private static readonly long[] Shape = { 5, 3 };

        private static double[] Values(Tensor t) => t.detach().contiguous().to_type(ScalarType.Float64).data<double>().ToArray();

        /// <summary>Each random utility with an explicit generator, and with none (torch's default generator).</summary>
        private static Tensor Draw(string utility, torch.Generator? generator) => utility switch
        {
            "OpenUniform" => RandomUtil.OpenUniform(Shape, ScalarType.Float64, CPU, generator),
            "Normal" => RandomUtil.Normal(Shape, ScalarType.Float64, CPU, generator),
            "StandardGamma" => RandomUtil.StandardGamma(torch.tensor(new[] { 0.5, 2.0, 7.0 }), Shape, generator),
            _ => throw new ArgumentException(utility),
        };

        [TestCase("OpenUniform"), TestCase("Normal"), TestCase("StandardGamma")]
        public void RandomDraws_FollowAnExplicitGenerator_AndIgnoreTheDefaultSeed(string utility)
        {
            torch.manual_seed(1);
            var first = Values(Draw(utility, new torch.Generator(123)));
            torch.manual_seed(2);
            var second = Values(Draw(utility, new torch.Generator(123)));
            var other = Values(Draw(utility, new torch.Generator(124)));
            Assert.That(second, Is.EqualTo(first), "the same generator seed gives the same draws whatever the default seed");
            Assert.That(other, Is.Not.EqualTo(first), "another generator seed gives other draws");
        }

        [TestCase("OpenUniform"), TestCase("Normal"), TestCase("StandardGamma")]
        public void RandomDraws_WithoutAGenerator_FollowManualSeed(string utility)
        {
            torch.manual_seed(7);
            var first = Values(Draw(utility, null));
            torch.manual_seed(7);
            var second = Values(Draw(utility, null));
            Assert.That(second, Is.EqualTo(first));
            Assert.That(first, Has.Length.EqualTo(15));
        }

        [Test]
        public void OpenUniform_StaysInsideTheOpenInterval()
        {
            var u = RandomUtil.OpenUniform(new long[] { 100_000 }, ScalarType.Float32, CPU, new torch.Generator(3));
            var fi = torch.finfo(ScalarType.Float32);
            Assert.That(u.min().item<float>(), Is.GreaterThanOrEqualTo((float)fi.tiny));
            Assert.That(u.max().item<float>(), Is.LessThanOrEqualTo((float)(1 - fi.eps)));
            Assert.That(u.dtype, Is.EqualTo(ScalarType.Float32));
        }

        [Test]
        public void StandardGamma_HasPathwiseGradients()
        {
            var concentration = torch.tensor(new[] { 1.5, 3.0 }, requires_grad: true);
            var g = RandomUtil.StandardGamma(concentration, new long[] { 4, 2 }, new torch.Generator(5));
            g.sum().backward();
            Assert.That(Values(concentration.grad!), Is.All.GreaterThan(0.0), "a larger concentration gives larger draws");
        }

        [Test]
        public void ShapeHelpers_ComputeTheDocumentedShapes()
        {
            Assert.That(ShapeUtil.Broadcast(new long[] { 4, 1, 3 }, new long[] { 5, 1 }), Is.EqualTo(new long[] { 4, 5, 3 }));
            // batchShape [4, 1] padded to the parameters' rank 3 with a trailing one, then broadcast with [1, 6, 2].
            Assert.That(ShapeUtil.DrawShape(new long[] { 4, 1 }, new long[] { 1, 6, 2 }, new long[0]), Is.EqualTo(new long[] { 4, 6, 2 }));
            Assert.That(ShapeUtil.DropLast(new long[] { 4, 6, 2 }, 1), Is.EqualTo(new long[] { 4, 6 }));
            Assert.That(ShapeUtil.Append(new long[] { 4, 6 }, 3, 3), Is.EqualTo(new long[] { 4, 6, 3, 3 }));
            // An event-only vector gains batchRank leading ones; a tensor that already has them is returned as it is.
            Assert.That(ShapeUtil.PrefixBatch(torch.zeros(3), 2, 1).shape, Is.EqualTo(new long[] { 1, 1, 3 }));
            Assert.That(ShapeUtil.PrefixBatch(torch.zeros(4, 5, 3), 2, 1).shape, Is.EqualTo(new long[] { 4, 5, 3 }));
            Assert.That(ShapeUtil.Value(torch.tensor(new[] { 1L, 2L }), ScalarType.Float64).dtype, Is.EqualTo(ScalarType.Float64));
            Assert.That(ShapeUtil.FirstFloat(torch.tensor(new[] { 1L }), torch.zeros(1, dtype: ScalarType.Float64)), Is.EqualTo(ScalarType.Float64));
            Assert.That(ShapeUtil.FirstFloat(torch.tensor(new[] { 1L }), null), Is.EqualTo(ScalarType.Float32));
        }

        [Test]
        public void ShapeHelpers_NameTheirBadArguments()
        {
            var broadcast = Assert.Throws<ArgumentException>(() => ShapeUtil.Broadcast(new long[] { 3 }, new long[] { 4 }))!;
            Assert.That(broadcast.Message, Does.Contain("[3]").And.Contain("[4]").And.Contain("do not broadcast"));
            var drop = Assert.Throws<ArgumentOutOfRangeException>(() => ShapeUtil.DropLast(new long[] { 2 }, 2))!;
            Assert.That(drop.ParamName, Is.EqualTo("count"));
            Assert.That(drop.Message, Does.Contain("[2]"));
            var rank = Assert.Throws<ArgumentException>(() => ShapeUtil.RequireRank(torch.tensor(1.0), 1, "MyFamily", "concentration"))!;
            Assert.That(rank.ParamName, Is.EqualTo("concentration"));
            Assert.That(rank.Message, Does.Contain("MyFamily").And.Contain("at least 1 dimension").And.Contain("[]"));
        }

        [Test]
        public void MaskAndSafe_GiveMinusInfinityWithFiniteGradients()
        {
            var x = torch.tensor(new[] { -1.0, 0.5, 2.0 });
            var rate = torch.tensor(1.5, requires_grad: true);
            var inSupport = x.gt(0.0).logical_and(x.lt(1.0));
            var lp = MathUtil.Mask(rate * MathUtil.Safe(x, inSupport, 0.5).log(), inSupport);
            Assert.That(Values(lp), Is.EqualTo(new[] { double.NegativeInfinity, 1.5 * Math.Log(0.5), double.NegativeInfinity }).Within(1e-12));
            lp[1].backward();
            Assert.That(rate.grad!.item<double>(), Is.EqualTo(Math.Log(0.5)).Within(1e-12));
        }

        [Test]
        public void SoftplusAndLogSigmoid_AreExactAtLargeArguments()
        {
            var x = torch.tensor(new[] { -800.0, -30.0, 0.0, 30.0, 800.0 });
            var softplus = Values(MathUtil.Softplus(x));
            var logSigmoid = Values(MathUtil.LogSigmoid(x));
            double[] xs = { -800.0, -30.0, 0.0, 30.0, 800.0 };
            for (int i = 0; i < xs.Length; i++)
            {
                // log(1 + e^x) = max(x, 0) + log(1 + e^-|x|), and log sigmoid(x) = x - softplus(x), in doubles.
                double expected = Math.Max(xs[i], 0) + Math.Log(1 + Math.Exp(-Math.Abs(xs[i])));
                Assert.That(softplus[i], Is.EqualTo(expected).Within(1e-12 * Math.Max(1, Math.Abs(expected))), $"softplus({xs[i]})");
                Assert.That(logSigmoid[i], Is.EqualTo(xs[i] - expected).Within(1e-12 * Math.Max(1, Math.Abs(expected))), $"log sigmoid({xs[i]})");
            }
        }
    }
}
