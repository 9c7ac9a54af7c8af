using System;
using System.Collections.Generic;
using System.IO;
using Alan.Samples.Common;
using Alan.Samples.Radon;
using NUnit.Framework;

namespace Alan.Samples.Tests
{
    /// <summary>The samples' --fit: the command line maps onto FitOptions, and a capped fit on real data runs end to end.</summary>
    [Parallelizable(ParallelScope.None)]
    public class SampleFitTests
    {
        private static readonly SampleDefaults Defaults =
            new("radon", new Dictionary<Method, double> { [Method.Vi] = 0.1, [Method.Rws] = 0.3, [Method.Qem] = 0.1 });

        [Test]
        public void FitFlag_KeepsOnlyTheGivenOptions()
        {
            var bare = SampleOptions.Parse(new[] { "--fit" }, Defaults).Fit!;
            Assert.That((bare.Method, bare.K, bare.MaxIterations, bare.LearningRate, bare.Seed),
                Is.EqualTo((FitMethod.Auto, (int?)null, (int?)null, (double?)null, (int?)0)));
            var given = SampleOptions.Parse(new[] { "--fit", "--method", "rws", "--k", "7", "--iterations", "40", "--lr", "0.05", "--seed", "3" }, Defaults).Fit!;
            Assert.That((given.Method, given.K, given.MaxIterations, given.LearningRate, given.Seed),
                Is.EqualTo((FitMethod.Rws, (int?)7, (int?)40, (double?)0.05, (int?)3)));
            Assert.That(SampleOptions.Parse(Array.Empty<string>(), Defaults).Fit, Is.Null);
            var plot = Assert.Throws<ArgumentException>(() => SampleOptions.Parse(new[] { "--fit", "--plot", "x.png" }, Defaults))!;
            Assert.That(plot.Message, Does.Contain("does not combine with --fit"));
        }

        /// <summary>Radon, VI, 30 iterations at K = 3: the run prints its verdict, and a 30-iteration fit cannot claim to have converged.</summary>
        [Test]
        public void Radon_CappedFit_RunsAndSaysItDidNotConverge()
        {
            var options = SampleOptions.Parse(new[] { "--fit", "--method", "vi", "--k", "3", "--iterations", "30", "--eval-draws", "10" }, Defaults);
            var output = new StringWriter();
            var console = Console.Out;
            Console.SetOut(output);
            IFitResult fit;
            try
            {
                var target = RadonData.Load().Target(Method.Vi);
                using var problem = target.Problem;
                fit = SampleRunner.RunFit(options, options.Fit! with { Draws = 200 }, target);
            }
            finally
            {
                Console.SetOut(console);
            }
            Assert.That(fit.Iterations, Is.EqualTo(30));
            Assert.That(fit.Converged, Is.False);
            Assert.That(output.ToString(), Does.Contain("unreliable: training did not converge in 30 iterations")
                .And.Contain("result: model=radon fit method=vi K=3 iterations=30 converged=False"));
        }
    }
}
