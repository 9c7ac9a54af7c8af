using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>XProblem is a torch.nn.Module: to(dtype) keeps the generated fields in step.</summary>
    public class ModuleMoveTests
    {
        [Test]
        public void ToDtypeMovesParametersDataAndSamples()
        {
            torch.manual_seed(1);
            var sizes = new IntroProblem.PlateSizes(P1: 3);
            var problem = new IntroProblem(sizes, new IntroProblem.Observations(torch.tensor(new float[] { 0.1f, 0.2f, 0.3f })));
            problem.to(ScalarType.Float64);
            Assert.That(problem.DType, Is.EqualTo(ScalarType.Float64));
            var q = problem.QParameters().ToList();
            var all = problem.parameters().ToList();
            Assert.That(q.All(p => all.Any(a => ReferenceEquals(a, p))), Is.True, "QParameters are the module's parameters");
            Assert.That(q.All(p => p.dtype == ScalarType.Float64), Is.True);
            using var s = problem.Sample(K: 4);
            var elbo = s.ElboVi();
            Assert.That(elbo.dtype, Is.EqualTo(ScalarType.Float64));
            elbo.backward();
            Assert.That(q.All(p => p.grad is not null), Is.True);
        }

        [Test]
        public void StateDictRoundTrips()
        {
            var sizes = new IntroProblem.PlateSizes(P1: 3);
            var obs = new IntroProblem.Observations(torch.zeros(3));
            var a = new IntroProblem(sizes, obs);
            using (torch.no_grad()) foreach (var p in a.QParameters()) p.add_(1.5);
            var b = new IntroProblem(sizes, obs);
            b.load_state_dict(a.state_dict());
            Assert.That(b.QParameters().First().item<float>(), Is.EqualTo(1.5f));
            Assert.That(a.state_dict().Keys, Is.EquivalentTo(new[] { "Mu.loc", "Mu.logScale" }));
        }
    }
}
