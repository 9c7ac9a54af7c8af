using System;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// ComputationStrategy.Subsample: B random elements of the plate, scaled by N / B. With K = 1, log P-hat is the root
    /// factor plus the plate's sum over its elements, so the subsampled estimate and its gradient are unbiased for the
    /// full ones; tested on one fixed sample over many batches.
    /// </summary>
    public class SubsampleTests
    {
        private const int N = 200, B = 20, Batches = 400;

        private static UnitsProblem Units()
        {
            var obs = torch.tensor(Enumerable.Range(0, N).Select(i => 1.5 * Math.Sin(0.7 * i) + 0.4).ToArray(), dtype: ScalarType.Float64);
            var problem = new UnitsProblem(new UnitsProblem.PlateSizes(Unit: N), new UnitsProblem.Observations(Obs: obs), ScalarType.Float64);
            using (no_grad()) foreach (var p in problem.parameters()) p.copy_(torch.linspace(-0.3, 0.3, p.numel(), dtype: ScalarType.Float64).view(p.shape));
            return problem;
        }

        [Test]
        public void TheAverageOverBatchesOfTheScaledEstimateAndGradientIsTheFullOne()
        {
            var problem = Units();
            var mu = problem.parameters().Where(p => p.numel() == 1).ToList();
            UnitsProblem.ProblemSample Sample() => problem.Sample(K: 1, generator: new Generator(0, CPU).manual_seed(3));

            double full;
            double[] fullGrad;
            using (var s = Sample())
            {
                var elbo = s.ElboVi();
                foreach (var p in problem.parameters()) p.grad = null;
                elbo.backward();
                full = elbo.item<double>();
                fullGrad = mu.Select(p => p.grad!.item<double>()).ToArray();
            }

            var batches = new Generator(0, CPU).manual_seed(4);
            var values = new double[Batches];
            var grads = new double[Batches, mu.Count];
            for (int b = 0; b < Batches; b++)
            {
                using var scope = NewDisposeScope();
                using var s = Sample();
                var elbo = s.ElboVi(ComputationStrategy.Subsample("Unit", B, batches));
                foreach (var p in problem.parameters()) p.grad = null;
                elbo.backward();
                values[b] = elbo.item<double>();
                for (int j = 0; j < mu.Count; j++) grads[b, j] = mu[j].grad!.item<double>();
            }
            // Batches are independent draws: the mean's standard error is the batches' sd / sqrt(Batches); band 6 standard errors.
            static (double Mean, double StandardError) Stats(double[] x)
            {
                double m = x.Average();
                return (m, Math.Sqrt(x.Sum(v => (v - m) * (v - m)) / (x.Length - 1) / x.Length));
            }
            var (mean, se) = Stats(values);
            Assert.That(se, Is.GreaterThan(0), "the batches differ");
            Assert.That(mean, Is.EqualTo(full).Within(6 * se), "log P-hat");
            for (int j = 0; j < mu.Count; j++)
            {
                var (g, gse) = Stats(Enumerable.Range(0, Batches).Select(b => grads[b, j]).ToArray());
                Assert.That(g, Is.EqualTo(fullGrad[j]).Within(6 * gse), $"gradient of Mu's parameter {j}");
            }
        }

        [Test]
        public void OnlyTheBatchsLocalParametersGetAGradient()
        {
            var problem = Units();
            using var s = problem.Sample(K: 3, generator: new Generator(0, CPU).manual_seed(3));
            var elbo = s.ElboVi(ComputationStrategy.Subsample("Unit", B, new Generator(0, CPU).manual_seed(9)));
            foreach (var p in problem.parameters()) p.grad = null;
            elbo.backward();
            foreach (var local in problem.parameters().Where(p => p.numel() == N))
            {
                var touched = local.grad!.ne(0).sum().item<long>();
                Assert.That(touched, Is.EqualTo(B), "exactly the batch's elements");
            }
        }

        [Test]
        public void ABatchOfTheWholePlateIsThePlate()
        {
            var problem = Units();
            using var s = problem.Sample(K: 3, generator: new Generator(0, CPU).manual_seed(3));
            Assert.That(s.ElboNoGrad(ComputationStrategy.Subsample("Unit", N)).item<double>(),
                Is.EqualTo(s.ElboNoGrad().item<double>()).Within(1e-12));
        }

        [Test]
        public void ThePosteriorToolkitRefusesASubsample()
        {
            var problem = Units();
            using var s = problem.Sample(K: 3, reparam: false);
            var strategy = ComputationStrategy.Subsample("Unit", B);
            Assert.That(() => s.Marginals(strategy), Throws.InvalidOperationException.With.Message.Contains("need every element of plate 'Unit'"));
            Assert.That(() => s.ImportanceSample(5, strategy), Throws.InvalidOperationException.With.Message.Contains("need every element of plate 'Unit'"));
            Assert.That(() => ComputationStrategy.Subsample("Unit", 0), Throws.TypeOf<ArgumentOutOfRangeException>());
            Assert.That(() => s.ElboNoGrad(ComputationStrategy.Subsample("Units", 5)), Throws.ArgumentException.With.Message.Contains("plates are: Unit"));
        }

        [Test]
        public void QemRefusesASubsampleWithTheReason()
        {
            var obs = torch.linspace(-1, 1, 40, dtype: ScalarType.Float64);
            var problem = new QemIntroProblem(new QemIntroProblem.PlateSizes(P1: 40), new QemIntroProblem.Observations(Obs: obs), ScalarType.Float64);
            var strategy = ComputationStrategy.Subsample("P1", 10);
            using var s = problem.Sample(K: 5, reparam: false, generator: new Generator(0, CPU).manual_seed(1));
            var before = problem.buffers().SelectMany(b => b.data<double>().ToArray()).ToArray();
            const string reason = "QEM does not take a ComputationStrategy.Subsample: its update needs the posterior expectations E_post[T]";
            Assert.That(() => s.UpdateQemParams(0.5, strategy), Throws.InvalidOperationException.With.Message.Contains(reason));
            Assert.That(() => problem.Fit(new FitOptions { Method = FitMethod.Qem, Strategy = strategy }),
                Throws.ArgumentException.With.Message.Contains("QemIntroProblem.Fit: " + reason));
            Assert.That(problem.buffers().SelectMany(b => b.data<double>().ToArray()), Is.EqualTo(before), "the refusal comes before any update");
        }

        [Test]
        public void FitOnMinibatchesOfAHundredThousandElementsFindsTheExactPosterior()
        {
            // Intro: Mu ~ N(0, 1), Obs_i ~ N(Mu, 1): the posterior is N(sum x / (n + 1), 1 / (n + 1)), sd 0.0032 at n = 100,000.
            const int n = 100_000;
            var obs = torch.randn(n, dtype: ScalarType.Float64, generator: new Generator(0, CPU).manual_seed(21)).add_(0.8);
            var problem = new IntroProblem(new IntroProblem.PlateSizes(P1: n), new IntroProblem.Observations(Obs: obs), ScalarType.Float64);
            double exactMean = obs.sum().item<double>() / (n + 1), exactSd = 1 / Math.Sqrt(n + 1);
            var fit = problem.Fit(new FitOptions
            {
                Seed = 2,
                Method = FitMethod.Vi,
                MaxIterations = 3000,
                LearningRate = 0.005,
                Draws = 1000,
                Strategy = ComputationStrategy.Subsample("P1", 1000, new Generator(0, CPU).manual_seed(5)),
            });
            var loc = problem.QParameters().First().item<double>();
            // Q trained on minibatches: its mean within 3 posterior sds of the exact mean; the pooled draws (weighted by the
            // full data) within 3 standard errors of their mean over 1000 draws plus the same 3 sds.
            TestContext.Out.WriteLine($"{fit.Iterations} iterations, converged {fit.Converged}, Q's mean {loc}, exact {exactMean}");
            Assert.That(fit.Iterations, Is.EqualTo(3000), "a subsampled fit runs its schedule");
            Assert.That(loc, Is.EqualTo(exactMean).Within(3 * exactSd), "Q's mean");
            double drawsMean = fit.Draws.Mu.mean().item<double>();
            Assert.That(drawsMean, Is.EqualTo(exactMean).Within(3 * exactSd + 3 * exactSd / Math.Sqrt(1000)), "posterior draws' mean");
        }
    }
}
