using System;

namespace Alan.Validation.Tests.Exact
{
    /// <summary>
    /// Exact state marginals of the validation HMM: z_init ~ Categorical(init) (no emission), z_t | z_{t-1} ~
    /// Categorical(transition[z_{t-1}]) and y_t | z_t ~ N(mu[z_t], emissionSd^2) for t = 0..T-1 (z_{-1} = z_init). The
    /// forward pass alpha_t(s) = p(z_t = s | y_0..t) and the backward pass beta_t(s) proportional to
    /// p(y_t+1..T-1 | z_t = s) are each normalised at every step (the scale cancels in the marginals
    /// alpha_t beta_t / sum(alpha_t beta_t)).
    /// </summary>
    public static class ForwardBackward
    {
        /// <summary>p(z_init = s | y) and p(z_t = s | y) as [T, S].</summary>
        public static (double[] Init, double[,] Steps) Marginals(double[] init, double[][] transition, double[] mu, double emissionSd, double[] y)
        {
            int states = init.Length, steps = y.Length;
            if (transition.Length != states || mu.Length != states)
                throw new ArgumentException($"ForwardBackward: {states} initial probabilities, {transition.Length} transition rows and {mu.Length} means; they must agree.");
            // alpha[t + 1] is the filter after step t; alpha[0] the initial distribution.
            var alpha = new double[steps + 1, states];
            for (int s = 0; s < states; s++) alpha[0, s] = init[s];
            for (int t = 0; t < steps; t++)
            {
                double total = 0;
                for (int s = 0; s < states; s++)
                {
                    double predicted = 0;
                    for (int r = 0; r < states; r++) predicted += alpha[t, r] * transition[r][s];
                    alpha[t + 1, s] = predicted * Emission(y[t], mu[s], emissionSd);
                    total += alpha[t + 1, s];
                }
                for (int s = 0; s < states; s++) alpha[t + 1, s] /= total;
            }
            var beta = new double[steps + 1, states];
            for (int s = 0; s < states; s++) beta[steps, s] = 1;
            for (int t = steps - 1; t >= 0; t--)
            {
                double total = 0;
                for (int r = 0; r < states; r++)
                {
                    double sum = 0;
                    for (int s = 0; s < states; s++) sum += transition[r][s] * Emission(y[t], mu[s], emissionSd) * beta[t + 1, s];
                    beta[t, r] = sum;
                    total += sum;
                }
                for (int r = 0; r < states; r++) beta[t, r] /= total;
            }
            var marginals = new double[steps + 1, states];
            for (int t = 0; t <= steps; t++)
            {
                double total = 0;
                for (int s = 0; s < states; s++) total += marginals[t, s] = alpha[t, s] * beta[t, s];
                for (int s = 0; s < states; s++) marginals[t, s] /= total;
            }
            var first = new double[states];
            var rest = new double[steps, states];
            for (int s = 0; s < states; s++) first[s] = marginals[0, s];
            for (int t = 0; t < steps; t++)
                for (int s = 0; s < states; s++) rest[t, s] = marginals[t + 1, s];
            return (first, rest);
        }

        /// <summary>The normal density N(y; mean, sd^2); a common factor would cancel, but the exact value costs nothing.</summary>
        public static double Emission(double y, double mean, double sd)
        {
            double z = (y - mean) / sd;
            return Math.Exp(-0.5 * z * z) / (sd * Math.Sqrt(2 * Math.PI));
        }
    }
}
