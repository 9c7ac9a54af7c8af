using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Samples.Posterior
{
    /// <summary>
    /// Closed-form answers for the part-2 model (linear-Gaussian, so everything is exact), in float64:
    /// Mu ~ N(0, s0^2), Z[c] ~ N(Mu, tau^2), Y[c,j] ~ N(Z[c], sigma^2), C clusters of J points.
    /// </summary>
    internal static class ClusteredExact
    {
        public const double PriorSd = 2.0;

        /// <summary>log p(Y; tau, sigma): Y ~ MVN(0, sigma^2 I + tau^2 (same-cluster ones) + s0^2 (all ones)).</summary>
        public static double LogEvidence(Tensor y, double tau, double sigma) =>
            LogEvidence(y.to_type(ScalarType.Float64), torch.tensor(Math.Log(tau), float64), torch.tensor(Math.Log(sigma), float64)).item<double>();

        /// <summary>The maximum-marginal-likelihood (type-II ML) tau and sigma, by Adam on the exact log evidence.</summary>
        public static (double Tau, double Sigma) MaximumLikelihood(Tensor y)
        {
            using var scope = torch.NewDisposeScope();
            var y64 = y.to_type(ScalarType.Float64);
            var logTau = new TorchSharp.Modules.Parameter(torch.tensor(0.0, float64));
            var logSigma = new TorchSharp.Modules.Parameter(torch.tensor(0.0, float64));
            var optimizer = torch.optim.Adam(new[] { logTau, logSigma }, lr: 0.05);
            var schedule = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma: 0.995);
            for (int i = 0; i < 1500; i++)
            {
                optimizer.zero_grad();
                (-LogEvidence(y64, logTau, logSigma)).backward();
                optimizer.step();
                schedule.step();
            }
            return (Math.Exp(logTau.item<double>()), Math.Exp(logSigma.item<double>()));
        }

        /// <summary>Exact posterior of Mu and of every Z[c] (mean and sd) given tau and sigma.</summary>
        /// <remarks>
        /// Cluster means ybar_c ~ N(Mu, v), v = tau^2 + sigma^2 / J, so Mu | Y has precision 1/s0^2 + C/v and mean
        /// (sum_c ybar_c / v) / precision. Given Mu, Z[c] | Y is Normal with precision J/sigma^2 + 1/tau^2 and mean
        /// a ybar_c + b Mu (a = (J/sigma^2)/precision, b = (1/tau^2)/precision); averaging over Mu | Y adds
        /// b^2 Var[Mu | Y] to its variance.
        /// </remarks>
        public static (double MuMean, double MuSd, double[] ZMean, double[] ZSd) Posterior(Tensor y, double tau, double sigma)
        {
            var ybar = y.to_type(ScalarType.Float64).mean(new long[] { 1 }).data<double>().ToArray();
            int c = ybar.Length;
            long j = y.shape[1];
            double v = tau * tau + sigma * sigma / j;
            double muPrecision = 1.0 / (PriorSd * PriorSd) + c / v;
            double sum = 0.0;
            foreach (double b in ybar) sum += b;
            double muMean = sum / v / muPrecision, muVar = 1.0 / muPrecision;

            double zPrecision = j / (sigma * sigma) + 1.0 / (tau * tau);
            double wy = j / (sigma * sigma) / zPrecision, wmu = 1.0 / (tau * tau) / zPrecision;
            var zMean = new double[c];
            var zSd = new double[c];
            for (int i = 0; i < c; i++)
            {
                zMean[i] = wy * ybar[i] + wmu * muMean;
                zSd[i] = Math.Sqrt(1.0 / zPrecision + wmu * wmu * muVar);
            }
            return (muMean, Math.Sqrt(muVar), zMean, zSd);
        }

        private static Tensor LogEvidence(Tensor y, Tensor logTau, Tensor logSigma)
        {
            long c = y.shape[0], j = y.shape[1], n = c * j;
            var cluster = torch.arange(c, dtype: ScalarType.Int64).repeat_interleave(j);
            var sameCluster = cluster.unsqueeze(1).eq(cluster.unsqueeze(0)).to_type(ScalarType.Float64);
            var covariance = (2 * logSigma).exp() * torch.eye(n, dtype: ScalarType.Float64)
                             + (2 * logTau).exp() * sameCluster
                             + PriorSd * PriorSd * torch.ones(n, n, dtype: ScalarType.Float64);
            var l = torch.linalg.cholesky(covariance);
            var x = y.reshape(n, 1);
            var alpha = torch.linalg.solve_triangular(l, x, upper: false);
            var logDet = 2 * l.diagonal().log().sum();
            return -0.5 * (n * Math.Log(2 * Math.PI) + logDet + alpha.pow(2).sum());
        }
    }
}
