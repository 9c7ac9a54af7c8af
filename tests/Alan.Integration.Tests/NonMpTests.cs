using System;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>The global (non-MP) importance sampling baseline, problem.SampleNonMp.</summary>
    public class NonMpTests
    {
        private static NestedProblem Nested()
        {
            torch.manual_seed(5);
            var sizes = new NestedProblem.PlateSizes(States: 2, Zips: 3);
            var inputs = new NestedProblem.Inputs(Basement: torch.randn(2, dtype: ScalarType.Float64), Covariates: torch.randn(2, 3, 3, dtype: ScalarType.Float64));
            var prior = NestedProblem.SamplePrior(sizes, inputs, ScalarType.Float64);
            return new NestedProblem(sizes, new NestedProblem.Observations(prior.Obs), inputs, ScalarType.Float64);
        }

        [Test]
        public void WithOneSampleItEqualsTheMpEstimatorWithOneParticle()
        {
            var problem = Nested();
            torch.manual_seed(99);
            using var mp = problem.Sample(K: 1);
            torch.manual_seed(99);
            using var global = problem.SampleNonMp(K: 1);
            Assert.That(global.ElboNoGrad().item<double>(), Is.EqualTo(mp.ElboNoGrad().item<double>()).Within(1e-12));
        }

        [Test]
        public void EstimateIsLogMeanExpOfJointWeights()
        {
            var problem = Nested();
            using var s = problem.SampleNonMp(K: 6);
            Assert.That(s.Particles.StateMean.shape, Is.EqualTo(new long[] { 6, 2 }));
            var w = s.Marginals();
            // One weight per joint sample, shared by every latent and plate element.
            Assert.That((w.StateMean.sum(0L) - 1.0).abs().max().item<double>(), Is.LessThan(1e-12));
            Assert.That((w.StateMean[.., 0] - w.GlobalMean).abs().max().item<double>(), Is.LessThan(1e-12));
            var m = s.Moments();
            var mean = (w.StateMean * s.Particles.StateMean).sum(0L);
            Assert.That((mean - m.StateMean.Mean).abs().max().item<double>(), Is.LessThan(1e-10));
            var draws = s.ImportanceSample(N: 7);
            Assert.That(draws.StateMean.shape, Is.EqualTo(new long[] { 7, 2 }));
            Assert.That(s.ElboVi().requires_grad, Is.True);
        }

        [Test]
        public void LargeKApproachesTheIntroEvidence()
        {
            // x ~ N(0, I + 11^T); the estimator is unbiased in P-hat, so E log P-hat <= log p(x).
            var x = new[] { 0.3, -0.2, 1.1 };
            double n = x.Length, sum = 0, sq = 0;
            foreach (var v in x) { sum += v; sq += v * v; }
            double logDet = Math.Log(1 + n);
            double quad = sq - sum * sum / (1 + n);
            double exact = -0.5 * (n * Math.Log(2 * Math.PI) + logDet + quad);
            torch.manual_seed(4);
            var problem = new IntroProblem(new IntroProblem.PlateSizes(P1: 3), new IntroProblem.Observations(torch.tensor(x, dtype: ScalarType.Float64)), ScalarType.Float64);
            using var s = problem.SampleNonMp(K: 20000);
            // Standard N(0,1) proposal, 20000 samples: the estimate is within 0.02 nats (about 10 standard errors).
            Assert.That(s.ElboNoGrad().item<double>(), Is.EqualTo(exact).Within(0.02));
        }
    }
}
