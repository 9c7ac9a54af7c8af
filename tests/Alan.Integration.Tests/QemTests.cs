using System;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>UpdateQemParams (DESIGN 4.8) through generated problems.</summary>
    public class QemTests
    {
        private static readonly double[] Data = { 0.3, -0.2, 1.1, 0.8, 0.4 };

        private static QemIntroProblem Intro() =>
            new(new QemIntroProblem.PlateSizes(P1: Data.Length),
                new QemIntroProblem.Observations(torch.tensor(Data, dtype: ScalarType.Float64)), ScalarType.Float64);

        [Test]
        public void WithLearningRateOneAnUpdateLandsOnTheWeightedPosteriorMoments()
        {
            torch.manual_seed(3);
            var problem = Intro();
            using var sample = problem.Sample(K: 50);
            var moments = sample.Moments();
            double mean = moments.Mu.Mean.item<double>(), sd = moments.Mu.Std.item<double>();
            sample.UpdateQemParams(1.0);
            var buffers = problem.state_dict();
            Assert.That(buffers["Mu.loc"].item<double>(), Is.EqualTo(mean).Within(1e-10));
            Assert.That(buffers["Mu.scale"].item<double>(), Is.EqualTo(sd).Within(1e-10));
            Assert.That(problem.parameters().Count(), Is.EqualTo(0), "QEM parameters are not gradient parameters");
        }

        [Test]
        public void AnUpdateReturnsTheElboOfItsSampleBeforeTheUpdate()
        {
            // The source-term pass computes log P-hat before differentiating it: UpdateQemParams returns it, so a QEM
            // loop that logs its ELBO needs no second estimate. It is the ELBO of the sample's particles under the Q
            // that drew them (the update changes Q's parameters only afterwards).
            torch.manual_seed(5);
            var problem = Intro();
            using var sample = problem.Sample(K: 20);
            double before = sample.ElboNoGrad().item<double>();
            double returned = sample.UpdateQemParams(0.5);
            Assert.That(returned, Is.EqualTo(before).Within(1e-10));
            Assert.That(sample.ElboNoGrad().item<double>(), Is.Not.EqualTo(before).Within(1e-10), "the update then moved Q");
        }

        [Test]
        public void IteratedQemConvergesToTheExactIntroPosterior()
        {
            torch.manual_seed(4);
            var problem = Intro();
            for (int i = 0; i < 150; i++)
            {
                using var sample = problem.Sample(K: 30);
                sample.UpdateQemParams(0.3);
            }
            double exactMean = Data.Sum() / (Data.Length + 1), exactSd = Math.Sqrt(1.0 / (Data.Length + 1));
            var state = problem.state_dict();
            // QEM's fixed point is the posterior; the moving average (lr 0.3, K 30) leaves Monte Carlo noise of a few 0.01.
            Assert.That(state["Mu.loc"].item<double>(), Is.EqualTo(exactMean).Within(0.05));
            Assert.That(state["Mu.scale"].item<double>(), Is.EqualTo(exactSd).Within(0.05));
        }

        [Test]
        public void IteratedQemConvergesToTheExactBetaPosterior()
        {
            torch.manual_seed(5);
            var x = new double[] { 1, 0, 1, 1, 0, 1, 1, 1 };
            var problem = new QemBetaProblem(new QemBetaProblem.PlateSizes(T: x.Length),
                new QemBetaProblem.Observations(torch.tensor(x, dtype: ScalarType.Float64)), ScalarType.Float64);
            for (int i = 0; i < 150; i++)
            {
                using var sample = problem.Sample(K: 30);
                sample.UpdateQemParams(0.3);
            }
            double a = 2 + x.Sum(), b = 3 + x.Length - x.Sum();
            var state = problem.state_dict();
            double qa = state["P.concentration1"].item<double>(), qb = state["P.concentration0"].item<double>();
            // Compare the posterior mean and sd (QEM matches E[log p] and E[log(1-p)], close to these).
            Assert.That(qa / (qa + qb), Is.EqualTo(a / (a + b)).Within(0.03));
            double sdExact = Math.Sqrt(a * b / ((a + b) * (a + b) * (a + b + 1)));
            double sdQ = Math.Sqrt(qa * qb / ((qa + qb) * (qa + qb) * (qa + qb + 1)));
            Assert.That(sdQ, Is.EqualTo(sdExact).Within(0.03));
        }

        [Test]
        public void QemUpdatesParametersInPAndQ()
        {
            torch.manual_seed(6);
            var y = torch.tensor(new double[] { 2.0, 2.5, 1.5, 2.2 }, dtype: ScalarType.Float64);
            var problem = new QemBothProblem(new QemBothProblem.PlateSizes(G: 4), new QemBothProblem.Observations(y), ScalarType.Float64);
            using (var sample = problem.Sample(K: 20)) sample.UpdateQemParams(1.0);
            var state = problem.state_dict();
            // P's and Q's Z parameters share names, so their modules are qualified by program.
            Assert.That(state.Keys, Is.EquivalentTo(new[] { "P_Z.loc", "P_Z.scale", "Q_Z.loc", "Q_Z.scale" }));
            Assert.That(state.Values.All(v => v.shape.SequenceEqual(new long[] { 4 })), Is.True, "one value per plate element");
            // With lr = 1 both land on the posterior mean of Z per element, which lies between 0 and the data.
            var qLoc = state["Q_Z.loc"];
            Assert.That(((qLoc > 0) & (qLoc < y)).all().item<bool>(), Is.True);
            Assert.That(state["P_Z.loc"].allclose(qLoc), Is.True, "P's and Q's QEM see the same posterior");
            Assert.Throws<ArgumentOutOfRangeException>(() => { using var s = problem.Sample(K: 2); s.UpdateQemParams(0.0); });
        }
    }
}
