using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>Models at the edges of the language: no latents, nothing at all, keywords as names, record plates.</summary>
    public class EdgeModelTests
    {
        [Test]
        public void DataOnlyModel_EstimateIsTheLogLikelihood()
        {
            torch.manual_seed(1);
            var obs = torch.tensor(new double[] { 0.3, -1.2, 2.5, 0.0 }, dtype: ScalarType.Float64);
            var problem = new DataOnlyProblem(new DataOnlyProblem.PlateSizes(Items: 4), new DataOnlyProblem.Observations(Obs: obs), ScalarType.Float64);
            double expected = obs.data<double>().Sum(x => -0.5 * System.Math.Log(2 * System.Math.PI * 4.0) - (x - 0.5) * (x - 0.5) / 8.0);
            using var sample = problem.Sample(K: 3);
            Assert.That(sample.ElboNoGrad().item<double>(), Is.EqualTo(expected).Within(1e-10));
            Assert.That(sample.ElboRws().item<double>(), Is.EqualTo(expected).Within(1e-10));
            Assert.That(sample.ElboVi().item<double>(), Is.EqualTo(expected).Within(1e-10));
            Assert.That(problem.parameters().Count(), Is.EqualTo(1));
            var prior = DataOnlyProblem.SamplePrior(new DataOnlyProblem.PlateSizes(Items: 5));
            Assert.That(prior.Obs.shape, Is.EqualTo(new long[] { 5 }));

            // The posterior toolkit has nothing to report, but works.
            Assert.That(sample.Marginals(), Is.Not.Null);
            Assert.That(sample.Moments(), Is.Not.Null);
            var draws = sample.ImportanceSample(N: 2);
            var more = torch.cat(new[] { obs, torch.tensor(new double[] { 1.0 }, dtype: ScalarType.Float64) });
            var extended = draws.Extend(new DataOnlyProblem.PlateSizes(Items: 5));
            double predictive = -0.5 * System.Math.Log(2 * System.Math.PI * 4.0) - (1.0 - 0.5) * (1.0 - 0.5) / 8.0;
            Assert.That(extended.PredictiveLogLikelihood(new DataOnlyProblem.Observations(Obs: more)).Obs.item<double>(), Is.EqualTo(predictive).Within(1e-10));
            // Nor does QEM: the problem has no [QemParam]s.
            Assert.Throws<System.InvalidOperationException>(() => sample.UpdateQemParams(0.5));
        }

        [Test]
        public void EmptyModel_EstimateIsZero()
        {
            var problem = new EmptyProblem(new EmptyProblem.PlateSizes(), new EmptyProblem.Observations(), ScalarType.Float64);
            using var sample = problem.Sample(K: 2);
            Assert.That(sample.ElboNoGrad().item<double>(), Is.EqualTo(0.0));
            Assert.That(sample.ImportanceSample(N: 2), Is.Not.Null);
        }

        [Test]
        public void KeywordNamesAndRecordPlates_Run_WithUnescapedNamesInStrings()
        {
            torch.manual_seed(2);
            var sizes = new @event.PlateSizes(@for: 3);
            var prior = @event.SamplePrior(sizes, ScalarType.Float64);
            var problem = new @event(sizes, new @event.Observations(@double: prior.@double), ScalarType.Float64);
            Assert.That(problem.state_dict().Keys, Is.EquivalentTo(new[] { "int.in" }));
            using var sample = problem.Sample(K: 4);
            Assert.That(sample.Particles.@int.shape, Is.EqualTo(new long[] { 4 }));
            Assert.That(double.IsFinite(sample.ElboVi().item<double>()), Is.True);
            var moments = sample.Moments();
            Assert.That(moments.@int.Mean.dim(), Is.EqualTo(0));
            var ex = Assert.Throws<System.ArgumentException>(() =>
                new @event(sizes, new @event.Observations(@double: torch.zeros(2)), ScalarType.Float64));
            Assert.That(ex!.Message, Does.Contain("'double'").And.Contain("for"));
        }

        /// <summary>
        /// Parameters of (Mu_a, b) and (Mu, a_b) were both keyed "Q_Mu_a_b", so one was silently dropped and both
        /// arguments read the same tensor; each now has its own parameter, under its own state-dict name.
        /// </summary>
        [Test]
        public void NamesJoiningToTheSameSpelling_GetTheirOwnParametersAndLocals()
        {
            torch.manual_seed(3);
            var problem = new ClashProblem(new ClashProblem.PlateSizes(), new ClashProblem.Observations(Y: torch.tensor(1.5, dtype: ScalarType.Float64)), ScalarType.Float64);
            var state = problem.state_dict();
            Assert.That(state.Keys, Is.EquivalentTo(new[] { "Mu_a.b", "Mu.a_b" }));
            Assert.That(state["Mu_a.b"].item<double>(), Is.EqualTo(0.25));
            Assert.That(state["Mu.a_b"].item<double>(), Is.EqualTo(-0.75));
            Assert.That(problem.QParameters().Count(), Is.EqualTo(2));

            // Each parameter is the proposal mean of its own latent only.
            using var sample = problem.Sample(K: 4000);
            var particles = sample.Particles;
            Assert.That(particles.Mu_a.mean().item<double>(), Is.EqualTo(0.25).Within(0.1));
            Assert.That(particles.Mu.mean().item<double>(), Is.EqualTo(-0.75).Within(0.1));
            // A_b and A re-index different parents: C (near 5) and b_C (near -5).
            Assert.That(particles.A_b.mean().item<double>(), Is.EqualTo(5.0).Within(0.1));
            Assert.That(particles.A.mean().item<double>(), Is.EqualTo(-5.0).Within(0.1));
            // Y depends on four groups: the estimate spans K^4 particles, so take few.
            using var small = problem.Sample(K: 3);
            var elbo = small.ElboVi();
            Assert.That(double.IsFinite(elbo.item<double>()), Is.True);
            elbo.backward();
            foreach (var p in problem.QParameters())
                Assert.That(p.grad is not null && p.grad.abs().item<double>() > 0, Is.True);
        }
    }
}
