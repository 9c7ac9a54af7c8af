using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    public class IntroSmokeTests
    {
        [Test]
        public void ElboIsFinite()
        {
            torch.manual_seed(0);
            var sizes = new IntroProblem.PlateSizes(P1: 3);
            var prior = IntroProblem.SamplePrior(sizes);
            var problem = new IntroProblem(sizes, new IntroProblem.Observations(Obs: prior.Obs));
            using var sample = problem.Sample(K: 5);
            var elbo = sample.ElboVi();
            Assert.That(double.IsFinite(elbo.item<float>()), Is.True);
        }
    }
}
