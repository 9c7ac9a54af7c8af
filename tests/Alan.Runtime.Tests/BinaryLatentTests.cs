using Alan.CompilerServices.FastPaths;
using Alan.CompilerServices.Semiring;
using Alan.CompilerServices.TensorLayout;
using System;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// A binary latent summed per value (<see cref="BinaryLatent"/>) against the per-particle contraction it replaces.
    /// Layout of these tests: dim 0 the latent's particles (K = 5), dim 1 its parents' particles (4), dim 2 a plate (6).
    /// </summary>
    public class BinaryLatentTests
    {
        private const int Rank = 3;

        /// <summary>Particles' values: element 0 all 0, element 1 all 1 (one value has no particle there), the rest random.</summary>
        private static Tensor Values()
        {
            torch.manual_seed(7);
            var z = torch.bernoulli(torch.full(new long[] { 5, 1, 6 }, 0.5, dtype: ScalarType.Float64));
            z[.., .., 0] = torch.tensor(0.0, dtype: ScalarType.Float64);
            z[.., .., 1] = torch.tensor(1.0, dtype: ScalarType.Float64);
            return z;
        }

        /// <summary>Logits over the parents' particles, some far in the tails (|logit| = 300).</summary>
        private static Tensor Logits()
        {
            var l = (torch.randn(1, 4, 6, dtype: ScalarType.Float64) * 3).requires_grad_(false);
            l[0, 0, 2] = torch.tensor(300.0, dtype: ScalarType.Float64);
            l[0, 1, 3] = torch.tensor(-300.0, dtype: ScalarType.Float64);
            return l.requires_grad_(true);
        }

        [Test]
        public void SumProductEqualsThePerParticleContractionInValueAndGradient()
        {
            var z = Values();
            var logits = Logits();
            var rest = torch.randn(5, 4, 6, dtype: ScalarType.Float64).requires_grad_(true);

            var p = new Bernoulli(logits: logits);
            var (atZero, atOne) = BinaryLatent.LogProbs(p, Rank, ScalarType.Float64);
            var perValue = BinaryLatent.SumProduct(rest, z, atZero, atOne, 0);
            var perParticle = LogSpace.LogSumExp(rest + p.LogProb(z, Rank, ScalarType.Float64), new long[] { 0 });
            Assert.That(perValue.shape, Is.EqualTo(new long[] { 1, 4, 6 }));
            Assert.That((perValue - perParticle).abs().max().item<double>(), Is.LessThan(1e-12));

            var weights = torch.randn(1, 4, 6, dtype: ScalarType.Float64);
            var (gRest, gLogits) = Gradients(perValue, weights, rest, logits);
            var (eRest, eLogits) = Gradients(perParticle, weights, rest, logits);
            Assert.That((gRest - eRest).abs().max().item<double>(), Is.LessThan(1e-12));
            Assert.That((gLogits - eLogits).abs().max().item<double>(), Is.LessThan(1e-12));
            Assert.That(gRest.isfinite().all().item<bool>() && gLogits.isfinite().all().item<bool>(), Is.True);
        }

        [Test]
        public void ValuesFarApartKeepTheirPrecisionInFloat32()
        {
            // The particles with value 1 sit 120 nats below those with value 0 (e^-120 is 0 in float32), but P favours 1 by 200 nats: one shift
            // for both values would underflow the sum that decides the result. Each value has its own shift.
            var z = torch.tensor(new float[] { 0, 1, 0, 1 }).reshape(4, 1, 1);
            var rest = torch.tensor(new float[] { 0, -120, -1, -121 }).reshape(4, 1, 1);
            var p = new Bernoulli(logits: torch.tensor(200f).reshape(1, 1, 1));
            var (atZero, atOne) = BinaryLatent.LogProbs(p, Rank, ScalarType.Float32);
            var r = BinaryLatent.SumProduct(rest, z, atZero, atOne, 0).item<float>();
            // log(e^-120 + e^-121) + log sigmoid(200) (the value-0 terms are e^-80 smaller).
            double expected = -120 + Math.Log(1 + Math.Exp(-1));
            Assert.That(r, Is.EqualTo(expected).Within(1e-4));
        }

        [Test]
        public void MixtureLogProbEqualsTheMixtureOfPerParticleDensities()
        {
            var z = Values();
            var logits = Logits();
            var q = new Bernoulli(logits: logits);
            var parents = new long[] { 1 };
            var perValue = BinaryLatent.MixtureLogProb(q, z, parents, Rank, ScalarType.Float64);
            var perParticle = LogSpace.LogMeanExp(q.LogProb(z, Rank, ScalarType.Float64), parents);
            Assert.That(perValue.shape, Is.EqualTo(new long[] { 5, 1, 6 }));
            Assert.That((perValue - perParticle).abs().max().item<double>(), Is.LessThan(1e-12));

            var weights = torch.randn(5, 1, 6, dtype: ScalarType.Float64);
            var g = torch.autograd.grad(new[] { (perValue * weights).sum() }, new[] { logits })[0];
            var e = torch.autograd.grad(new[] { (perParticle * weights).sum() }, new[] { logits })[0];
            Assert.That((g - e).abs().max().item<double>(), Is.LessThan(1e-12));
        }

        [Test]
        public void RecordingRingKeepsThePerParticleJointAndReturnsTheSameSum()
        {
            var z = Values();
            var p = new Bernoulli(logits: Logits().detach());
            var a = torch.randn(5, 1, 6, dtype: ScalarType.Float64);
            var b = torch.randn(5, 4, 6, dtype: ScalarType.Float64);
            var dims = new long[] { 0 };
            using var recording = new RecordingContraction();
            var recorded = recording.SumBinary("sum_Z", p, z, a, b, dims, Rank, null);
            var plain = Contraction.Plain.SumBinary("sum_Z", p, z, a, b, dims, Rank, null);
            var joint = a + b + p.LogProb(z, Rank, ScalarType.Float64);
            Assert.That((recorded - plain).abs().max().item<double>(), Is.LessThan(1e-12));
            Assert.That((recording.Joint("sum_Z") - joint).abs().max().item<double>(), Is.EqualTo(0.0));
        }

        private static (Tensor, Tensor) Gradients(Tensor result, Tensor weights, Tensor rest, Tensor logits)
        {
            var g = torch.autograd.grad(new[] { (result * weights).sum() }, new[] { rest, logits });
            return (g[0], g[1]);
        }
    }
}

