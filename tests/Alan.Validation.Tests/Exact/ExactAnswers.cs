using System;
using System.Collections.Generic;
using System.Linq;
using Alan.Validation.Tests.DataSets;

namespace Alan.Validation.Tests.Exact
{
    /// <summary>
    /// The exact posterior of each validation model, from its data set, in float64 and without TorchSharp. Element
    /// indices follow <c>PosteriorSummaryRow</c>: plate dims first, then event dims.
    /// </summary>
    public static class ExactAnswers
    {
        /// <summary>Points per dim of the final 2-D grids: spacing 0.1 sd over mean +- 10 sds.</summary>
        public const int GridPoints2D = 201;

        /// <summary>Points per dim of the final 3-D grid: spacing 0.25 sd over mean +- 10 sds.</summary>
        public const int GridPoints3D = 81;

        /// <summary>linreg: the Gaussian posterior of (alpha, beta_1..3), design [1, x_n], prior sds (100, 10, 10, 10).</summary>
        public static GaussianLinearPosterior LinearRegressionPosterior(LinearRegressionData data)
        {
            var design = new double[data.N, data.P + 1];
            for (int n = 0; n < data.N; n++)
            {
                design[n, 0] = 1;
                for (int j = 0; j < data.P; j++) design[n, j + 1] = data.X[n][j];
            }
            var priorSd = new double[data.P + 1];
            priorSd[0] = 100;
            for (int j = 1; j <= data.P; j++) priorSd[j] = 10;
            return GaussianLinearPosterior.Compute(design, data.Y, data.Sigma, priorSd);
        }

        public static IReadOnlyList<ExactMoment> LinearRegression(LinearRegressionData data)
        {
            var posterior = LinearRegressionPosterior(data);
            return new[] { ExactMoment.Scalar("Alpha", posterior.Mean[0], posterior.Sd(0)) }
                .Concat(Enumerable.Range(0, data.P).Select(j => ExactMoment.Element("Beta", j, posterior.Mean[j + 1], posterior.Sd(j + 1))))
                .ToList();
        }

        /// <summary>nigreg: design [1, x_n], prior sds (100, 10) per unit precision, tau ~ Gamma(2, rate 2).</summary>
        public static NormalGammaPosterior NormalGammaRegressionPosterior(NormalGammaRegressionData data)
        {
            var design = new double[data.N, 2];
            for (int n = 0; n < data.N; n++)
            {
                design[n, 0] = 1;
                design[n, 1] = data.X[n];
            }
            return NormalGammaPosterior.Compute(design, data.Y, new[] { 100.0, 10.0 }, priorShape: 2, priorRate: 2);
        }

        public static IReadOnlyList<ExactMoment> NormalGammaRegression(NormalGammaRegressionData data)
        {
            var posterior = NormalGammaRegressionPosterior(data);
            return new[]
            {
                ExactMoment.Scalar("Tau", posterior.PrecisionMean, posterior.PrecisionSd),
                ExactMoment.Scalar("Alpha", posterior.CoefficientMean[0], posterior.CoefficientSd(0)),
                ExactMoment.Scalar("Beta", posterior.CoefficientMean[1], posterior.CoefficientSd(1)),
            };
        }

        /// <summary>schools, centred: Mu, Tau and Theta_j.</summary>
        public static IReadOnlyList<ExactMoment> SchoolsCentred(SchoolsData data)
        {
            var posterior = SchoolsPosterior.Compute(data.Y, data.Sigma);
            return new[] { posterior.Mu, posterior.Tau }.Concat(posterior.Theta).ToList();
        }

        /// <summary>schools, non-centred: Mu, Tau and Eta_j.</summary>
        public static IReadOnlyList<ExactMoment> SchoolsNonCentred(SchoolsData data)
        {
            var posterior = SchoolsPosterior.Compute(data.Y, data.Sigma);
            return new[] { posterior.Mu, posterior.Tau }.Concat(posterior.Eta).ToList();
        }

