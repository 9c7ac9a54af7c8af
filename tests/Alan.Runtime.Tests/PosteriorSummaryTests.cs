using System;
using System.Linq;
using NUnit.Framework;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>PosteriorSummary against values worked out by hand (float64, exact up to rounding).</summary>
    public class PosteriorSummaryTests
    {
        [Test]
        public void ScalarLatent_MeanSdAndType7Quantiles()
        {
            // Draws 0, 1, ..., 10 in shuffled order: mean 5, central variance (sum (i-5)^2)/11 = 110/11 = 10,
            // 5% quantile at h = 0.05 * 10 = 0.5 -> 0.5, 95% at h = 9.5 -> 9.5.
            double[] values = { 7, 3, 10, 0, 5, 1, 9, 2, 8, 4, 6 };
            var rows = PosteriorSummary.Of("Mu", tensor(values, ScalarType.Float64), ess: tensor(4.5, ScalarType.Float64));
            Assert.That(rows, Has.Count.EqualTo(1));
            var row = rows[0];
            Assert.That(row.Label, Is.EqualTo("Mu"));
            Assert.That(row.Index, Is.Empty);
            Assert.That(row.Mean, Is.EqualTo(5.0).Within(1e-12));
            Assert.That(row.Sd, Is.EqualTo(Math.Sqrt(10.0)).Within(1e-12));
            Assert.That(row.Q05, Is.EqualTo(0.5).Within(1e-12));
            Assert.That(row.Q95, Is.EqualTo(9.5).Within(1e-12));
            Assert.That(row.Ess, Is.EqualTo(4.5));
        }

        [Test]
        public void PlateAndEventElements_InCOrder_WithEssRepeatedOverEvents()
        {
            // [N=5, plate 2, event 3]: element (p, e) holds draws (p * 3 + e) * 10 + {0, 1, 2, 3, 4}:
            // mean base + 2, sd sqrt(2), 5% at h = 0.2 -> base + 0.2, 95% at h = 3.8 -> base + 3.8.
            var draws = new double[5, 2, 3];
            for (int n = 0; n < 5; n++)
                for (int p = 0; p < 2; p++)
                    for (int e = 0; e < 3; e++)
                        draws[n, p, e] = (p * 3 + e) * 10 + n;
            var ess = tensor(new double[] { 1.5, 2.5 }, ScalarType.Float64);
            var rows = PosteriorSummary.Of("Z", tensor(draws, ScalarType.Float64), ess);

            Assert.That(rows.Select(r => r.Label), Is.EqualTo(new[] { "Z[0, 0]", "Z[0, 1]", "Z[0, 2]", "Z[1, 0]", "Z[1, 1]", "Z[1, 2]" }));
            for (int i = 0; i < 6; i++)
            {
                double b = i * 10;
                Assert.That(rows[i].Mean, Is.EqualTo(b + 2).Within(1e-12));
                Assert.That(rows[i].Sd, Is.EqualTo(Math.Sqrt(2.0)).Within(1e-12));
                Assert.That(rows[i].Q05, Is.EqualTo(b + 0.2).Within(1e-12));
                Assert.That(rows[i].Q95, Is.EqualTo(b + 3.8).Within(1e-12));
                Assert.That(rows[i].Ess, Is.EqualTo(i < 3 ? 1.5 : 2.5));
            }
        }

        [Test]
        public void Float32Draws_AreSummarisedInFloat64_AndEssIsOptional()
        {
            var rows = PosteriorSummary.Of("X", tensor(new float[] { 1f, 2f }));
            Assert.That(rows[0].Mean, Is.EqualTo(1.5).Within(1e-12));
            Assert.That(rows[0].Sd, Is.EqualTo(0.5).Within(1e-12));
            Assert.That(rows[0].Q05, Is.EqualTo(1.05).Within(1e-7));
            Assert.That(double.IsNaN(rows[0].Ess), Is.True);
        }

        [Test]
        public void EssOfTheWrongShape_IsRefusedWithBothShapes()
        {
            var draws = zeros(4, 3, ScalarType.Float64);
            var ex = Assert.Throws<ArgumentException>(() => PosteriorSummary.Of("Alpha", draws, zeros(2, ScalarType.Float64)));
            Assert.That(ex!.Message, Does.Contain("'Alpha'").And.Contain("[3]").And.Contain("[2]"));
        }

        [Test]
        public void NoDraws_IsRefused()
        {
            var ex = Assert.Throws<ArgumentException>(() => PosteriorSummary.Of("Beta", zeros(0, 2, ScalarType.Float64)));
            Assert.That(ex!.Message, Does.Contain("'Beta'").And.Contain("[0, 2]"));
        }

        [Test]
        public void Format_ShowsOneLinePerElement_AndCountsTheElided()
        {
            var rows = PosteriorSummary.Of("Z", arange(0.0, 12.0, dtype: ScalarType.Float64).reshape(3, 4));
            string table = PosteriorSummary.Format(rows, maxRowsPerLatent: 2);
            string[] lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.That(lines, Has.Length.EqualTo(4));
            Assert.That(lines[0], Does.StartWith("latent").And.Contain("ESS"));
            Assert.That(lines[1], Does.StartWith("Z[0]").And.Contain("4.0000"));   // mean of 0, 4, 8
            Assert.That(lines[3], Does.Contain("2 more elements of Z"));
        }
    }
}
