using System;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static Alan.Integration.Tests.TestMath;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// Gradients of ElboVi (pathwise) and ElboRws (through log-densities only) on a one-latent model
    /// mu ~ N(priorLoc, 1), x_t ~ N(mu, 1), q(mu) = N(loc, exp(logScale)), checked against hand-derived formulas:
    /// with normalised weights w_k of particle z_k and s = exp(logScale),
    ///   RWS:  d/dpriorLoc = sum w_k (z_k - priorLoc),  d/dloc = -sum w_k (z_k - loc) / s^2,
    ///         d/dlogScale = -sum w_k (((z_k - loc) / s)^2 - 1);
    ///   VI (z_k = loc + s eps_k):  d/dloc = sum w_k g_k,  d/dlogScale = sum w_k (g_k (z_k - loc) + 1),
    ///         d/dpriorLoc as in RWS, where g_k = -(z_k - priorLoc) + sum_t (x_t - z_k).
    /// </summary>
    public class GradientTests
    {
        private const double PriorLoc = 0.2, Loc = 0.3, LogScale = -0.5;
        private static readonly double[] Data = { 0.9, -0.1, 1.4, 0.6 };

        private static GradModelProblem MakeProblem()
        {
            var problem = new GradModelProblem(new GradModelProblem.PlateSizes(P1: Data.Length),
                new GradModelProblem.Observations(Obs: torch.tensor(Data)), dtype: ScalarType.Float64);
            SingleParticleTests.SetParam(problem, "Mu.priorLoc", PriorLoc);
            SingleParticleTests.SetParam(problem, "Mu.loc", Loc);
            SingleParticleTests.SetParam(problem, "Mu.logScale", LogScale);
            return problem;
        }

        private static TorchSharp.Modules.Parameter Param(nn.Module m, string name) =>
            m.named_parameters().Single(p => p.name == name).parameter;

        private static double[] NormalisedWeights(double[] z)
        {
            double s = Math.Exp(LogScale);
            var lw = z.Select(zk => NormalLogPdf(zk, PriorLoc, 1.0) + Data.Sum(x => NormalLogPdf(x, zk, 1.0)) - NormalLogPdf(zk, Loc, s)).ToArray();
            double lse = LogSumExp(lw);
            return lw.Select(l => Math.Exp(l - lse)).ToArray();
        }

        [Test]
        public void ParametersAreSplitIntoPAndQ()
        {
            var problem = MakeProblem();
            Assert.That(problem.PParameters().Count(), Is.EqualTo(1));
            Assert.That(problem.QParameters().Count(), Is.EqualTo(2));
            Assert.That(problem.parameters().Count(), Is.EqualTo(3));
            Assert.That(problem.PParameters().Single(), Is.SameAs(Param(problem, "Mu.priorLoc")));
            Assert.That(problem.state_dict().Keys, Is.EquivalentTo(new[] { "Mu.loc", "Mu.logScale", "Mu.priorLoc" }));
        }

        [Test]
        public void ElboViGivesPathwiseGradients()
        {
            torch.manual_seed(501);
            var problem = MakeProblem();
            using var sample = problem.Sample(6);
            var z = ToArray(sample.Particles.Mu);
            var w = NormalisedWeights(z);
            double s = Math.Exp(LogScale);
            var g = z.Select(zk => -(zk - PriorLoc) + Data.Sum(x => x - zk)).ToArray();

            sample.ElboVi().backward();
            foreach (var p in problem.QParameters()) Assert.That(p.grad, Is.Not.Null);
            Assert.That(Param(problem, "Mu.priorLoc").grad, Is.Not.Null);

            double dLoc = Enumerable.Range(0, z.Length).Sum(k => w[k] * g[k]);
            double dLogScale = Enumerable.Range(0, z.Length).Sum(k => w[k] * (g[k] * (z[k] - Loc) + 1));
            double dPrior = Enumerable.Range(0, z.Length).Sum(k => w[k] * (z[k] - PriorLoc));
            Assert.That(Item(Param(problem, "Mu.loc").grad!), Is.EqualTo(dLoc).Within(1e-10));
            Assert.That(Item(Param(problem, "Mu.logScale").grad!), Is.EqualTo(dLogScale).Within(1e-10));
            Assert.That(Item(Param(problem, "Mu.priorLoc").grad!), Is.EqualTo(dPrior).Within(1e-10));
            Assert.That(s, Is.GreaterThan(0));
        }

        [TestCase(false)]
        [TestCase(true)]
        public void ElboRwsGradientsFlowOnlyThroughLogDensities(bool reparam)
        {
            torch.manual_seed(502);
            var problem = MakeProblem();
            using var sample = problem.Sample(6, reparam: reparam);
            Assert.That(sample.Particles.Mu.requires_grad, Is.False);
            var z = ToArray(sample.Particles.Mu);
            var w = NormalisedWeights(z);
            double s = Math.Exp(LogScale);

            var elbo = sample.ElboRws();
            Assert.That(elbo.requires_grad, Is.True);
            elbo.backward();
            var gPrior = Param(problem, "Mu.priorLoc").grad;
            Assert.That(gPrior, Is.Not.Null, "ElboRws must give gradients for P's parameters");

            double dPrior = Enumerable.Range(0, z.Length).Sum(k => w[k] * (z[k] - PriorLoc));
            double dLoc = -Enumerable.Range(0, z.Length).Sum(k => w[k] * (z[k] - Loc) / (s * s));
            double dLogScale = -Enumerable.Range(0, z.Length).Sum(k => w[k] * (Math.Pow((z[k] - Loc) / s, 2) - 1));
            Assert.That(Item(gPrior!), Is.EqualTo(dPrior).Within(1e-10));
            // If the graph went through the samples, these would be the pathwise (VI) values instead.
            Assert.That(Item(Param(problem, "Mu.loc").grad!), Is.EqualTo(dLoc).Within(1e-10));
            Assert.That(Item(Param(problem, "Mu.logScale").grad!), Is.EqualTo(dLogScale).Within(1e-10));
        }

        [Test]
        public void ElboNoGradBuildsNoGraph()
        {
            torch.manual_seed(503);
            var problem = MakeProblem();
            using var sample = problem.Sample(6);
            var elbo = sample.ElboNoGrad();
            Assert.That(elbo.requires_grad, Is.False);
            Assert.That(Item(elbo), Is.EqualTo(Item(sample.ElboVi().detach())).Within(1e-12));
        }
            // ---------------------------------------------------------------- finite differences on a three-level model

        private static NestedProblem MakeNested()
        {
            var sizes = new NestedProblem.PlateSizes(States: 3, Zips: 4);
            var inputs = new NestedProblem.Inputs(Basement: torch.randn(3, dtype: ScalarType.Float64), Covariates: torch.randn(3, 4, 3, dtype: ScalarType.Float64));
            var prior = NestedProblem.SamplePrior(sizes, inputs, ScalarType.Float64);
            var problem = new NestedProblem(sizes, new NestedProblem.Observations(Obs: prior.Obs), inputs, ScalarType.Float64);
            // Move Q's parameters away from their initial zeros so nothing is accidentally symmetric.
            using (torch.no_grad())
                foreach (var p in problem.QParameters()) p.copy_(0.3 * torch.randn_like(p));
            return problem;
        }

        /// <summary>Central differences of f over every element of every parameter (parameters restored afterwards).</summary>
        private static void AssertGradientsMatchFiniteDifferences(NestedProblem problem, Func<double> f)
        {
            const double H = 1e-5;
            foreach (var (name, p) in problem.named_parameters())
            {
                Assert.That(p.grad, Is.Not.Null, name);
                var grad = ToArray(p.grad!);
                var flat = p.detach().view(-1);
                for (int e = 0; e < grad.Length; e++)
                {
                    double orig;
                    using (torch.no_grad()) { orig = Item(flat[e]); flat[e] = orig + H; }
                    double up = f();
                    using (torch.no_grad()) flat[e] = orig - H;
                    double down = f();
                    using (torch.no_grad()) flat[e] = orig;
                    double fd = (up - down) / (2 * H);
                    Assert.That(grad[e], Is.EqualTo(fd).Within(1e-6 + 1e-6 * Math.Abs(fd)), $"{name}[{e}]");
                }
            }
        }

        [Test]
        public void ElboRwsGradientIsTheDerivativeWithParticlesHeldFixed()
        {
            torch.manual_seed(504);
            var problem = MakeNested();
            using var sample = problem.Sample(3, reparam: false);
            sample.ElboRws().backward();
            // The particles are stored in the sample; ElboNoGrad re-evaluates the densities at the current parameters.
            AssertGradientsMatchFiniteDifferences(problem, () => Item(sample.ElboNoGrad()));
        }

        [Test]
        public void ElboViGradientIsTheDerivativeWithNoiseHeldFixed()
        {
            torch.manual_seed(505);
            var problem = MakeNested();
            torch.manual_seed(506);
            using (var sample = problem.Sample(3)) sample.ElboVi().backward();
            // Re-drawing with the same seed reuses the same standard-normal noise and parent permutations, so the
            // particles move with the parameters exactly as the reparameterised (pathwise) gradient assumes.
            AssertGradientsMatchFiniteDifferences(problem, () =>
            {
                torch.manual_seed(506);
                using var s = problem.Sample(3);
                return Item(s.ElboNoGrad());
            });
        }
    }
}
