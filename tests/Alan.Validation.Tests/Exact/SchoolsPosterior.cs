using System;

namespace Alan.Validation.Tests.Exact
{
    /// <summary>
    /// The eight schools posterior (mu ~ N(0, muSd^2), tau ~ HalfNormal(tauScale), theta_j ~ N(mu, tau^2),
    /// y_j ~ N(theta_j, sigma_j^2); eta_j = (theta_j - mu) / tau) by 1-D quadrature over tau. Given tau, with
    /// s_j^2 = sigma_j^2 + tau^2:
    /// <list type="bullet">
    /// <item>mu | tau, y ~ N(m, v) with 1 / v = 1 / muSd^2 + sum 1 / s_j^2, m = v sum y_j / s_j^2;</item>
    /// <item>p(y | tau) is proportional to prod_j s_j^-1 v^(1/2) exp(-(sum y_j^2 / s_j^2 - m^2 / v) / 2);</item>
    /// <item>theta_j | mu, tau, y ~ N((tau^2 y_j + sigma_j^2 mu) / s_j^2, sigma_j^2 tau^2 / s_j^2), so
    ///   E[theta_j | tau, y] = (tau^2 y_j + sigma_j^2 m) / s_j^2 and
    ///   Var[theta_j | tau, y] = sigma_j^2 tau^2 / s_j^2 + (sigma_j^2 / s_j^2)^2 v;</item>
    /// <item>eta_j | mu, tau, y ~ N(tau (y_j - mu) / s_j^2, sigma_j^2 / s_j^2), so E[eta_j | tau, y] = tau (y_j - m) / s_j^2
    ///   and Var[eta_j | tau, y] = sigma_j^2 / s_j^2 + tau^2 v / s_j^4 (finite as tau goes to 0).</item>
    /// </list>
    /// The posterior of tau is p(tau) p(y | tau), integrated by the midpoint rule on (0, tauMax]. Its density depends on
    /// tau through tau^2 only (an even function), so the rule's endpoint error at 0 vanishes for the weight itself; the
    /// moment E[tau] keeps an O(h^2) term, about 1e-9 of tau's sd at the default 200,000 points on (0, 80] (spacing 4e-4).
    /// Beyond 80 the prior HalfNormal(5) leaves less than exp(-128).
    /// </summary>
    public sealed record SchoolsPosterior(ExactMoment Mu, ExactMoment Tau, ExactMoment[] Theta, ExactMoment[] Eta)
    {
        public static SchoolsPosterior Compute(double[] y, double[] sigma, double muSd = 5, double tauScale = 5, int points = 200_000, double tauMax = 80)
        {
            int j = y.Length;
            if (sigma.Length != j) throw new ArgumentException($"SchoolsPosterior: {j} effects but {sigma.Length} standard errors.", nameof(sigma));
            double h = tauMax / points;
            var logWeights = new double[points];
            double max = double.NegativeInfinity;
            for (int i = 0; i < points; i++)
            {
                double tau = (i + 0.5) * h;
                double logPrior = -0.5 * tau * tau / (tauScale * tauScale);
                logWeights[i] = logPrior + MuGivenTau(y, sigma, muSd, tau).LogLikelihood;
                max = Math.Max(max, logWeights[i]);
            }
            double mass = 0, muFirst = 0, muSecond = 0, tauFirst = 0, tauSecond = 0;
            var thetaFirst = new double[j];
            var thetaSecond = new double[j];
            var etaFirst = new double[j];
            var etaSecond = new double[j];
            for (int i = 0; i < points; i++)
            {
                double tau = (i + 0.5) * h, t2 = tau * tau;
                double w = Math.Exp(logWeights[i] - max);
                var (m, v, _) = MuGivenTau(y, sigma, muSd, tau);
                mass += w;
                muFirst += w * m;
                muSecond += w * (v + m * m);
                tauFirst += w * tau;
                tauSecond += w * t2;
                for (int k = 0; k < j; k++)
                {
                    double s2 = sigma[k] * sigma[k], total = s2 + t2, shrink = s2 / total;
                    double thetaMean = (t2 * y[k] + s2 * m) / total;
                    double thetaVariance = s2 * t2 / total + shrink * shrink * v;
                    thetaFirst[k] += w * thetaMean;
                    thetaSecond[k] += w * (thetaVariance + thetaMean * thetaMean);
                    double etaMean = tau * (y[k] - m) / total;
                    double etaVariance = shrink + t2 * v / (total * total);
                    etaFirst[k] += w * etaMean;
                    etaSecond[k] += w * (etaVariance + etaMean * etaMean);
                }
            }
            ExactMoment Moment(string latent, long[] index, double first, double second)
            {
                double mean = first / mass;
                return new ExactMoment(latent, index, mean, Math.Sqrt(second / mass - mean * mean));
            }
            var theta = new ExactMoment[j];
            var eta = new ExactMoment[j];
            for (int k = 0; k < j; k++)
            {
                theta[k] = Moment("Theta", new long[] { k }, thetaFirst[k], thetaSecond[k]);
                eta[k] = Moment("Eta", new long[] { k }, etaFirst[k], etaSecond[k]);
            }
            return new SchoolsPosterior(Moment("Mu", Array.Empty<long>(), muFirst, muSecond), Moment("Tau", Array.Empty<long>(), tauFirst, tauSecond), theta, eta);
        }

        /// <summary>mu | tau, y ~ N(m, v), and log p(y | tau) up to a constant that does not depend on tau.</summary>
        public static (double Mean, double Variance, double LogLikelihood) MuGivenTau(double[] y, double[] sigma, double muSd, double tau)
        {
            double precision = 1 / (muSd * muSd), weighted = 0, squares = 0, logDet = 0;
            for (int k = 0; k < y.Length; k++)
            {
                double s2 = sigma[k] * sigma[k] + tau * tau;
                precision += 1 / s2;
                weighted += y[k] / s2;
                squares += y[k] * y[k] / s2;
                logDet += Math.Log(s2);
            }
            double variance = 1 / precision, mean = variance * weighted;
            double logLikelihood = -0.5 * logDet + 0.5 * Math.Log(variance) - 0.5 * (squares - mean * mean / variance);
            return (mean, variance, logLikelihood);
        }
    }
}
