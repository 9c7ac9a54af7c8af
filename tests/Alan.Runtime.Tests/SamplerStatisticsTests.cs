using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using TorchSharp;
using static Alan.Runtime.Tests.TestUtil;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// Statistical sanity of every sampler: 200k draws at a fixed seed. Band: the sample mean must lie within
    /// 6 standard errors (sqrt(Var / N), analytic variance) of the analytic mean, and the sample variance within
    /// 6 standard errors of the analytic variance, where the standard error of the variance is estimated from the
    /// draws as sd((x - mean)^2) / sqrt(N). Heavy-tailed families (Cauchy, HalfCauchy) are checked through CDF
    /// values instead: the fraction of draws below a point must be within 6 sqrt(F (1 - F) / N) of F.
    /// </summary>
    public class SamplerStatisticsTests
    {
        private const long N = 200_000;
        private const double Band = 6.0;

        private static double G(double x) => Math.Exp(Lgamma(x));

        /// <summary>Analytic (mean, variance) for each configuration of <see cref="Families.Univariate"/>.</summary>
        private static readonly Dictionary<string, (double Mean, double Var)> Moments = new()
        {
            ["Normal"] = (0.5, 4.0),
            ["LogNormal"] = (Math.Exp(0.2 + 0.125), (Math.Exp(0.25) - 1) * Math.Exp(0.4 + 0.25)),
            ["HalfNormal"] = (1.5 * Math.Sqrt(2 / Math.PI), 2.25 * (1 - 2 / Math.PI)),
            ["StudentT"] = (1.0, 4.0 * 10 / 8),
            ["HalfStudentT"] = HalfT(10.0, 2.0),
            ["TruncatedNormal"] = Truncated(0.5, 2.0, -1.0, 4.0),
            ["TruncatedNormal(upper tail)"] = Truncated(0.0, 1.0, 2.5, 6.0),
            ["Laplace"] = (1.0, 2 * 4.0),
            ["Gumbel"] = (1.0 + 2.0 * 0.57721566490153286, Math.PI * Math.PI * 4.0 / 6),
            ["Uniform"] = (1.0, 16.0 / 12),
            ["Exponential"] = (0.5, 0.25),
            ["Gamma"] = (2.5 / 1.5, 2.5 / 2.25),
            ["Gamma(small concentration)"] = (0.15, 0.3 / 4),
            ["Weibull"] = (2 * G(1 + 1 / 1.5), 4 * (G(1 + 2 / 1.5) - Math.Pow(G(1 + 1 / 1.5), 2))),
            ["Beta"] = (0.4, 6.0 / (25 * 6)),
            ["Bernoulli(probs)"] = (0.3, 0.21),
            ["Bernoulli(logits)"] = Bern(1 / (1 + Math.Exp(0.5))),
            ["Binomial(probs)"] = (3.0, 2.1),
            ["Binomial(logits)"] = (10 * Sig(0.7), 10 * Sig(0.7) * (1 - Sig(0.7))),
            ["Geometric(probs)"] = (0.7 / 0.3, 0.7 / 0.09),
            ["Geometric(logits)"] = Geom(Sig(-0.5)),
            ["Poisson"] = (3.5, 3.5),
            ["NegativeBinomial(probs)"] = (3 * 0.4 / 0.6, 3 * 0.4 / 0.36),
            ["NegativeBinomial(logits)"] = NegBin(2.5, Sig(-0.3)),
        };

        /// <summary>HalfStudentT(df, scale): mean 2 s sqrt(df / pi) G((df + 1) / 2) / (G(df / 2) (df - 1)), variance s^2 df / (df - 2) - mean^2.</summary>
        private static (double, double) HalfT(double df, double s)
        {
            double mean = 2 * s * Math.Sqrt(df / Math.PI) * Math.Exp(Lgamma((df + 1) / 2) - Lgamma(df / 2)) / (df - 1);
            return (mean, s * s * df / (df - 2) - mean * mean);
        }

        /// <summary>The truncated normal's mean and variance by the standard formulas, the mass Z by quadrature.</summary>
        private static (double, double) Truncated(double loc, double scale, double low, double high)
        {
            double a = (low - loc) / scale, b = (high - loc) / scale, z = NormalMass(a, b);
            double r = (NormalPdf(a) - NormalPdf(b)) / z;
            return (loc + scale * r, scale * scale * (1 + (a * NormalPdf(a) - b * NormalPdf(b)) / z - r * r));
        }

        private static double Sig(double l) => 1 / (1 + Math.Exp(-l));
        private static (double, double) Bern(double p) => (p, p * (1 - p));
        private static (double, double) Geom(double p) => ((1 - p) / p, (1 - p) / (p * p));
        private static (double, double) NegBin(double r, double p) => (r * p / (1 - p), r * p / ((1 - p) * (1 - p)));

        public static IEnumerable<Family> WithMoments() => Families.Univariate().Where(f => Moments.ContainsKey(f.Name));

        private static void CheckMoments(double[] x, double mean, double variance, string label)
        {
            double m = x.Average();
            double[] sq = x.Select(v => (v - m) * (v - m)).ToArray();
            double s2 = sq.Sum() / (x.Length - 1);
            double sq2 = sq.Average(), seVar = Math.Sqrt(sq.Select(v => (v - sq2) * (v - sq2)).Average() / x.Length);
            Assert.That(m, Is.EqualTo(mean).Within(Band * Math.Sqrt(variance / x.Length)), $"{label}: mean");
            Assert.That(s2, Is.EqualTo(variance).Within(Band * seVar), $"{label}: variance");
        }

        private static void CheckCdf(double[] x, double point, double cdf, string label)
        {
            double frac = x.Count(v => v <= point) / (double)x.Length;
            Assert.That(frac, Is.EqualTo(cdf).Within(Band * Math.Sqrt(cdf * (1 - cdf) / x.Length)), $"{label}: F({point})");
        }

        [TestCaseSource(nameof(WithMoments))]
        public void UnivariateMoments(Family f)
        {
            torch.manual_seed(20240601);
            var x = Values(f.Make(f.ScalarParams()).Sample(new[] { N }, ScalarType.Float64, false));
            var (mean, variance) = Moments[f.Name];
            CheckMoments(x, mean, variance, f.Name);
        }

        [Test]
        public void CauchyQuantiles()
        {
            torch.manual_seed(11);
            var x = Values(new Cauchy(1.0, 2.0).Sample(new[] { N }, ScalarType.Float64, false));
            CheckCdf(x, 1.0, 0.5, "Cauchy");
            CheckCdf(x, 3.0, 0.75, "Cauchy");
            CheckCdf(x, -1.0, 0.25, "Cauchy");
            CheckCdf(x, 11.0, 0.5 + Math.Atan(5) / Math.PI, "Cauchy");
        }

        [Test]
        public void HalfCauchyQuantiles()
        {
            torch.manual_seed(12);
            var x = Values(new HalfCauchy(2.0).Sample(new[] { N }, ScalarType.Float64, false));
            Assert.That(x.Min(), Is.GreaterThanOrEqualTo(0));
            foreach (var point in new[] { 0.5, 2.0, 6.0 })
                CheckCdf(x, point, 2 / Math.PI * Math.Atan(point / 2.0), "HalfCauchy");
        }

        [Test]
        public void CategoricalFrequencies()
        {
            foreach (var useLogits in new[] { false, true })
            {
                torch.manual_seed(13);
                var p = D(Families.CategoricalProbs);
                var d = useLogits ? new Categorical(logits: (p * 7).log()) : new Categorical(probs: p * 7);
                var x = Values(d.Sample(new[] { N }, ScalarType.Float64, false));
                for (int k = 0; k < 3; k++)
                {
                    double pk = Families.CategoricalProbs[k];
                    double frac = x.Count(v => v == k) / (double)N;
                    Assert.That(frac, Is.EqualTo(pk).Within(Band * Math.Sqrt(pk * (1 - pk) / N)), $"category {k}");
                }
            }
        }

        [Test]
        public void DirichletComponentMoments()
        {
            torch.manual_seed(14);
            var a = Families.DirichletConcentration;
            double a0 = a.Sum();
            var x = new Dirichlet(D(a)).Sample(new[] { N }, ScalarType.Float64, false);
            for (int i = 0; i < a.Length; i++)
            {
                var xi = Values(x[.., i]);
                CheckMoments(xi, a[i] / a0, a[i] * (a0 - a[i]) / (a0 * a0 * (a0 + 1)), $"Dirichlet[{i}]");
            }
        }

        [TestCase(false), TestCase(true)]
        public void MultivariateNormalMeanAndCovariance(bool useScaleTril)
        {
            torch.manual_seed(15);
            var cov = Families.Covariance();
            var loc = D(Families.MvnLoc);
            var d = useScaleTril
                ? new MultivariateNormal(loc, scaleTril: torch.linalg.cholesky(cov))
                : new MultivariateNormal(loc, covarianceMatrix: cov);
            var x = d.Sample(new[] { N }, ScalarType.Float64, false);
            AssertShape(x, N, 3);
            var c = Values(cov);
            var cols = Enumerable.Range(0, 3).Select(i => Values(x[.., i])).ToArray();
            for (int i = 0; i < 3; i++)
            {
                CheckMoments(cols[i], Families.MvnLoc[i], c[4 * i], $"MVN[{i}]");
                for (int j = 0; j < i; j++)
                {
                    // Covariance entry: the mean of the products of deviations, with its empirical standard error.
                    double mi = cols[i].Average(), mj = cols[j].Average();
                    var prod = cols[i].Zip(cols[j], (u, v) => (u - mi) * (v - mj)).ToArray();
                    double pm = prod.Average(), se = Math.Sqrt(prod.Select(v => (v - pm) * (v - pm)).Average() / N);
                    Assert.That(pm, Is.EqualTo(c[3 * i + j]).Within(Band * se), $"MVN cov[{i},{j}]");
                }
            }
        }

        [Test]
        public void LowRankMultivariateNormalMeanAndCovariance()
        {
            // covariance W Wᵀ + diag(d) with W [3, 2]
            torch.manual_seed(16);
            double[,] w = { { 1.0, 0.5 }, { -0.3, 2.0 }, { 0.7, -1.1 } };
            double[] diagonal = { 0.4, 1.3, 0.25 };
            var d = new LowRankMultivariateNormal(D(Families.MvnLoc), D(new long[] { 3, 2 }, w.Cast<double>().ToArray()), D(diagonal));
            var x = d.Sample(new[] { N }, ScalarType.Float64, false);
            AssertShape(x, N, 3);
            var cols = Enumerable.Range(0, 3).Select(i => Values(x[.., i])).ToArray();
            double Cov(int i, int j) => (i == j ? diagonal[i] : 0.0) + w[i, 0] * w[j, 0] + w[i, 1] * w[j, 1];
            for (int i = 0; i < 3; i++)
            {
                CheckMoments(cols[i], Families.MvnLoc[i], Cov(i, i), $"LowRankMVN[{i}]");
                for (int j = 0; j < i; j++)
                {
                    double mi = cols[i].Average(), mj = cols[j].Average();
                    var prod = cols[i].Zip(cols[j], (u, v) => (u - mi) * (v - mj)).ToArray();
                    double pm = prod.Average(), se = Math.Sqrt(prod.Select(v => (v - pm) * (v - pm)).Average() / N);
                    Assert.That(pm, Is.EqualTo(Cov(i, j)).Within(Band * se), $"LowRankMVN cov[{i},{j}]");
                }
            }
        }
    }
}
