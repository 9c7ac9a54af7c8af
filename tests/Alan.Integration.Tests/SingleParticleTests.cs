using System;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static Alan.Integration.Tests.TestMath;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>With K = 1 the MP estimator is the single importance weight log p(z, x) - log q(z).</summary>
    public class SingleParticleTests
    {
        private const double Tol = 1e-10;

        internal static void SetParam(nn.Module module, string name, double value)
        {
            var p = module.named_parameters().Single(np => np.name == name).parameter;
            using (torch.no_grad()) p.fill_(value);
        }

        [Test]
        public void IntroModelWithTrainedLookingProposal()
        {
            torch.manual_seed(101);
            var x = new[] { 0.4, 1.3, -0.2, 0.8 };
            var problem = new IntroProblem(new IntroProblem.PlateSizes(P1: x.Length),
                new IntroProblem.Observations(Obs: torch.tensor(x)), dtype: ScalarType.Float64);
            SetParam(problem, "Mu.loc", 0.45);
            SetParam(problem, "Mu.logScale", -0.7);
            using var sample = problem.Sample(1);
            double mu = ToArray(sample.Particles.Mu).Single();
            double expected = NormalLogPdf(mu, 0.0, 1.0) + x.Sum(xi => NormalLogPdf(xi, mu, 1.0))
                              - NormalLogPdf(mu, 0.45, Math.Exp(-0.7));
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
        }

        [Test]
        public void PlatedLatent()
        {
            torch.manual_seed(102);
            var d = new[] { 0.3, -1.2, 2.1 };
            var problem = new BfPlateProblem(new BfPlateProblem.PlateSizes(T: d.Length),
                new BfPlateProblem.Observations(D: torch.tensor(d)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(1);
            double a = ToArray(sample.Particles.A).Single();
            var z = ToArray(sample.Particles.Z);
            Assert.That(z, Has.Length.EqualTo(d.Length));
            double expected = NormalLogPdf(a, 0.5, 1.2) - NormalLogPdf(a, 0.2, 1.5);
            for (int t = 0; t < d.Length; t++)
                expected += NormalLogPdf(z[t], a, 0.8) + NormalLogPdf(d[t], z[t], 0.6) - NormalLogPdf(z[t], 0.7 * a + 0.1, 1.1);
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
        }

        [Test]
        public void GroupedLatents()
        {
            torch.manual_seed(103);
            var d = new[] { 0.7, -0.4, 1.9 };
            var problem = new BfGroupProblem(new BfGroupProblem.PlateSizes(T: d.Length),
                new BfGroupProblem.Observations(D: torch.tensor(d)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(1);
            double a = ToArray(sample.Particles.A).Single(), b = ToArray(sample.Particles.B).Single(), c = ToArray(sample.Particles.C).Single();
            double expected = NormalLogPdf(a, 0.3, 1.0) + NormalLogPdf(b, a - 0.2, 0.9) + NormalLogPdf(c, 0.5 * a + b, 0.7)
                              + d.Sum(x => NormalLogPdf(x, c + 0.3 * a, 1.1))
                              - NormalLogPdf(a, 0.1, 1.3) - NormalLogPdf(b, 0.8 * a, 1.2) - NormalLogPdf(c, b + 0.2, 1.0);
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
        }

        [Test]
        public void TwoParents()
        {
            torch.manual_seed(104);
            var d = new[] { -0.9, -1.6 };
            var problem = new BfTwoParentsProblem(new BfTwoParentsProblem.PlateSizes(T: d.Length),
                new BfTwoParentsProblem.Observations(D: torch.tensor(d)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(1, sampler: Sampler.Categorical);
            double a = ToArray(sample.Particles.A).Single(), b = ToArray(sample.Particles.B).Single(), c = ToArray(sample.Particles.C).Single();
            double expected = NormalLogPdf(a, 0.0, 1.0) + NormalLogPdf(b, 1.0, 1.5) + NormalLogPdf(c, a - b, 0.5)
                              + d.Sum(x => NormalLogPdf(x, c, 1.0))
                              - NormalLogPdf(a, 0.2, 1.2) - NormalLogPdf(b, 0.5 * a + 0.8, 1.3) - NormalLogPdf(c, 0.3 * a - 0.4 * b, 1.4);
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
        }

        [Test]
        public void BetaBernoulli()
        {
            torch.manual_seed(105);
            var x = new[] { 1.0, 0.0, 0.0, 1.0, 0.0 };
            var problem = new BetaBernProblem(new BetaBernProblem.PlateSizes(T: x.Length),
                new BetaBernProblem.Observations(X: torch.tensor(x)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(1);
            double p = ToArray(sample.Particles.Prob).Single();
            // Beta(2, 3): B = 1/12; Beta(1.5, 2): B = 1 / (1.5 * 2.5).
            double logPrior = Math.Log(12) + Math.Log(p) + 2 * Math.Log(1 - p);
            double logQ = Math.Log(1.5 * 2.5) + 0.5 * Math.Log(p) + Math.Log(1 - p);
            double expected = logPrior + x.Sum(xi => BernoulliLogPmf(xi, p)) - logQ;
            Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
        }

        [Test]
        public void DiscreteLatent()
        {
            torch.manual_seed(106);
            var x = new[] { 0.5, 1.2, -0.3 };
            var problem = new RwsBernProblem(new RwsBernProblem.PlateSizes(T: x.Length),
                new RwsBernProblem.Observations(X: torch.tensor(x)), dtype: ScalarType.Float64);
            SetParam(problem, "Z.logits", 0.8);
            for (int rep = 0; rep < 4; rep++)
            {
                using var sample = problem.Sample(1, reparam: false);
                double z = ToArray(sample.Particles.Z).Single();
                Assert.That(z, Is.EqualTo(0.0).Or.EqualTo(1.0));
                double q1 = 1 / (1 + Math.Exp(-0.8));
                double expected = BernoulliLogPmf(z, 0.3) + x.Sum(xi => NormalLogPdf(xi, 2 * z - 1, 1.0)) - BernoulliLogPmf(z, q1);
                Assert.That(Item(sample.ElboNoGrad()), Is.EqualTo(expected).Within(Tol));
            }
        }
    }
}
