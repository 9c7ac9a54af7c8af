using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Alan.Validation.Tests.DataSets;
using Alan.Validation.Tests.Exact;
using Alan.Validation.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Validation.Tests
{
    /// <summary>
    /// problem.Fit(new FitOptions { Seed = 0 }), every other option at its default, against the exact posterior of each
    /// validation model (docs/validation.md), in float64. Every latent element must be within the bands of
    /// <see cref="PosteriorBands"/>; the HMM's state probabilities within the band of <see cref="HiddenMarkovModel"/>.
    /// </summary>
    public class FitValidationTests
    {
        private static readonly FitOptions Defaults = new() { Seed = 0 };

        private static Tensor Vector(IEnumerable<double> values) => torch.tensor(values.ToArray(), ScalarType.Float64);

        private static Tensor Matrix(double[][] rows) =>
            torch.tensor(rows.SelectMany(r => r).ToArray(), ScalarType.Float64).reshape(rows.Length, rows[0].Length);

        internal static LinearRegressionProblem LinearRegressionProblem(LinearRegressionData d) =>
            new(new LinearRegressionProblem.PlateSizes(Points: d.N), new LinearRegressionProblem.Observations(Y: Vector(d.Y)),
                new LinearRegressionProblem.Inputs(X: Matrix(d.X)), ScalarType.Float64);

        [Test]
        public void LinearRegression()
        {
            var data = ValidationData.LinearRegression();
            using var problem = LinearRegressionProblem(data);
            var fit = PosteriorBands.Timed("linreg", () => problem.Fit(Defaults));
            PosteriorBands.AssertWithinBands("linreg", fit, ExactAnswers.LinearRegression(data));
        }

        [Test]
        public void NormalGammaRegression()
        {
            var data = ValidationData.NormalGammaRegression();
            using var problem = new NormalGammaRegressionProblem(new NormalGammaRegressionProblem.PlateSizes(Points: data.N),
                new NormalGammaRegressionProblem.Observations(Y: Vector(data.Y)), new NormalGammaRegressionProblem.Inputs(X: Vector(data.X)), ScalarType.Float64);
            var fit = PosteriorBands.Timed("nigreg", () => problem.Fit(Defaults));
            PosteriorBands.AssertWithinBands("nigreg", fit, ExactAnswers.NormalGammaRegression(data));
        }

        [Test]
        public void EightSchoolsCentred()
        {
            var data = ValidationData.Schools();
            using var problem = new EightSchoolsCentredProblem(new EightSchoolsCentredProblem.PlateSizes(Schools: data.J),
                new EightSchoolsCentredProblem.Observations(Y: Vector(data.Y)), new EightSchoolsCentredProblem.Inputs(Sigma: Vector(data.Sigma)), ScalarType.Float64);
            var fit = PosteriorBands.Timed("schools (centred)", () => problem.Fit(Defaults));
            PosteriorBands.AssertWithinBands("schools (centred)", fit, ExactAnswers.SchoolsCentred(data));
        }

        [Test]
        public void EightSchoolsNonCentred()
        {
            var data = ValidationData.Schools();
            using var problem = new EightSchoolsNonCentredProblem(new EightSchoolsNonCentredProblem.PlateSizes(Schools: data.J),
                new EightSchoolsNonCentredProblem.Observations(Y: Vector(data.Y)), new EightSchoolsNonCentredProblem.Inputs(Sigma: Vector(data.Sigma)), ScalarType.Float64);
            var fit = PosteriorBands.Timed("schools (non-centred)", () => problem.Fit(Defaults));
            PosteriorBands.AssertWithinBands("schools (non-centred)", fit, ExactAnswers.SchoolsNonCentred(data));
        }

        [Test]
        public void LogisticRegression()
        {
            var data = ValidationData.Logistic();
            using var problem = new LogisticRegressionProblem(new LogisticRegressionProblem.PlateSizes(Points: data.N),
                new LogisticRegressionProblem.Observations(Y: Vector(data.Y.Select(v => (double)v))), new LogisticRegressionProblem.Inputs(X: Vector(data.X)), ScalarType.Float64);
            var fit = PosteriorBands.Timed("logistic", () => problem.Fit(Defaults));
            PosteriorBands.AssertWithinBands("logistic", fit, ExactAnswers.Logistic(data));
        }

        [Test]
        public void PoissonRegression()
        {
            var data = ValidationData.Poisson();
            using var problem = new PoissonRegressionProblem(new PoissonRegressionProblem.PlateSizes(Points: data.N),
                new PoissonRegressionProblem.Observations(Y: Vector(data.Y.Select(v => (double)v))), new PoissonRegressionProblem.Inputs(X: Vector(data.X)), ScalarType.Float64);
            var fit = PosteriorBands.Timed("poisson", () => problem.Fit(Defaults));
            PosteriorBands.AssertWithinBands("poisson", fit, ExactAnswers.Poisson(data));
        }

        [Test]
        public void NormalMixture()
        {
            var data = ValidationData.Mixture();
            using var problem = new NormalMixtureProblem(new NormalMixtureProblem.PlateSizes(Points: data.N),
                new NormalMixtureProblem.Observations(Y: Vector(data.Y)), ScalarType.Float64);
            var fit = PosteriorBands.Timed("mixture", () => problem.Fit(Defaults));
            PosteriorBands.AssertWithinBands("mixture", fit, ExactAnswers.Mixture(data));
        }

        /// <summary>
        /// The HMM's states: the fraction of the draws in state s at step t (and for Z0) must be within
        /// 0.1 sqrt(p (1 - p)) + 0.02 of the exact p = p(z_t = s | y) from forward-backward: a tenth of the indicator's sd,
        /// plus 0.02 for the Monte Carlo error of 4,000 draws from about a thousand distinct pooled particles (at most
        /// 0.016 at p = 1/2 for a thousand independent draws).
        /// </summary>
        [Test]
        public void HiddenMarkovModel()
        {
            var data = ValidationData.Hmm();
            var (exactInit, exactSteps) = ExactAnswers.Hmm(data);
            using var problem = new HiddenMarkovProblem(new HiddenMarkovProblem.PlateSizes(Steps: data.T), new HiddenMarkovProblem.Observations(Y: Vector(data.Y)),
                new HiddenMarkovProblem.Inputs(Init: Vector(data.Init), Transition: Matrix(data.Transition), Mu: Vector(data.Mu)), ScalarType.Float64);
            var fit = PosteriorBands.Timed("hmm", () => problem.Fit(Defaults));
            using var z0 = fit.Draws.Z0.to_type(ScalarType.Int64);
            using var z = fit.Draws.Z.to_type(ScalarType.Int64);
            Assert.That(z.shape, Is.EqualTo(new long[] { 4000, data.T }));
            var misses = new List<string>();
            double worst = 0;
            string worstLabel = "";
            void Check(string label, Tensor draws, double exact)
            {
                double estimate = draws.to_type(ScalarType.Float64).mean().item<double>();
                double band = 0.1 * Math.Sqrt(exact * (1 - exact)) + 0.02;
                double error = estimate - exact;
                if (Math.Abs(error) / band > worst) (worst, worstLabel) = (Math.Abs(error) / band, label);
                if (Math.Abs(error) > band)
                    misses.Add(string.Create(CultureInfo.InvariantCulture, $"{label}: {estimate:F4} vs exact {exact:F4} (band {band:F4})"));
            }
            for (int s = 0; s < 3; s++)
            {
                using var inState = z0.eq(s);
                Check($"P(Z0 = {s})", inState, exactInit[s]);
                for (int t = 0; t < data.T; t++)
                {
                    using var column = z.select(1, t).eq(s);
                    Check($"P(Z[{t}] = {s})", column, exactSteps[t, s]);
                }
            }
            TestContext.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hmm: worst error {worst:F2} of its band ({worstLabel}); {misses.Count} misses"));
            Assert.Multiple(() =>
            {
                Assert.That(misses, Is.Empty, $"hmm: {misses.Count} of {3 * (data.T + 1)} state probabilities outside 0.1 sqrt(p(1-p)) + 0.02:\n  " + string.Join("\n  ", misses));
                PosteriorBands.AssertParetoK("hmm", fit);
            });
        }

        /// <summary>
        /// Five iterations leave linreg's guide at its prior: the fit must say so (Pareto k-hat above 0.7 or not
        /// converged), and the bands must catch it.
        /// </summary>
        [Test]
        public void ADeliberatelyBadFitIsFlagged()
        {
            var data = ValidationData.LinearRegression();
            using var problem = LinearRegressionProblem(data);
            var fit = PosteriorBands.Timed("linreg, 5 iterations", () => problem.Fit(new FitOptions { Seed = 0, MaxIterations = 5 }));
            var comparisons = PosteriorBands.Compare(fit, ExactAnswers.LinearRegression(data));
            Assert.Multiple(() =>
            {
                Assert.That(fit.ParetoK > PosteriorBands.ParetoKLimit || !fit.Converged, Is.True, fit.ToString());
                Assert.That(fit.IsReliable, Is.False);
                Assert.That(comparisons.Where(c => !c.Within), Is.Not.Empty, "the bands must reject a fit stopped after five iterations:\n  " + string.Join("\n  ", comparisons));
            });
        }
    }
}
