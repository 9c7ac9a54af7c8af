using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using Alan.Validation.Tests.Exact;
using NUnit.Framework;

namespace Alan.Validation.Tests
{
    /// <summary>
    /// The bands a reliable fit must meet, element by element: |mean - exact mean| &lt;= 0.1 exact sd,
    /// |sd / exact sd - 1| &lt;= 0.10, and a finite Pareto k-hat &lt;= 0.7 for the fit as a whole.
    /// </summary>
    public static class PosteriorBands
    {
        public const double MeanBandInSds = 0.1;
        public const double SdRatioBand = 0.10;
        public const double ParetoKLimit = 0.7;

        /// <summary>One element's comparison: errors in units of the exact sd.</summary>
        public sealed record Comparison(string Label, double ExactMean, double ExactSd, double Mean, double Sd)
        {
            public double MeanError => (Mean - ExactMean) / ExactSd;
            public double SdError => Sd / ExactSd - 1;
            public bool Within => Math.Abs(MeanError) <= MeanBandInSds && Math.Abs(SdError) <= SdRatioBand;

            public override string ToString() => string.Create(CultureInfo.InvariantCulture,
                $"{Label}: mean {Mean:G6} vs exact {ExactMean:G6} ({MeanError:+0.000;-0.000} sd), sd {Sd:G6} vs exact {ExactSd:G6} ({SdError:+0.0%;-0.0%})");
        }

        /// <summary>Matches every exact element with the fit's summary row of the same latent and index.</summary>
        public static IReadOnlyList<Comparison> Compare(IFitResult fit, IReadOnlyList<ExactMoment> exact)
        {
            var rows = fit.Summary();
            return exact.Select(e =>
            {
                var row = rows.SingleOrDefault(r => r.Latent == e.Latent && r.Index.SequenceEqual(e.Index))
                          ?? throw new InvalidOperationException($"The fit has no summary row for {e.Label}; its rows are {string.Join(", ", rows.Select(r => r.Label))}.");
                return new Comparison(e.Label, e.Mean, e.Sd, row.Mean, row.Sd);
            }).ToList();
        }

        /// <summary>Runs <paramref name="fit"/>, timing it, and prints the figures docs/validation.md reports.</summary>
        public static T Timed<T>(string model, Func<T> fit) where T : IFitResult
        {
            var clock = Stopwatch.StartNew();
            var result = fit();
            clock.Stop();
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{model}: Fit took {clock.Elapsed.TotalSeconds:F1} s; {result}"));
            return result;
        }

        /// <summary>
        /// Pareto k-hat at most 0.7, and finite: 100 pooled samples of a real fit never have exactly equal weights (the
        /// one case where the k-hat of a bounded tail is -inf), so a non-finite k-hat here means the weights spread
        /// beyond the range of a double (more than e^709 apart) and the diagnostic could not be computed.
        /// </summary>
        public static void AssertParetoK(string model, IFitResult fit)
        {
            Assert.That(double.IsFinite(fit.ParetoK), Is.True,
                $"{model}: Pareto k-hat {fit.ParetoK}: not a number; the pooled samples' weights are too far apart to fit a tail. {fit.Diagnosis}");
            Assert.That(fit.ParetoK, Is.LessThanOrEqualTo(ParetoKLimit), $"{model}: Pareto k-hat {fit.ParetoK:F2} above {ParetoKLimit}; {fit.Diagnosis}");
        }

        /// <summary>Asserts the bands for every element and the Pareto k-hat, listing every element that missed.</summary>
        public static void AssertWithinBands(string model, IFitResult fit, IReadOnlyList<ExactMoment> exact)
        {
            var comparisons = Compare(fit, exact);
            var worstMean = comparisons.MaxBy(c => Math.Abs(c.MeanError))!;
            var worstSd = comparisons.MaxBy(c => Math.Abs(c.SdError))!;
            // The pooled draws' effective sample size sets their Monte Carlo error: about 1 / sqrt(ESS) exact sds on a mean.
            double ess = fit.Summary().Min(r => r.Ess);
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{model}: worst mean error {worstMean.MeanError:+0.000;-0.000} sd ({worstMean.Label}), worst sd error {worstSd.SdError:+0.0%;-0.0%} ({worstSd.Label}), smallest ESS {ess:F0}"));
            foreach (var c in comparisons) TestContext.Out.WriteLine("  " + c);
            var misses = comparisons.Where(c => !c.Within).ToList();
            Assert.Multiple(() =>
            {
                Assert.That(misses, Is.Empty, $"{model}: {misses.Count} of {comparisons.Count} elements outside the bands " +
                                              $"(|mean error| <= {MeanBandInSds} sd, |sd ratio - 1| <= {SdRatioBand:P0}):\n  " +
                                              string.Join("\n  ", misses));
                AssertParetoK(model, fit);
            });
        }
    }
}
