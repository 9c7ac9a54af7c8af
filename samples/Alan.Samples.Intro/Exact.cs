using System;

namespace Alan.Samples.Intro
{
    /// <summary>
    /// Closed-form answers for the intro model (Mu ~ N(0,1), x_i ~ N(Mu,1), i = 1..n), in doubles.
    /// Marginally x ~ MVN(0, I + 1 1^T); the posterior of Mu is Normal with precision 1 + n.
    /// </summary>
    public static class Exact
    {
        /// <summary>log p(x) for x ~ MVN(0, I + 1 1^T).</summary>
        /// <remarks>
        /// det(I + 1 1^T) = 1 + n and (I + 1 1^T)^-1 = I - 1 1^T / (1 + n) (Sherman-Morrison), so
        /// log p(x) = -n/2 log(2 pi) - 1/2 log(1 + n) - 1/2 (sum x_i^2 - (sum x_i)^2 / (1 + n)).
        /// </remarks>
        public static double LogEvidence(double[] x)
        {
            int n = x.Length;
            double sum = 0.0, sumSq = 0.0;
            foreach (double xi in x)
            {
                sum += xi;
                sumSq += xi * xi;
            }
            double quad = sumSq - sum * sum / (1.0 + n);
            return -0.5 * n * Math.Log(2.0 * Math.PI) - 0.5 * Math.Log(1.0 + n) - 0.5 * quad;
        }

        /// <summary>Posterior mean of Mu: sum x_i / (1 + n).</summary>
        public static double PosteriorMean(double[] x)
        {
            double sum = 0.0;
            foreach (double xi in x) sum += xi;
            return sum / (1.0 + x.Length);
        }

        /// <summary>Posterior standard deviation of Mu: 1 / sqrt(1 + n).</summary>
        public static double PosteriorSd(double[] x) => 1.0 / Math.Sqrt(1.0 + x.Length);
    }
}