        /// <summary>log p(a, b | y) + constant for logistic regression with N(0, 2.5^2) priors.</summary>
        public static Func<double[], double> LogisticLogDensity(LogisticData data) => p =>
        {
            double a = p[0], b = p[1];
            double logDensity = -(a * a + b * b) / (2 * 2.5 * 2.5);
            for (int n = 0; n < data.N; n++)
            {
                double eta = a + b * data.X[n];
                // log p(y | eta) = y eta - log(1 + e^eta), with log(1 + e^eta) = max(eta, 0) + log(1 + e^-|eta|)
                logDensity += data.Y[n] * eta - (Math.Max(eta, 0) + Math.Log(1 + Math.Exp(-Math.Abs(eta))));
            }
            return logDensity;
        };

        /// <summary>log p(a, b | y) + constant for Poisson regression with N(0, 2.5^2) priors (log y! dropped).</summary>
        public static Func<double[], double> PoissonLogDensity(PoissonData data) => p =>
        {
            double a = p[0], b = p[1];
            double logDensity = -(a * a + b * b) / (2 * 2.5 * 2.5);
            for (int n = 0; n < data.N; n++)
            {
                double eta = a + b * data.X[n];
                logDensity += data.Y[n] * eta - Math.Exp(eta);
            }
            return logDensity;
        };

        /// <summary>
        /// log p(w, mu_1, mu_2 | y) + constant for the mixture: Beta(2, 2) gives log w + log(1 - w), Ordered(N(0, 5^2), 2)
        /// gives -(mu_1^2 + mu_2^2) / 50 on mu_1 &lt; mu_2 (and -inf elsewhere), each point log(w phi(y - mu_1) +
        /// (1 - w) phi(y - mu_2)) by log-sum-exp.
        /// </summary>
        public static Func<double[], double> MixtureLogDensity(MixtureData data) => p =>
        {
            double w = p[0], mu1 = p[1], mu2 = p[2];
            if (!(w > 0 && w < 1) || !(mu1 < mu2)) return double.NegativeInfinity;
            double logW = Math.Log(w), logRest = Math.Log(1 - w);
            double logDensity = logW + logRest - (mu1 * mu1 + mu2 * mu2) / 50;
            foreach (double y in data.Y)
            {
                double first = logW - 0.5 * (y - mu1) * (y - mu1), second = logRest - 0.5 * (y - mu2) * (y - mu2);
                double max = Math.Max(first, second);
                logDensity += max + Math.Log(Math.Exp(first - max) + Math.Exp(second - max));
            }
            return logDensity;
        };

        /// <summary>The search box of the 2-D regressions: well beyond where N(0, 2.5^2) priors and 100 points leave mass.</summary>
        public static readonly double[] RegressionLower = { -6, -6 }, RegressionUpper = { 6, 6 };

        /// <summary>The search box of the mixture: w in (0, 1), means within +- 12 (2.4 prior sds beyond every data point).</summary>
        public static readonly double[] MixtureLower = { 1e-9, -12, -12 }, MixtureUpper = { 1 - 1e-9, 12, 12 };

        public static IReadOnlyList<ExactMoment> Logistic(LogisticData data) =>
            TwoCoefficients(GridPosterior.Refined(LogisticLogDensity(data), RegressionLower, RegressionUpper, GridPoints2D));

        public static IReadOnlyList<ExactMoment> Poisson(PoissonData data) =>
            TwoCoefficients(GridPosterior.Refined(PoissonLogDensity(data), RegressionLower, RegressionUpper, GridPoints2D));

        public static IReadOnlyList<ExactMoment> Mixture(MixtureData data)
        {
            var m = GridPosterior.Refined(MixtureLogDensity(data), MixtureLower, MixtureUpper, GridPoints3D);
            return new[]
            {
                ExactMoment.Scalar("W", m.Mean[0], m.Sd(0)),
                ExactMoment.Element("Mu", 0, m.Mean[1], m.Sd(1)),
                ExactMoment.Element("Mu", 1, m.Mean[2], m.Sd(2)),
            };
        }

        /// <summary>hmm: p(Z0 = s | y) and p(Z_t = s | y) by forward-backward, emission sd 1.</summary>
        public static (double[] Init, double[,] Steps) Hmm(HmmData data) =>
            ForwardBackward.Marginals(data.Init, data.Transition, data.Mu, 1.0, data.Y);

        private static IReadOnlyList<ExactMoment> TwoCoefficients(GridMoments m) =>
            new[] { ExactMoment.Scalar("A", m.Mean[0], m.Sd(0)), ExactMoment.Scalar("B", m.Mean[1], m.Sd(1)) };
    }
}
