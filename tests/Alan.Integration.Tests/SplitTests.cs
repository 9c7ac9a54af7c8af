using System;
using System.Collections.Generic;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>ComputationStrategy.Split: identical values and gradients to the unsplit evaluation (DESIGN 4.9).</summary>
    public class SplitTests
    {
        private const double Tol = 1e-9;

        private static NestedProblem Nested()
        {
            torch.manual_seed(8);
            var sizes = new NestedProblem.PlateSizes(States: 3, Zips: 5);
            var inputs = new NestedProblem.Inputs(Basement: torch.randn(3, dtype: ScalarType.Float64), Covariates: torch.randn(3, 5, 3, dtype: ScalarType.Float64));
            var prior = NestedProblem.SamplePrior(sizes, inputs, ScalarType.Float64);
            var problem = new NestedProblem(sizes, new NestedProblem.Observations(prior.Obs), inputs, ScalarType.Float64);
            using (torch.no_grad()) foreach (var p in problem.parameters()) p.copy_(torch.randn_like(p) * 0.3);
            return problem;
        }

        private static IEnumerable<ComputationStrategy> Strategies() => new[]
        {
            ComputationStrategy.Split("Zips", 2), ComputationStrategy.Split("Zips", 1),
            ComputationStrategy.Split("States", 2), ComputationStrategy.Split("States", 7),
        };

        private static double[] Grads(NestedProblem problem, Func<Tensor> objective)
        {
            foreach (var p in problem.parameters()) p.grad = null;
            objective().backward();
            return problem.parameters().SelectMany(p => p.grad!.data<double>().ToArray()).ToArray();
        }

        [TestCaseSource(nameof(Strategies))]
        public void ElbosAndGradientsEqualTheUnsplitEvaluation(ComputationStrategy split)
        {
            var problem = Nested();
            // Two samples with the same seed hold the same particles; each reparameterised sample's graph
            // can be backpropagated once.
            torch.manual_seed(1);
            using var a = problem.Sample(K: 3);
            torch.manual_seed(1);
            using var b = problem.Sample(K: 3);
            Assert.That(b.ElboNoGrad(split).item<double>(), Is.EqualTo(a.ElboNoGrad().item<double>()).Within(Tol));

            var vi = Grads(problem, () => a.ElboVi());
            var viSplit = Grads(problem, () => b.ElboVi(split));
            Assert.That(viSplit, Is.EqualTo(vi).Within(Tol), "ElboVi gradients");

            var rws = Grads(problem, () => a.ElboRws());
            var rwsSplit = Grads(problem, () => b.ElboRws(split));
            Assert.That(rwsSplit, Is.EqualTo(rws).Within(Tol), "ElboRws gradients");
        }

        [TestCaseSource(nameof(Strategies))]
        public void PosteriorToolkitEqualsTheUnsplitEvaluation(ComputationStrategy split)
        {
            var problem = Nested();
            using var sample = problem.Sample(K: 3);
            var m = sample.Marginals();
            var ms = sample.Marginals(split);
            Assert.That((m.StateMean - ms.StateMean).abs().max().item<double>(), Is.LessThan(Tol));
            Assert.That((m.GlobalMean - ms.GlobalMean).abs().max().item<double>(), Is.LessThan(Tol));
            var mo = sample.Moments();
            var mos = sample.Moments(split);
            Assert.That((mo.Phi.Mean - mos.Phi.Mean).abs().max().item<double>(), Is.LessThan(Tol));
            Assert.That((mo.StateMean.Variance - mos.StateMean.Variance).abs().max().item<double>(), Is.LessThan(Tol));

            torch.manual_seed(42);
            var d = sample.ImportanceSample(N: 50);
            torch.manual_seed(42);
            var ds = sample.ImportanceSample(N: 50, split);
            Assert.That(d.StateMean.allclose(ds.StateMean, 0, 0) && d.GlobalMean.allclose(ds.GlobalMean, 0, 0), Is.True, "same draws");
        }

        [Test]
        public void QemUpdatesEqualTheUnsplitEvaluation()
        {
            var y = torch.tensor(new double[] { 2.0, 2.5, 1.5, 2.2, 0.3 }, dtype: ScalarType.Float64);
            var sizes = new QemBothProblem.PlateSizes(G: 5);
            var a = new QemBothProblem(sizes, new QemBothProblem.Observations(y), ScalarType.Float64);
            var b = new QemBothProblem(sizes, new QemBothProblem.Observations(y), ScalarType.Float64);
            torch.manual_seed(3);
            using (var s = a.Sample(K: 4)) s.UpdateQemParams(0.5);
            torch.manual_seed(3);
            using (var s = b.Sample(K: 4)) s.UpdateQemParams(0.5, ComputationStrategy.Split("G", 2));
            foreach (var key in a.state_dict().Keys)
                Assert.That((a.state_dict()[key] - b.state_dict()[key]).abs().max().item<double>(), Is.LessThan(Tol), key);
        }

        [Test]
        public void UnknownPlateIsAClearError()
        {
            var problem = Nested();
            using var sample = problem.Sample(K: 2);
            var ex = Assert.Throws<ArgumentException>(() => sample.ElboNoGrad(ComputationStrategy.Split("Zipz", 2)));
            Assert.That(ex!.Message, Does.Contain("Zipz").And.Contain("States, Zips"));
        }
    }
}
