using System;
using System.Linq;
using NUnit.Framework;
using TorchSharp;
using static Alan.Runtime.Tests.TestUtil;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>Log-densities of Categorical, Dirichlet and MultivariateNormal against closed forms computed with System.Math.</summary>
    public class VectorLogProbTests
    {
        private static readonly double[][] P = { new[] { 0.2, 0.3, 0.5 }, new[] { 0.1, 0.1, 0.8 } };

        [Test]
        public void CategoricalProbsAreNormalised()
        {
            // Unnormalised weights (rows scaled by 2 and 10) with the category dim last; values drop that dim.
            var probs = D(new long[] { 2, 3 }, 0.4, 0.6, 1.0, 1, 1, 8);
            var lp = new Categorical(probs: probs).LogProb(D(2, 0));
            AssertShape(lp, 2);
            AssertClose(lp, new[] { Math.Log(0.5), Math.Log(0.1) });
        }

        [Test]
        public void CategoricalLogitsAreNormalised()
        {
            var logits = D(new long[] { 2, 3 }, P.SelectMany(r => r.Select(v => Math.Log(v) + 3.0)).ToArray());
            var d = new Categorical(logits: logits);
            // int64 and float values, broadcast against the batch [2] of parameters.
            AssertClose(d.LogProb(torch.tensor(new long[] { 1, 2 })), new[] { Math.Log(0.3), Math.Log(0.8) });
            AssertClose(d.LogProb(D(new long[] { 3, 1 }, 0, 1, 2)),
                new[] { Math.Log(0.2), Math.Log(0.1), Math.Log(0.3), Math.Log(0.1), Math.Log(0.5), Math.Log(0.8) });
        }

        [Test]
        public void CategoricalSingleParameterVectorScoresManyValues()
        {
            var d = new Categorical(probs: D(0.2, 0.3, 0.5));
            var lp = d.LogProb(torch.tensor(new long[] { 0, 2, 2, 1 }));
            AssertClose(lp, new[] { Math.Log(0.2), Math.Log(0.5), Math.Log(0.5), Math.Log(0.3) });
            Assert.That(d.LogProb(torch.tensor(1L)).dim(), Is.EqualTo(0));
        }

        private static double DirichletLogPdf(double[] a, double[] x) =>
            Lgamma(a.Sum()) - a.Sum(Lgamma) + a.Zip(x, (ai, xi) => (ai - 1) * Math.Log(xi)).Sum();

        [Test]
        public void Dirichlet()
        {
            double[][] a = { new[] { 1.0, 2, 3 }, new[] { 0.5, 0.5, 4 } };
            var d = new Dirichlet(D(new long[] { 2, 3 }, a.SelectMany(r => r).ToArray()));
            var lp = d.LogProb(D(new long[] { 2, 3 }, P.SelectMany(r => r).ToArray()));
            AssertShape(lp, 2);
            AssertClose(lp, new[] { DirichletLogPdf(a[0], P[0]), DirichletLogPdf(a[1], P[1]) });

            // A single concentration vector against a batch of values.
            var single = new Dirichlet(D(a[1])).LogProb(D(new long[] { 2, 3 }, P.SelectMany(r => r).ToArray()));
            AssertClose(single, new[] { DirichletLogPdf(a[1], P[0]), DirichletLogPdf(a[1], P[1]) });
            Assert.That(Scalar(new Dirichlet(D(a[0])).LogProb(D(-0.1, 0.6, 0.5))), Is.EqualTo(double.NegativeInfinity));
        }

        // Reference MVN density: Cholesky, forward substitution and log-determinant written out in C#.
        private static double MvnLogPdf(double[] mu, double[,] cov, double[] x)
        {
            int n = mu.Length;
            var l = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j <= i; j++)
                {
                    double s = cov[i, j];
                    for (int k = 0; k < j; k++) s -= l[i, k] * l[j, k];
                    l[i, j] = i == j ? Math.Sqrt(s) : s / l[j, j];
                }
            var z = new double[n];
            double maha = 0, logDet = 0;
            for (int i = 0; i < n; i++)
            {
                double s = x[i] - mu[i];
                for (int k = 0; k < i; k++) s -= l[i, k] * z[k];
                z[i] = s / l[i, i];
                maha += z[i] * z[i];
                logDet += 2 * Math.Log(l[i, i]);
            }
            return -0.5 * (n * Math.Log(2 * Math.PI) + logDet + maha);
        }

        private static readonly double[,] Cov = { { 2.0, 0.3, -0.4 }, { 0.3, 1.5, 0.2 }, { -0.4, 0.2, 0.8 } };
        private static readonly double[][] Mu = { new[] { 0.0, 1, -1 }, new[] { 0.5, -0.5, 2 } };
        private static readonly double[][] X = { new[] { 0.3, 0.2, -1.5 }, new[] { 3.0, -2, 0 } };

        private static Tensor CovTensor() => D(new long[] { 3, 3 }, Cov.Cast<double>().ToArray());

        [Test]
        public void MultivariateNormalWithCovariance()
        {
            var d = new MultivariateNormal(D(new long[] { 2, 3 }, Mu.SelectMany(r => r).ToArray()), covarianceMatrix: CovTensor());
            var lp = d.LogProb(D(new long[] { 2, 3 }, X.SelectMany(r => r).ToArray()));
            AssertShape(lp, 2);
            AssertClose(lp, new[] { MvnLogPdf(Mu[0], Cov, X[0]), MvnLogPdf(Mu[1], Cov, X[1]) });
        }

        [Test]
        public void MultivariateNormalWithScaleTrilAndBatchedMatrices()
        {
            var l = torch.linalg.cholesky(CovTensor());
            var cov2 = new double[3, 3];
            for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) cov2[i, j] = 4 * Cov[i, j];
            var tril = torch.stack(new[] { l, 2 * l }); // [2, 3, 3]: covariances Cov and 4 Cov
            var d = new MultivariateNormal(D(Mu[0]), scaleTril: tril);
            var lp = d.LogProb(D(new long[] { 2, 3 }, X.SelectMany(r => r).ToArray()));
            AssertClose(lp, new[] { MvnLogPdf(Mu[0], Cov, X[0]), MvnLogPdf(Mu[0], cov2, X[1]) });

            // value [3, 1, 3] against the batch [2] of matrices: [3, 2].
            var x3 = D(new long[] { 3, 1, 3 }, X[0].Concat(X[1]).Concat(Mu[0]).ToArray());
            var lp3 = d.LogProb(x3);
            AssertShape(lp3, 3, 2);
            var xs = new[] { X[0], X[1], Mu[0] };
            AssertClose(lp3, xs.SelectMany(x => new[] { MvnLogPdf(Mu[0], Cov, x), MvnLogPdf(Mu[0], cov2, x) }).ToArray());
        }

        private static readonly double[,] Factor = { { 1.0, 0.5 }, { -0.3, 2.0 }, { 0.7, -1.1 } };
        private static readonly double[] Diagonal = { 0.4, 1.3, 0.25 };

        /// <summary>W Wᵀ + diag(d) written out.</summary>
        private static double[,] LowRankCovariance(double[,] w, double[] d, double factorScale = 1.0)
        {
            int n = d.Length, r = w.GetLength(1);
            var c = new double[n, n];
            for (int i = 0; i < n; i++)
                for (int j = 0; j < n; j++)
                {
                    double s = i == j ? d[i] : 0.0;
                    for (int k = 0; k < r; k++) s += factorScale * factorScale * w[i, k] * w[j, k];
                    c[i, j] = s;
                }
            return c;
        }

        [Test]
        public void LowRankMultivariateNormalEqualsTheFullCovariance()
        {
            var w = D(new long[] { 3, 2 }, Factor.Cast<double>().ToArray());
            var d = new LowRankMultivariateNormal(D(new long[] { 2, 3 }, Mu.SelectMany(r => r).ToArray()), w, D(Diagonal));
            var lp = d.LogProb(D(new long[] { 2, 3 }, X.SelectMany(r => r).ToArray()));
            AssertShape(lp, 2);
            var cov = LowRankCovariance(Factor, Diagonal);
            AssertClose(lp, new[] { MvnLogPdf(Mu[0], cov, X[0]), MvnLogPdf(Mu[1], cov, X[1]) });
        }

        [Test]
        public void LowRankMultivariateNormalBroadcastsBatchedFactors()
        {
            // factors [2, 3, 2]: W and 3 W; values [3, 1, 3] against that batch of two: [3, 2]
            var w = D(new long[] { 3, 2 }, Factor.Cast<double>().ToArray());
            var d = new LowRankMultivariateNormal(D(Mu[0]), torch.stack(new[] { w, 3 * w }), D(Diagonal));
            var xs = new[] { X[0], X[1], Mu[1] };
            var lp = d.LogProb(D(new long[] { 3, 1, 3 }, xs.SelectMany(x => x).ToArray()));
            AssertShape(lp, 3, 2);
            var c1 = LowRankCovariance(Factor, Diagonal);
            var c3 = LowRankCovariance(Factor, Diagonal, 3.0);
            AssertClose(lp, xs.SelectMany(x => new[] { MvnLogPdf(Mu[0], c1, x), MvnLogPdf(Mu[0], c3, x) }).ToArray());
        }

        [Test]
        public void LowRankMultivariateNormalRefusesMismatchedSizes()
        {
            var ex = Assert.Throws<ArgumentException>(() =>
                new LowRankMultivariateNormal(D(Mu[0]), torch.zeros(4, 2, dtype: ScalarType.Float64), D(Diagonal)));
            Assert.That(ex!.Message, Does.Contain("covFactor").And.Contain("[4, 2]").And.Contain("[..., 3, rank]"));
            ex = Assert.Throws<ArgumentException>(() =>
                new LowRankMultivariateNormal(D(Mu[0]), D(new long[] { 3, 2 }, Factor.Cast<double>().ToArray()), D(1.0, 2.0)));
            Assert.That(ex!.Message, Does.Contain("covDiagonal").And.Contain("[2]"));
        }
    }
}
