using System;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// Split with timeseries plates (DESIGN 4.10): splitting the enclosing plate is exact (values and gradients,
    /// 1e-9); splitting the timeseries plate itself is an error naming it. Also the remaining methods run on the
    /// model with a chain per region (QEM-free): SampleNonMp gives a finite value.
    /// </summary>
    public class TimeseriesSplitTests
    {
        private const double Tol = 1e-9;

        internal static TsRegionsProblem Regions(int regions = 3, int days = 4)
        {
            torch.manual_seed(41);
            var sizes = new TsRegionsProblem.PlateSizes(Regions: regions, Days: days);
            var prior = TsRegionsProblem.SamplePrior(sizes, ScalarType.Float64);
            Assert.That(prior.X.shape, Is.EqualTo(new long[] { regions, days }));
            var problem = new TsRegionsProblem(sizes, new TsRegionsProblem.Observations(prior.Y), ScalarType.Float64);
            using (torch.no_grad()) foreach (var p in problem.parameters()) p.copy_(torch.randn_like(p) * 0.3);
            return problem;
        }

        private static double[] Grads(TsRegionsProblem problem, Func<Tensor> objective)
        {
            foreach (var p in problem.parameters()) p.grad = null;
            objective().backward();
            return problem.parameters().SelectMany(p => p.grad!.data<double>().ToArray()).ToArray();
        }

        [TestCase(1)]
        [TestCase(2)]
        public void SplittingTheEnclosingPlateIsExact(int chunk)
        {
            var problem = Regions();
            var split = ComputationStrategy.Split("Regions", chunk);
            torch.manual_seed(1);
            using var a = problem.Sample(K: 3);
            torch.manual_seed(1);
            using var b = problem.Sample(K: 3);
            Assert.That(b.ElboNoGrad(split).item<double>(), Is.EqualTo(a.ElboNoGrad().item<double>()).Within(Tol));
            var vi = Grads(problem, () => a.ElboVi());
            var viSplit = Grads(problem, () => b.ElboVi(split));
            Assert.That(viSplit, Is.EqualTo(vi).Within(Tol), "ElboVi gradients");
            Assert.That(vi.Any(g => g != 0), Is.True);
            var rws = Grads(problem, () => a.ElboRws());
            var rwsSplit = Grads(problem, () => b.ElboRws(split));
            Assert.That(rwsSplit, Is.EqualTo(rws).Within(Tol), "ElboRws gradients");
            var m = ToArray(a.Moments().X.Mean);
            var mSplit = ToArray(b.Moments(split).X.Mean);
            Assert.That(mSplit, Is.EqualTo(m).Within(Tol), "Moments");
            var draws = b.ImportanceSample(5, split);
            Assert.That(draws.X.shape, Is.EqualTo(new long[] { 5, 3, 4 }));
        }

        private static double[] ToArray(Tensor t) => t.detach().contiguous().data<double>().ToArray();

        [Test]
        public void SplittingTheTimeseriesPlateThrowsNamingIt()
        {
            var problem = Regions();
            using var s = problem.Sample(K: 2);
            var e = Assert.Throws<ArgumentException>(() => s.ElboNoGrad(ComputationStrategy.Split("Days", 2)));
            Assert.That(e!.Message, Does.Contain("'Days'").And.Contain("timeseries").And.Contain("split an enclosing plate"));
        }

        [Test]
        public void NonMpAndTrainingRun()
        {
            var problem = Regions();
            using (var s = problem.SampleNonMp(4))
                Assert.That(double.IsFinite(s.ElboNoGrad().item<double>()), Is.True);
            var opt = torch.optim.Adam(problem.parameters(), lr: 0.05);
            double first = 0, last = 0;
            for (int i = 0; i < 60; i++)
            {
                opt.zero_grad();
                using var s = problem.Sample(K: 5);
                var elbo = s.ElboVi();
                (-elbo).backward();
                opt.step();
                if (i < 10) first += elbo.item<double>() / 10;
                if (i >= 50) last += elbo.item<double>() / 10;
            }
            Assert.That(last, Is.GreaterThan(first), "VI improves the ELBO on the chain model");
        }

        [Test]
        public void ExtendAlongTheTimeseriesAndTheEnclosingPlate()
        {
            var problem = Regions();
            using var s = problem.Sample(K: 4);
            var draws = s.ImportanceSample(6);
            var extended = draws.Extend(new TsRegionsProblem.PlateSizes(Regions: 4, Days: 7));
            Assert.That(extended.X.shape, Is.EqualTo(new long[] { 6, 4, 7 }));
            // The training corner keeps the draws.
            Assert.That((extended.X.narrow(1, 0, 3).narrow(2, 0, 4) - draws.X).abs().max().item<double>(), Is.EqualTo(0.0));
            var y = torch.randn(4, 7, dtype: ScalarType.Float64);
            var ll = extended.PredictiveLogLikelihood(new TsRegionsProblem.Observations(y));
            Assert.That(double.IsFinite(ll.Y.item<double>()), Is.True);
        }
    }
}
