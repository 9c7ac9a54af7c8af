using System;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>Extend and PredictiveLogLikelihood (DESIGN 4.7).</summary>
    public class PredictiveTests
    {
        [Test]
        public void PredictiveLogLikelihoodMatchesTheAnalyticAnswer()
        {
            // mu ~ N(0,1), obs ~ N(mu,1), data (0,1,2): posterior N(3/4, 1/4); the new position 3 has
            // predictive density N(3; 3/4, 1 + 1/4).
            torch.manual_seed(21);
            var train = torch.tensor(new double[] { 0, 1, 2 }, dtype: ScalarType.Float64);
            var all = torch.tensor(new double[] { 0, 1, 2, 3 }, dtype: ScalarType.Float64);
            var problem = new IntroProblem(new IntroProblem.PlateSizes(P1: 3), new IntroProblem.Observations(train), ScalarType.Float64);
            using var sample = problem.Sample(K: 20000);
            var draws = sample.ImportanceSample(N: 20000);
            var extended = draws.Extend(new IntroProblem.PlateSizes(P1: 4));
            Assert.That(extended.Mu.shape, Is.EqualTo(new long[] { 20000 }));
            var predictive = extended.PredictiveLogLikelihood(new IntroProblem.Observations(all)).Obs.item<double>();
            double variance = 1.25, mean = 0.75;
            double exact = -0.5 * Math.Log(2 * Math.PI * variance) - (3 - mean) * (3 - mean) / (2 * variance);
            // Monte Carlo error of a log-mean of 20000 terms (after self-normalised IS with 20000 particles): < 0.03.
            Assert.That(predictive, Is.EqualTo(exact).Within(0.03));
        }

        [Test]
        public void ExtendKeepsTrainingPositionsAndDrawsNewOnes()
        {
            torch.manual_seed(2);
            var sizes = new NestedProblem.PlateSizes(States: 2, Zips: 3);
            var inputs = new NestedProblem.Inputs(Basement: torch.randn(2, dtype: ScalarType.Float64), Covariates: torch.randn(2, 3, 3, dtype: ScalarType.Float64));
            var prior = NestedProblem.SamplePrior(sizes, inputs, ScalarType.Float64);
            var problem = new NestedProblem(sizes, new NestedProblem.Observations(prior.Obs), inputs, ScalarType.Float64);
            using var sample = problem.Sample(K: 3);
            var draws = sample.ImportanceSample(N: 4);
            var bigger = new NestedProblem.PlateSizes(States: 3, Zips: 5);
            var newInputs = new NestedProblem.Inputs(Basement: torch.randn(3, dtype: ScalarType.Float64), Covariates: torch.randn(3, 5, 3, dtype: ScalarType.Float64));
            var extended = draws.Extend(bigger, newInputs);
            Assert.That(extended.StateMean.shape, Is.EqualTo(new long[] { 4, 3 }));
            Assert.That(extended.StateMean.narrow(1, 0, 2).allclose(draws.StateMean, 0, 0), Is.True, "training positions keep their draws");
            Assert.That(extended.GlobalMean.allclose(draws.GlobalMean, 0, 0), Is.True);
            var obs = torch.randn(3, 5, dtype: ScalarType.Float64);
            var p = extended.PredictiveLogLikelihood(new NestedProblem.Observations(obs));
            Assert.That(double.IsFinite(p.Obs.item<double>()), Is.True);
            var ex = Assert.Throws<ArgumentException>(() => draws.Extend(new NestedProblem.PlateSizes(States: 1, Zips: 5), newInputs));
            Assert.That(ex!.Message, Does.Contain("States"));
        }
    }
}
