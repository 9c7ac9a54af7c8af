using System;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using Alan.Validation.Tests.DataSets;
using Alan.Validation.Tests.Exact;
using NUnit.Framework;

namespace Alan.Validation.Tests
{
    /// <summary>
    /// The data sets under Data/ are written once by <see cref="ValidationDataWriter"/> (the explicit test below) and
    /// committed. The other tests check that the committed files are what the writer produces, and that the linear
    /// regression data make alpha and the coefficients as collinear as the model is meant to be.
    /// </summary>
    public class ValidationDataWriterTests
    {
        /// <summary>Writes Data/&lt;name&gt;.json in the source tree. Run it by name after changing the writer.</summary>
        [Test, Explicit("writes the committed data files into the source tree")]
        public void WriteAllDataSets()
        {
            string directory = Path.Combine(SourceDirectory(), "Data");
            Directory.CreateDirectory(directory);
            foreach (var name in ValidationDataWriter.Names)
                File.WriteAllText(Path.Combine(directory, name + ".json"), ValidationDataWriter.Json(name));
            TestContext.Out.WriteLine($"wrote {ValidationDataWriter.Names.Length} data sets to {directory}");
        }

        [TestCaseSource(typeof(ValidationDataWriter), nameof(ValidationDataWriter.Names))]
        public void TheCommittedDataSetIsWhatTheWriterProduces(string name)
        {
            string committed = File.ReadAllText(ValidationData.PathOf(name));
            Assert.That(committed, Is.EqualTo(ValidationDataWriter.Json(name)),
                $"Data/{name}.json differs from ValidationDataWriter's output; rerun the explicit test WriteAllDataSets and commit the files.");
        }

        [Test]
        public void TheCommittedDataSetsHaveTheDocumentedSizes()
        {
            var linreg = ValidationData.LinearRegression();
            var nigreg = ValidationData.NormalGammaRegression();
            var schools = ValidationData.Schools();
            var logistic = ValidationData.Logistic();
            var poisson = ValidationData.Poisson();
            var mixture = ValidationData.Mixture();
            var hmm = ValidationData.Hmm();
            Assert.Multiple(() =>
            {
                Assert.That((linreg.N, linreg.P, linreg.X.Length, linreg.X.All(row => row.Length == 3), linreg.Y.Length, linreg.Sigma), Is.EqualTo((50, 3, 50, true, 50, 1.0)));
                Assert.That((nigreg.N, nigreg.X.Length, nigreg.Y.Length), Is.EqualTo((40, 40, 40)));
                Assert.That((schools.J, schools.Y.Length, schools.Sigma.Length), Is.EqualTo((8, 8, 8)));
                Assert.That((logistic.N, logistic.X.Length, logistic.Y.Length, logistic.Y.All(v => v is 0 or 1)), Is.EqualTo((100, 100, 100, true)));
                Assert.That((poisson.N, poisson.X.Length, poisson.Y.Length, poisson.Y.All(v => v >= 0)), Is.EqualTo((100, 100, 100, true)));
                Assert.That((mixture.N, mixture.Y.Length), Is.EqualTo((100, 100)));
                Assert.That((hmm.T, hmm.Y.Length, hmm.Init.Length, hmm.Transition.Length, hmm.Mu.Length), Is.EqualTo((60, 60, 3, 3, 3)));
            });
        }

        /// <summary>
        /// The regression is meant to be hard for a guide: with predictors near 3000, alpha is almost exactly minus the
        /// coefficients' contribution at the mean predictor, x-bar . beta. Their posterior correlation must be below
        /// -0.99 (it is printed, with alpha's correlation with each coefficient).
        /// </summary>
        [Test]
        public void LinearRegressionPosteriorCorrelatesAlphaWithTheCoefficientsBelowMinus0_99()
        {
            var data = ValidationData.LinearRegression();
            var posterior = ExactAnswers.LinearRegressionPosterior(data);
            var xBar = Enumerable.Range(0, 3).Select(j => data.X.Average(row => row[j])).ToArray();
            // Cov(alpha, xbar . beta) = sum_j xbar_j Cov(alpha, beta_j); Var(xbar . beta) = xbar^T Cov(beta) xbar.
            double covariance = 0, variance = 0;
            for (int j = 0; j < 3; j++)
            {
                covariance += xBar[j] * posterior.Covariance[0, j + 1];
                for (int k = 0; k < 3; k++) variance += xBar[j] * xBar[k] * posterior.Covariance[j + 1, k + 1];
            }
            double correlation = covariance / (posterior.Sd(0) * Math.Sqrt(variance));
            TestContext.Out.WriteLine($"corr(alpha, xbar . beta) = {correlation:F6}; corr(alpha, beta_j) = " +
                                      string.Join(", ", Enumerable.Range(1, 3).Select(j => posterior.Correlation(0, j).ToString("F4"))));
            Assert.That(correlation, Is.LessThan(-0.99));
        }

        private static string SourceDirectory([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
    }
}
