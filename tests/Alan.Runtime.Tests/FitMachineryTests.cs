using System;
using System.Linq;
using Alan.CompilerServices.Fitting;
using NUnit.Framework;
using TorchSharp;

namespace Alan.Runtime.Tests
{
    /// <summary>The parts of Fit that need no model: option checks, convergence detection, the draw allocation.</summary>
    public class FitMachineryTests
    {
        private static readonly FitModel Continuous = new("RegressionProblem", null, QemCapable: false, QHasGradientParameters: true);
        private static readonly FitModel Discrete = new("HmmProblem", "State", QemCapable: false, QHasGradientParameters: true);

        [Test]
        public void BadOptions_AreRefusedNamingTheOptionAndRange()
        {
            Assert.That(Refused(new FitOptions { K = 0 }), Does.Contain("FitOptions.K must be at least 1").And.Contain("RegressionProblem.Fit"));
            Assert.That(Refused(new FitOptions { Draws = 0 }), Does.Contain("FitOptions.Draws must be at least 1"));
            Assert.That(Refused(new FitOptions { MaxIterations = -3 }), Does.Contain("FitOptions.MaxIterations must be at least 1, but is -3"));
            Assert.That(Refused(new FitOptions { LearningRate = -0.1 }), Does.Contain("FitOptions.LearningRate must be a positive finite number"));
            Assert.That(Refused(new FitOptions { LearningRate = double.NaN }), Does.Contain("positive finite"));
            Assert.That(Refused(new FitOptions { Method = (FitMethod)9 }), Does.Contain("not a FitMethod"));
            Assert.That(Refused(new FitOptions { Method = FitMethod.Vi }, Discrete), Does.Contain("'State' is not").And.Contain("FitMethod.Rws"));
            Assert.That(Refused(new FitOptions { Method = FitMethod.Qem }), Does.Contain("[QemParam]"));
            Assert.That(Refused(new FitOptions { Method = FitMethod.Qem, LearningRate = 2 }, Continuous with { QemCapable = true }),
                Does.Contain("must lie in (0, 1]"));
            Assert.That(Refused(new FitOptions { Method = FitMethod.Vi }, Continuous with { QemCapable = true, QHasGradientParameters = false }),
                Does.Contain("only QEM updates"));
        }

        private static string Refused(FitOptions options, FitModel? model = null) =>
            Assert.Catch<ArgumentException>(() => FitPlan.Resolve(options, model ?? Continuous, hasParameters: true))!.Message;

        [Test]
        public void AutoMethod_VIWhenReparameterisable_QemWhenPossible_ElseRws()
        {
            Assert.That(FitPlan.Resolve(new FitOptions(), Continuous, true).Method, Is.EqualTo(FitMethod.Vi));
            Assert.That(FitPlan.Resolve(new FitOptions(), Discrete with { QemCapable = true, QHasGradientParameters = false }, true).Method, Is.EqualTo(FitMethod.Qem));
            Assert.That(FitPlan.Resolve(new FitOptions(), Continuous with { QemCapable = true, QHasGradientParameters = false }, true).Method, Is.EqualTo(FitMethod.Qem));
            Assert.That(FitPlan.Resolve(new FitOptions(), Continuous with { QemCapable = true }, true).Method, Is.EqualTo(FitMethod.Vi));
            Assert.That(FitPlan.Resolve(new FitOptions(), Discrete, true).Method, Is.EqualTo(FitMethod.Rws));
            var qem = FitPlan.Resolve(new FitOptions(), Discrete with { QemCapable = true, QHasGradientParameters = false }, true);
            Assert.That((qem.K, qem.LearningRate), Is.EqualTo((FitEngine.DefaultQemK, FitEngine.DefaultQemRate)));
            var vi = FitPlan.Resolve(new FitOptions { K = 3, LearningRate = 0.5, MaxIterations = 7 }, Continuous, true);
            Assert.That((vi.K, vi.LearningRate, vi.MaxIterations), Is.EqualTo((3, 0.5, 7)));
        }

        /// <summary>Pure noise around a constant converges within a few windows; a steady climb well above its noise never does.</summary>
        [Test]
        public void Convergence_RelativeToNoise()
        {
            var random = new Random(1);
            var flat = new ConvergenceMonitor(50);
            int at = -1;
            for (int i = 0; i < 2000 && at < 0; i++)
                if (flat.Add(random.NextDouble() * 10)) at = i + 1;
            Assert.That(at, Is.InRange(100, 1000));

            var climbing = new ConvergenceMonitor(50);
            for (int i = 0; i < 5000; i++)
                Assert.That(climbing.Add(0.05 * i + random.NextDouble()), Is.False, $"converged at {i + 1} while climbing");
        }

        /// <summary>Systematic resampling: the counts sum to N and each is floor or ceil of N W_s; over many offsets their mean is N W_s.</summary>
        [Test]
        public void SystematicCounts_SumToNAndFollowTheWeights()
        {
            double[] weights = { 0.5, 0.0, 0.123, 0.377 };
            torch.random.manual_seed(2);
            var mean = new double[4];
            const int repeats = 2000;
            for (int r = 0; r < repeats; r++)
            {
                var counts = DrawPool.SystematicCounts(weights, 10, null);
                Assert.That(counts.Sum(), Is.EqualTo(10));
                for (int s = 0; s < 4; s++)
                {
                    Assert.That(counts[s], Is.InRange(Math.Floor(10 * weights[s]), Math.Ceiling(10 * weights[s])));
                    mean[s] += counts[s] / (double)repeats;
                }
            }
            // Each count is Bernoulli around its floor: sd <= 0.5, so the mean's 6-standard-error band is 6 * 0.5 / sqrt(2000).
            for (int s = 0; s < 4; s++) Assert.That(mean[s], Is.EqualTo(10 * weights[s]).Within(6 * 0.5 / Math.Sqrt(repeats)));
        }
    }
}
