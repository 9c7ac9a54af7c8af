using System;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>Marginals and moments by the source-term trick (DESIGN 4.6).</summary>
    public class SourceTermTests
    {
        private static NestedProblem Nested(out NestedProblem.PlateSizes sizes)
        {
            torch.manual_seed(7);
            sizes = new NestedProblem.PlateSizes(States: 3, Zips: 4);
            var inputs = new NestedProblem.Inputs(Basement: torch.randn(3, dtype: ScalarType.Float64), Covariates: torch.randn(3, 4, 3, dtype: ScalarType.Float64));
            var prior = NestedProblem.SamplePrior(sizes, inputs, ScalarType.Float64);
            return new NestedProblem(sizes, new NestedProblem.Observations(prior.Obs), inputs, ScalarType.Float64);
        }

        [Test]
        public void MarginalWeightsSumToOnePerPlateElement()
        {
            var problem = Nested(out _);
            using var sample = problem.Sample(K: 3);
            var m = sample.Marginals();
            Assert.That(m.StateMean.shape, Is.EqualTo(new long[] { 3, 3 }));
            Assert.That((m.StateMean.sum(0L) - 1.0).abs().max().item<double>(), Is.LessThan(1e-12));
            Assert.That((m.GlobalMean.sum(0L) - 1.0).abs().item<double>(), Is.LessThan(1e-12));
            Assert.That(m.GlobalMean.allclose(m.GlobalLogScale), Is.True, "grouped latents share weights");
            var ess = m.Ess();
            Assert.That(ess.StateMean.shape, Is.EqualTo(new long[] { 3 }));
            Assert.That(ess.StateMean.min().item<double>(), Is.GreaterThanOrEqualTo(1.0 - 1e-12));
            Assert.That(ess.StateMean.max().item<double>(), Is.LessThanOrEqualTo(3.0 + 1e-12));
        }

        [Test]
        public void MarginalWeightsTimesParticlesEqualMoments()
        {
            var problem = Nested(out _);
            using var sample = problem.Sample(K: 4);
            var w = sample.Marginals();
            var mo = sample.Moments();
            var x = sample.Particles;
            // Root vector latent Phi: weights [K], particles [K, 3].
            var phiMean = (w.Phi.unsqueeze(-1) * x.Phi).sum(0L);
            Assert.That((phiMean - mo.Phi.Mean).abs().max().item<double>(), Is.LessThan(1e-8));
            var phiMean2 = (w.Phi.unsqueeze(-1) * x.Phi * x.Phi).sum(0L);
            Assert.That((phiMean2 - mo.Phi.Mean2).abs().max().item<double>(), Is.LessThan(1e-8));
            // Plated latent StateMean: weights [K, States], particles [K, States].
            var smMean = (w.StateMean * x.StateMean).sum(0L);
            Assert.That(mo.StateMean.Mean.shape, Is.EqualTo(new long[] { 3 }));
            Assert.That((smMean - mo.StateMean.Mean).abs().max().item<double>(), Is.LessThan(1e-8));
            Assert.That((mo.StateMean.Variance - (mo.StateMean.Mean2 - mo.StateMean.Mean.pow(2))).abs().max().item<double>(), Is.LessThan(1e-12));
        }

        [Test]
        public void IntroMomentsApproachExactPosterior()
        {
            // Conjugate: mu ~ N(0,1), x_i ~ N(mu,1): posterior N(sum x/(n+1), 1/(n+1)).
            torch.manual_seed(3);
            var sizes = new IntroProblem.PlateSizes(P1: 5);
            var obs = torch.tensor(new double[] { 0.3, -0.2, 1.1, 0.8, 0.4 }, dtype: ScalarType.Float64);
            var problem = new IntroProblem(sizes, new IntroProblem.Observations(obs), ScalarType.Float64);
            double exactMean = 2.4 / 6, exactVar = 1.0 / 6;
            using var sample = problem.Sample(K: 20000);
            var m = sample.Moments();
            // Self-normalised IS with 20000 particles from N(0,1): errors ~ 1e-2; band 0.03.
            Assert.That(m.Mu.Mean.item<double>(), Is.EqualTo(exactMean).Within(0.03));
            Assert.That(m.Mu.Variance.item<double>(), Is.EqualTo(exactVar).Within(0.03));
        }
    }
}