namespace Alan.Runtime.Tests
{
    /// <summary>Binary data summed over its plate by counts (<see cref="Alan.CompilerServices.FastPaths.BinaryData"/>) against the elementwise sum.</summary>
    public class BinaryDataTests
    {
        [Test]
        public void CountsGiveTheElementwiseSumInValueAndGradient()
        {
            // Layout: dim 0 particles (4), dim 1 an enclosing plate (6), dim 2 the plate summed (5 visits). Element 0
            // has no 1s, element 1 no 0s; logits of +-300 put the other value at probability 0 in float64 (-inf would
            // never be multiplied by a zero count).
            torch.manual_seed(3);
            var values = torch.bernoulli(torch.full(new long[] { 1, 6, 5 }, 0.5, dtype: ScalarType.Float64));
            values[0, 0] = torch.zeros(5, dtype: ScalarType.Float64);
            values[0, 1] = torch.ones(5, dtype: ScalarType.Float64);
            var logits = (torch.randn(4, 6, 1, dtype: ScalarType.Float64) * 2).requires_grad_(false);
            logits[.., 0, 0] = torch.tensor(-300.0, dtype: ScalarType.Float64);
            logits[.., 1, 0] = torch.tensor(300.0, dtype: ScalarType.Float64);
            logits.requires_grad_(true);
            var p = new Bernoulli(logits: logits);
            var counted = Alan.CompilerServices.FastPaths.BinaryData.PlateLogProb(p, values, 2, 3, ScalarType.Float64);
            var elementwise = p.LogProb(values, 3, ScalarType.Float64).sum(2, keepdim: true);
            Assert.That(counted.shape, Is.EqualTo(new long[] { 4, 6, 1 }));
            Assert.That((counted - elementwise).abs().max().item<double>(), Is.LessThan(1e-10));
            var g = torch.autograd.grad(new[] { counted.sum() }, new[] { logits })[0];
            var e = torch.autograd.grad(new[] { elementwise.sum() }, new[] { logits })[0];
            Assert.That((g - e).abs().max().item<double>(), Is.LessThan(1e-10));
            Assert.That(g.isfinite().all().item<bool>(), Is.True);
        }

        [Test]
        public void AZeroProbabilityValueThatNeverOccursContributesNothing()
        {
            // probs = 0: log p(1) = -inf, but no element is 1, so the sum is 5 log 1 = 0 (not 0 x -inf = NaN).
            var p = new Bernoulli(probs: torch.zeros(1, 1, dtype: ScalarType.Float64));
            var values = torch.zeros(1, 5, dtype: ScalarType.Float64);
            var counted = Alan.CompilerServices.FastPaths.BinaryData.PlateLogProb(p, values, 1, 2, ScalarType.Float64);
            Assert.That(counted.item<double>(), Is.EqualTo(0.0));
        }
    }
}
