using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    public class NestedSmokeTests
    {
        [Test]
        public void ElboIsFiniteAndParticlesHaveDocumentedShapes()
        {
            torch.manual_seed(1);
            var sizes = new NestedProblem.PlateSizes(States: 4, Zips: 5);
            var inputs = new NestedProblem.Inputs(Basement: torch.randn(4), Covariates: torch.randn(4, 5, 3));
            var prior = NestedProblem.SamplePrior(sizes, inputs);
            Assert.That(prior.Obs.shape, Is.EqualTo(new long[] { 4, 5 }));
            Assert.That(prior.Phi.shape, Is.EqualTo(new long[] { 3 }));
            var problem = new NestedProblem(sizes, new NestedProblem.Observations(Obs: prior.Obs), inputs);
            using var sample = problem.Sample(K: 4);
            Assert.That(sample.Particles.StateMean.shape, Is.EqualTo(new long[] { 4, 4 }));
            Assert.That(sample.Particles.Phi.shape, Is.EqualTo(new long[] { 4, 3 }));
            var elbo = sample.ElboVi();
            elbo.backward();
            Assert.That(double.IsFinite(elbo.item<float>()), Is.True);
            foreach (var p in problem.QParameters()) Assert.That(p.grad, Is.Not.Null);
        }
    }
}
