using System;
using System.Collections.Generic;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// DESIGN 3.2: every generated problem is an <see cref="IInferenceProblem"/> and every sample an
    /// <see cref="IInferenceSample"/>, so one function drives any model; through the interfaces the methods return what
    /// the typed ones do; UpdateQemParams on a problem without [QemParam]s is an error.
    /// </summary>
    public class InferenceInterfaceTests
    {
        private static IntroProblem Intro(ScalarType dtype = ScalarType.Float64)
        {
            torch.manual_seed(11);
            var sizes = new IntroProblem.PlateSizes(P1: 6);
            var prior = IntroProblem.SamplePrior(sizes, dtype);
            return new IntroProblem(sizes, new IntroProblem.Observations(Obs: prior.Obs), dtype);
        }

        private static RadonProblem Radon(ScalarType dtype = ScalarType.Float64)
        {
            torch.manual_seed(12);
            var sizes = new RadonProblem.PlateSizes(States: 3, Zips: 5);
            var inputs = new RadonProblem.Inputs(Basement: torch.rand(3, 5, dtype: dtype).round(), LogU: torch.randn(3, 5, dtype: dtype));
            var prior = RadonProblem.SamplePrior(sizes, inputs, dtype);
            return new RadonProblem(sizes, new RadonProblem.Observations(Obs: prior.Obs), inputs, dtype);
        }

        private static QemIntroProblem QemIntro() =>
            new QemIntroProblem(new QemIntroProblem.PlateSizes(P1: 3),
                new QemIntroProblem.Observations(Obs: torch.tensor(new double[] { 0.5, 1.0, 1.5 })), ScalarType.Float64);

        /// <summary>A model-independent VI loop: the ELBO of each iteration.</summary>
        private static List<double> TrainVi(IInferenceProblem problem, int iterations, int k, double lr)
        {
            var adam = torch.optim.Adam(problem.parameters(), lr: lr);
            var elbos = new List<double>();
            for (int i = 0; i < iterations; i++)
            {
                using var scope = torch.NewDisposeScope();
                adam.zero_grad();
                using var sample = problem.Sample(k);
                var elbo = sample.ElboVi();
                (-elbo).backward();
                adam.step();
                elbos.Add(elbo.item<double>());
            }
            return elbos;
        }

        [Test]
        public void OneGenericLoopTrainsTwoDifferentModels()
        {
            torch.manual_seed(0);
            foreach (IInferenceProblem problem in new IInferenceProblem[] { Intro(), Radon() })
            {
                using (problem)
                {
                    var elbos = TrainVi(problem, iterations: 60, k: 5, lr: 0.05);
                    Assert.That(elbos.All(double.IsFinite), Is.True, problem.GetType().Name);
                    double first = elbos.Take(10).Average(), last = elbos.Skip(50).Average();
                    Assert.That(last, Is.GreaterThan(first), $"{problem.GetType().Name}: {first} -> {last}");
                    Assert.That(problem.parameters().Count(), Is.EqualTo(problem.PParameters().Count() + problem.QParameters().Count()));
                }
            }
        }

        [Test]
        public void TheTypedInterfaceHandsOutTheGeneratedSampleType()
        {
            using var problem = Radon();
            IInferenceProblem<RadonProblem.ProblemSample> typed = problem;
            using var sample = typed.Sample(3, reparam: false);
            Assert.That(sample.K, Is.EqualTo(3));
            Assert.That(sample.Reparameterised, Is.False);
            Assert.That(sample.Particles.StateMean.shape, Is.EqualTo(new long[] { 3, 3 }));
            Assert.That(problem.Latents, Is.EqualTo(new[] { "GlobalMean", "GlobalLogScale", "StateMean", "StateLogScale", "BetaU", "BetaBasement" }));
        }

        [Test]
        public void InterfaceEstimatesEqualTheTypedOnes()
        {
            using var problem = Radon();
            torch.manual_seed(5);
            using var typed = problem.Sample(4);
            torch.manual_seed(5);
            using var untyped = ((IInferenceProblem)problem).Sample(4);
            Assert.That(untyped, Is.InstanceOf<RadonProblem.ProblemSample>());
            Assert.That(untyped.ElboVi().item<double>(), Is.EqualTo(typed.ElboVi().item<double>()));
            Assert.That(untyped.ElboRws().item<double>(), Is.EqualTo(typed.ElboRws().item<double>()));
            Assert.That(untyped.ElboNoGrad().item<double>(), Is.EqualTo(typed.ElboNoGrad().item<double>()));
            Assert.That(untyped.ElboNoGrad().item<double>(), Is.EqualTo(typed.ElboVi().item<double>()).Within(1e-12));
        }

        [Test]
        public void InterfacePosteriorViewsEqualTheTypedResults()
        {
            using var problem = Radon();
            torch.manual_seed(6);
            using var sample = problem.Sample(4);
            IInferenceSample untyped = sample;

            torch.manual_seed(7);
            var typedDraws = sample.ImportanceSample(20);
            torch.manual_seed(7);
            var draws = untyped.PosteriorDraws(20);
            Assert.That(draws.Keys, Is.EqualTo(problem.Latents));
            Assert.That(draws["StateMean"].allclose(typedDraws.StateMean, 0, 0), Is.True);
            Assert.That(draws["GlobalLogScale"].allclose(typedDraws.GlobalLogScale, 0, 0), Is.True);

            var ess = untyped.EffectiveSampleSizes();
            var typedEss = sample.Marginals().Ess();
            Assert.That((ess["BetaU"] - typedEss.BetaU).abs().max().item<double>(), Is.LessThan(1e-12));
            Assert.That((ess["GlobalMean"] - typedEss.GlobalMean).abs().max().item<double>(), Is.LessThan(1e-12));

            torch.manual_seed(8);
            var rows = untyped.Summary(30, new[] { "StateMean", "GlobalMean" });
            torch.manual_seed(8);
            var expected = PosteriorSummary.Of("StateMean", sample.ImportanceSample(30).StateMean, typedEss.StateMean)
                .Concat(PosteriorSummary.Of("GlobalMean", sample.ImportanceSample(30).GlobalMean, typedEss.GlobalMean)).ToList();
            Assert.That(rows.Select(r => r.Label), Is.EqualTo(new[] { "StateMean[0]", "StateMean[1]", "StateMean[2]", "GlobalMean" }));
            // The first latent's rows come from the same draws (same seed); the ESS is the same for all.
            for (int i = 0; i < 3; i++)
            {
                Assert.That(rows[i].Mean, Is.EqualTo(expected[i].Mean).Within(1e-12));
                Assert.That(rows[i].Sd, Is.EqualTo(expected[i].Sd).Within(1e-12));
                Assert.That(rows[i].Ess, Is.EqualTo(expected[i].Ess).Within(1e-9));
            }
            Assert.That(untyped.Summary(10), Has.Count.EqualTo(1 + 1 + 3 * 4), "every element of every latent");
            var ex = Assert.Throws<ArgumentException>(() => untyped.Summary(10, new[] { "Nope" }));
            Assert.That(ex!.Message, Does.Contain("'Nope' is not a latent of RadonProblem").And.Contain("StateMean"));
        }

        [Test]
        public void InterfacePredictiveCheckEqualsTheTypedOne()
        {
            using var problem = Radon();
            torch.manual_seed(9);
            using var sample = problem.Sample(4);
            IInferenceSample untyped = sample;
            // Two more zips per state than the training plates, inputs and observations to match.
            var allSizes = new RadonProblem.PlateSizes(States: 3, Zips: 7);
            torch.manual_seed(10);
            var allInputs = new RadonProblem.Inputs(Basement: torch.rand(3, 7, dtype: ScalarType.Float64).round(), LogU: torch.randn(3, 7, dtype: ScalarType.Float64));
            var allObservations = new RadonProblem.Observations(Obs: torch.randn(3, 7, dtype: ScalarType.Float64));

            torch.manual_seed(11);
            var typed = sample.ImportanceSample(25).Extend(allSizes, allInputs).PredictiveLogLikelihood(allObservations).Obs.item<double>();
            torch.manual_seed(11);
            var check = untyped.PredictiveLogLikelihood(25, allSizes, allObservations, allInputs);
            Assert.That(check.Keys, Is.EqualTo(new[] { "Obs" }));
            Assert.That(check["Obs"].item<double>(), Is.EqualTo(typed));

            // Another problem's records, or inputs given to a model without any, name what was expected.
            var wrong = Assert.Throws<ArgumentException>(() => untyped.PredictiveLogLikelihood(5, new IntroProblem.PlateSizes(P1: 2), allObservations, allInputs));
            Assert.That(wrong!.Message, Does.Contain("sizes must be a").And.Contain("RadonProblem.PlateSizes").And.Contain("IntroProblem.PlateSizes"));
            using var intro = Intro();
            using var introSample = intro.Sample(3);
            var extra = Assert.Throws<ArgumentException>(() => ((IInferenceSample)introSample).PredictiveLogLikelihood(
                5, new IntroProblem.PlateSizes(P1: 8), new IntroProblem.Observations(Obs: torch.zeros(8, dtype: ScalarType.Float64)), allInputs));
            Assert.That(extra!.Message, Does.Contain("inputs must be null: the model declares no inputs"));
        }

        [Test]
        public void InterfaceQemUpdateEqualsTheTypedOne()
        {
            using var a = QemIntro();
            using var b = QemIntro();
            torch.manual_seed(3);
            double typed;
            using (var s = a.Sample(K: 5)) typed = s.UpdateQemParams(0.5);
            torch.manual_seed(3);
            double untyped;
            using (var s = ((IInferenceProblem)b).Sample(5)) untyped = s.UpdateQemParams(0.5);
            Assert.That(untyped, Is.EqualTo(typed));
            foreach (var key in a.state_dict().Keys)
                Assert.That(a.state_dict()[key].allclose(b.state_dict()[key], 0, 0), Is.True, key);
        }

        [Test]
        public void UpdateQemParamsWithoutQemParametersThrows()
        {
            using var problem = Intro();
            using var sample = problem.Sample(3);
            var before = problem.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.clone());
            var ex = Assert.Throws<InvalidOperationException>(() => sample.UpdateQemParams(0.5));
            Assert.That(ex!.Message, Does.Contain("IntroProblem has no QEM parameters").And.Contain("[QemParam]"));
            Assert.Throws<InvalidOperationException>(() => ((IInferenceSample)sample).UpdateQemParams(0.5));
            foreach (var (key, value) in before)
                Assert.That(problem.state_dict()[key].allclose(value, 0, 0), Is.True, "nothing moved");
        }

        [Test]
        public void DisposedSamplesAndProblemsRefuseThroughTheInterfaces()
        {
            var problem = Intro();
            IInferenceSample sample = ((IInferenceProblem)problem).Sample(2);
            sample.Dispose();
            Assert.Throws<ObjectDisposedException>(() => sample.ElboNoGrad());
            using var other = problem.Sample(2);
            problem.Dispose();
            var ex = Assert.Throws<ObjectDisposedException>(() => other.ElboRws());
            Assert.That(ex!.Message, Does.Contain("The problem 'IntroProblem' was disposed"));
            Assert.Throws<ObjectDisposedException>(() => ((IInferenceProblem)problem).Sample(2));
        }
    }
}
