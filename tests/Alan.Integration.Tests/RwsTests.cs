using System;
using System.Collections.Generic;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static Alan.Integration.Tests.TestMath;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>Reweighted wake-sleep with a discrete (Bernoulli) latent.</summary>
    public class RwsTests
    {
        private static readonly double[] Data = { 0.5, 1.2, -0.3 };

        private static RwsBernProblem MakeProblem() =>
            new RwsBernProblem(new RwsBernProblem.PlateSizes(T: Data.Length),
                new RwsBernProblem.Observations(X: torch.tensor(Data)), dtype: ScalarType.Float64);

        /// <summary>log p(x) = log(0.3 prod N(x_t | 1, 1) + 0.7 prod N(x_t | -1, 1)).</summary>
        private static double ExactEvidence() =>
            LogSumExp(new[]
            {
                Math.Log(0.3) + Data.Sum(x => NormalLogPdf(x, 1.0, 1.0)),
                Math.Log(0.7) + Data.Sum(x => NormalLogPdf(x, -1.0, 1.0)),
            });

        private static double ExactPosteriorProbOfOne() =>
            Math.Exp(Math.Log(0.3) + Data.Sum(x => NormalLogPdf(x, 1.0, 1.0)) - ExactEvidence());

        [Test]
        public void WakeQConvergesToPosteriorAndElboToExactEvidence()
        {
            torch.manual_seed(401);
            var problem = MakeProblem();
            var logits = problem.named_parameters().Single(p => p.name == "Z.logits").parameter;
            double exact = ExactEvidence();
            double post = ExactPosteriorProbOfOne();

            double MeanElbo(int k, int repeats)
            {
                var v = new List<double>();
                for (int r = 0; r < repeats; r++) { using var s = problem.Sample(k, reparam: false); v.Add(Item(s.ElboNoGrad())); }
                return v.Average();
            }
            double before = MeanElbo(3, 400);

            // Only Q has parameters: the gradient of ElboRws w.r.t. them is minus the wake-Q update, so minimise elbo.
            // Adam at lr 0.05, then 0.01, averaging the logit over the last 300 iterations (Polyak) to remove SGD noise.
            var opt = torch.optim.Adam(problem.QParameters(), lr: 0.05);
            double logitSum = 0;
            const int Averaged = 300;
            for (int i = 0; i < 1000; i++)
            {
                if (i == 400) foreach (var g in opt.ParamGroups) g.LearningRate = 0.01;
                opt.zero_grad();
                using (var scope = torch.NewDisposeScope())
                {
                    using var sample = problem.Sample(10, reparam: false);
                    var elbo = sample.ElboRws();
                    elbo.backward();
                }
                opt.step();
                if (i >= 1000 - Averaged) logitSum += Item(logits);
            }
            double q1 = 1 / (1 + Math.Exp(-logitSum / Averaged));
            double after = MeanElbo(3, 400);
            TestContext.Out.WriteLine($"exact {exact:F5}, posterior P(z=1) {post:F4}, q(z=1) {q1:F4}, mean elbo before {before:F5} after {after:F5}");

            Assert.That(q1, Is.EqualTo(post).Within(0.03));
            // With q at the posterior every importance weight equals p(x): the estimate is exact up to q's error.
            Assert.That(after, Is.EqualTo(exact).Within(0.01));
            Assert.That(exact - after, Is.LessThan(exact - before), "training must close the gap to the evidence");
        }

        [Test]
        public void ReparameterisedSampleOfDiscreteLatentThrowsNamingIt()
        {
            var problem = MakeProblem();
            var ex = Assert.Throws<InvalidOperationException>(() => problem.Sample(4));
            Assert.That(ex!.Message, Does.Contain("'Z'"));
        }

        [Test]
        public void ElboViOnNonReparameterisedSampleThrows()
        {
            var problem = MakeProblem();
            using var sample = problem.Sample(4, reparam: false);
            Assert.Throws<InvalidOperationException>(() => sample.ElboVi());
        }
    }
}
