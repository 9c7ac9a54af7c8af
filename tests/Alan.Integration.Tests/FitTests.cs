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
    /// problem.Fit() with its defaults on models whose posterior is exact, in float64 with fixed seeds. Bands for a
    /// reliable fit: |mean - exact| &lt;= 0.1 exact sd, sd within 10%, Pareto k-hat at most 0.7.
    /// </summary>
    public class FitTests
    {
        private static readonly double[] Data = { 0.8, 1.9, -0.3, 1.2, 2.4, 0.1, 1.5, 0.9, 1.7, 0.6 };

        private static IntroProblem Intro() =>
            new(new IntroProblem.PlateSizes(P1: Data.Length), new IntroProblem.Observations(Obs: tensor(Data, ScalarType.Float64)), ScalarType.Float64);

        /// <summary>Mu ~ N(0, 1), y_i ~ N(Mu, 1): Mu | y ~ N(sum y / (n + 1), 1 / (n + 1)); y ~ N(0, I + 11^T).</summary>
        private static (double Mean, double Sd, double LogEvidence) IntroExact()
        {
            int n = Data.Length;
            double sum = Data.Sum(), squares = Data.Sum(y => y * y);
            double logEvidence = -0.5 * n * Math.Log(2 * Math.PI) - 0.5 * Math.Log(n + 1) - 0.5 * (squares - sum * sum / (n + 1));
            return (sum / (n + 1), Math.Sqrt(1.0 / (n + 1)), logEvidence);
        }

        [Test]
        public void Vi_DefaultsGiveTheExactPosterior()
        {
            using var problem = Intro();
            var progress = new List<FitProgress>();
            var fit = problem.Fit(new FitOptions { Seed = 1, Progress = new Collector(progress) });
            var (mean, sd, logEvidence) = IntroExact();
            var row = fit.Summary().Single();
            TestContext.Out.WriteLine(fit);
            Assert.Multiple(() =>
            {
                Assert.That(fit.Method, Is.EqualTo(FitMethod.Vi));
                Assert.That(fit.Converged, Is.True, fit.ToString());
                Assert.That(fit.ParetoK, Is.LessThanOrEqualTo(0.7));
                Assert.That(fit.IsReliable, Is.True);
                Assert.That(row.Label, Is.EqualTo("Mu"));
                Assert.That(row.Mean, Is.EqualTo(mean).Within(0.1 * sd));
                Assert.That(row.Sd, Is.EqualTo(sd).Within(0.1 * sd));
                // the pooled estimate of log p(y) averages 100 samples of a near-exact Q: within 0.02
                Assert.That(fit.LogEvidence, Is.EqualTo(logEvidence).Within(0.02));
                Assert.That(fit.Draws.Mu.shape, Is.EqualTo(new long[] { 4000 }));
                Assert.That(fit.Draws.Mu.dtype, Is.EqualTo(ScalarType.Float64));
                Assert.That(fit.ElboTrace, Has.Count.EqualTo(fit.Iterations));
                Assert.That(row.Ess, Is.GreaterThan(100), "pooled particles of 100 samples");
                Assert.That(progress.Last().Phase, Is.EqualTo(FitPhase.Done));
                Assert.That(progress.Last().Message, Does.StartWith("reliable"));
                Assert.That(progress.Any(p => p.Phase == FitPhase.Training), Is.True);
            });
        }

        [Test]
        public void TheSameSeedGivesTheSameFit_AndLeavesTheDefaultGeneratorAsItWas()
        {
            torch.random.manual_seed(42);
            using var expected = torch.rand(3, dtype: ScalarType.Float64);
            torch.random.manual_seed(42);
            double first, second;
            using (var problem = Intro()) first = problem.Fit(new FitOptions { Seed = 7, MaxIterations = 300 }).Summary().Single().Mean;
            using var after = torch.rand(3, dtype: ScalarType.Float64);
            using (var problem = Intro()) second = problem.Fit(new FitOptions { Seed = 7, MaxIterations = 300 }).Summary().Single().Mean;
            Assert.That(second, Is.EqualTo(first));
            Assert.That(after.data<double>().ToArray(), Is.EqualTo(expected.data<double>().ToArray()));
        }

        /// <summary>Five iterations leave Q at its initial N(0, 1): the fit must not present itself as reliable.</summary>
        [Test]
        public void ATruncatedFit_SaysItIsUnreliable()
        {
            using var problem = Intro();
            var fit = problem.Fit(new FitOptions { Seed = 3, MaxIterations = 5 });
            Assert.That(fit.Converged, Is.False);
            Assert.That(fit.IsReliable, Is.False);
            Assert.That(fit.Diagnosis, Does.StartWith("unreliable").And.Contain("did not converge in 5 iterations"));
        }

        [Test]
        public void Qem_IsChosenForAQemGuide_AndGivesTheExactPosterior()
        {
            using var problem = new QemIntroProblem(new QemIntroProblem.PlateSizes(P1: Data.Length),
                new QemIntroProblem.Observations(Obs: tensor(Data, ScalarType.Float64)), ScalarType.Float64);
            var fit = problem.Fit(new FitOptions { Seed = 2 });
            var (mean, sd, _) = IntroExact();
            var row = fit.Summary().Single();
            TestContext.Out.WriteLine(fit);
            Assert.That(fit.Method, Is.EqualTo(FitMethod.Qem));
            Assert.That(fit.Iterations, Is.GreaterThan(0));
            Assert.That(fit.IsReliable, Is.True, fit.ToString());
            Assert.That(row.Mean, Is.EqualTo(mean).Within(0.1 * sd));
            Assert.That(row.Sd, Is.EqualTo(sd).Within(0.1 * sd));
            var vi = Assert.Throws<ArgumentException>(() => problem.Fit(new FitOptions { Method = FitMethod.Vi }))!;
            Assert.That(vi.Message, Does.Contain("QemIntroProblem.Fit").And.Contain("only QEM updates"));
        }

        /// <summary>z ~ Bernoulli(0.3), x_t ~ N(2z - 1, 1): P(z = 1 | x) = 0.3 L1 / (0.3 L1 + 0.7 L0), by enumeration.</summary>
        [Test]
        public void Rws_IsChosenForADiscreteLatent_AndGivesTheExactPosterior()
        {
            double[] x = { 0.4, -0.2, 0.9, 0.1 };
            using var problem = new RwsBernProblem(new RwsBernProblem.PlateSizes(T: x.Length),
                new RwsBernProblem.Observations(X: tensor(x, ScalarType.Float64)), ScalarType.Float64);
            var vi = Assert.Throws<ArgumentException>(() => problem.Fit(new FitOptions { Method = FitMethod.Vi }))!;
            Assert.That(vi.Message, Does.Contain("'Z' is not"));

            var fit = problem.Fit(new FitOptions { Seed = 4 });
            double logL1 = x.Sum(v => -0.5 * (v - 1) * (v - 1)), logL0 = x.Sum(v => -0.5 * (v + 1) * (v + 1));
            double p1 = 1 / (1 + 0.7 / 0.3 * Math.Exp(logL0 - logL1));
            double sd = Math.Sqrt(p1 * (1 - p1));
            var row = fit.Summary().Single();
            TestContext.Out.WriteLine(fit);
            Assert.That(fit.Method, Is.EqualTo(FitMethod.Rws));
            Assert.That(fit.IsReliable, Is.True, fit.ToString());
            Assert.That(row.Mean, Is.EqualTo(p1).Within(0.1 * sd));
        }

        /// <summary>Code that drives any model reaches Fit through IInferenceProblem; the draws export as CmdStan CSV.</summary>
        [Test]
        public void ThroughTheInterface_UntypedDrawsAndCmdStanCsv()
        {
            using var problem = Intro();
            IInferenceProblem any = problem;
            var fit = any.Fit(new FitOptions { Seed = 5, Draws = 50, MaxIterations = 200 });
            Assert.That(fit.DrawsByLatent["Mu"].shape, Is.EqualTo(new long[] { 50 }));
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"alan-fit-{Guid.NewGuid():N}.csv");
            try
            {
                fit.WriteCmdStanCsv(path);
                var lines = System.IO.File.ReadAllLines(path).Where(l => !l.StartsWith('#')).ToList();
                Assert.That(lines[0], Is.EqualTo("lp__,accept_stat__,Mu"));
                Assert.That(lines, Has.Count.EqualTo(51));
                var first = double.Parse(lines[1].Split(',')[2], System.Globalization.CultureInfo.InvariantCulture);
                Assert.That(first, Is.EqualTo(fit.DrawsByLatent["Mu"][0].item<double>()));
            }
            finally
            {
                System.IO.File.Delete(path);
            }
        }

        [Test]
        public void BadOptions_AreRefusedBeforeAnyWork()
        {
            using var problem = Intro();
            var before = problem.parameters().Select(p => p.detach().clone()).ToList();
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => problem.Fit(new FitOptions { K = 0 }))!;
            Assert.That(e.Message, Does.Contain("IntroProblem.Fit: FitOptions.K must be at least 1"));
            Assert.That(problem.parameters().Zip(before).All(p => p.First.equal(p.Second).item<bool>()), Is.True);
        }

        private sealed class Collector : IProgress<FitProgress>
        {
            private readonly List<FitProgress> _list;
            public Collector(List<FitProgress> list) => _list = list;
            public void Report(FitProgress value) => _list.Add(value);
        }
    }
}
