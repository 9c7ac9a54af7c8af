using System;
using System.Globalization;
using System.Linq;
using System.Text;

namespace Alan.Validation.Tests.DataSets
{
    /// <summary>
    /// Generates the seven validation data sets from the models' true parameters with fixed seeds (System.Random, whose
    /// seeded sequence is the same on every platform), and formats them as JSON with every double in round-trip ("R")
    /// form. The committed files under Data/ were written by this class; <c>ValidationDataWriterTests</c> checks that
    /// they still match it.
    /// </summary>
    public static class ValidationDataWriter
    {
        /// <summary>The data sets, by file name.</summary>
        public static readonly string[] Names = { "linreg", "nigreg", "schools", "logistic", "poisson", "mixture", "hmm" };

        public static class Truth
        {
            public const double LinregAlpha = 1.5;
            public static readonly double[] LinregBeta = { 0.3, -0.2, 0.5 };
            public const double NigregAlpha = -3, NigregBeta = 0.02, NigregTau = 4;
            public const double LogisticA = 0.5, LogisticB = -1.2;
            public const double PoissonA = 1.0, PoissonB = 0.4;
            public const double MixtureWeight = 0.35;
            public static readonly double[] MixtureMeans = { -1.5, 2.0 };
            public static readonly double[] HmmInit = { 0.5, 0.3, 0.2 };
            public static readonly double[][] HmmTransition = { new[] { 0.8, 0.15, 0.05 }, new[] { 0.1, 0.8, 0.1 }, new[] { 0.05, 0.15, 0.8 } };
            public static readonly double[] HmmMeans = { -2, 0, 2 };
        }

        /// <summary>The JSON text of data set <paramref name="name"/>.</summary>
        public static string Json(string name) => name switch
        {
            "linreg" => Format(LinearRegression()),
            "nigreg" => Format(NormalGammaRegression()),
            "schools" => Format(Schools()),
            "logistic" => Format(Logistic()),
            "poisson" => Format(Poisson()),
            "mixture" => Format(Mixture()),
            "hmm" => Format(Hmm()),
            _ => throw new ArgumentException($"Unknown validation data set '{name}'; the data sets are {string.Join(", ", Names)}.", nameof(name)),
        };

        /// <summary>N = 50, x_n1, x_n2 = 3000 + 1000 u (u uniform), x_n3 = x_n1 + 50 e (e standard normal), y_n ~ N(alpha + x_n . beta, 1).</summary>
        public static LinearRegressionData LinearRegression()
        {
            var random = new Random(101);
            const int n = 50;
            var x = new double[n][];
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                double x1 = 3000 + 1000 * random.NextDouble(), x2 = 3000 + 1000 * random.NextDouble();
                x[i] = new[] { x1, x2, x1 + 50 * StandardNormal(random) };
                double mean = Truth.LinregAlpha + x[i].Zip(Truth.LinregBeta, (a, b) => a * b).Sum();
                y[i] = mean + StandardNormal(random);
            }
            return new LinearRegressionData(n, 3, x, y, 1.0);
        }

        /// <summary>N = 40, x_n = 2000 + 500 u, y_n ~ N(alpha + beta x_n, 1 / sqrt(tau)).</summary>
        public static NormalGammaRegressionData NormalGammaRegression()
        {
            var random = new Random(102);
            const int n = 40;
            var x = new double[n];
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = 2000 + 500 * random.NextDouble();
                y[i] = Truth.NigregAlpha + Truth.NigregBeta * x[i] + StandardNormal(random) / Math.Sqrt(Truth.NigregTau);
            }
            return new NormalGammaRegressionData(n, x, y);
        }

        /// <summary>Rubin's (1981) eight schools: no randomness.</summary>
        public static SchoolsData Schools() =>
            new(8, new double[] { 28, 8, -3, 7, -1, 1, 18, 12 }, new double[] { 15, 10, 16, 11, 9, 11, 10, 18 });

        /// <summary>N = 100, x_n standard normal, y_n ~ Bernoulli(sigmoid(a + b x_n)).</summary>
        public static LogisticData Logistic()
        {
            var random = new Random(104);
            const int n = 100;
            var x = new double[n];
            var y = new int[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = StandardNormal(random);
                double p = 1 / (1 + Math.Exp(-(Truth.LogisticA + Truth.LogisticB * x[i])));
                y[i] = random.NextDouble() < p ? 1 : 0;
            }
            return new LogisticData(n, x, y);
        }

        /// <summary>N = 100, x_n standard normal, y_n ~ Poisson(exp(a + b x_n)).</summary>
        public static PoissonData Poisson()
        {
            var random = new Random(105);
            const int n = 100;
            var x = new double[n];
            var y = new int[n];
            for (int i = 0; i < n; i++)
            {
                x[i] = StandardNormal(random);
                y[i] = PoissonDraw(random, Math.Exp(Truth.PoissonA + Truth.PoissonB * x[i]));
            }
            return new PoissonData(n, x, y);
        }

        /// <summary>N = 100 draws of w N(mu_1, 1) + (1 - w) N(mu_2, 1).</summary>
        public static MixtureData Mixture()
        {
            var random = new Random(106);
            const int n = 100;
            var y = new double[n];
            for (int i = 0; i < n; i++)
            {
                int component = random.NextDouble() < Truth.MixtureWeight ? 0 : 1;
                y[i] = Truth.MixtureMeans[component] + StandardNormal(random);
            }
            return new MixtureData(n, y);
        }

        /// <summary>T = 60: z_{-1} ~ init (no emission), z_t ~ transition[z_{t-1}], y_t ~ N(mu[z_t], 1) for t = 0..T-1.</summary>
        public static HmmData Hmm()
        {
            var random = new Random(107);
            const int steps = 60;
            var y = new double[steps];
            int state = CategoricalDraw(random, Truth.HmmInit);
            for (int t = 0; t < steps; t++)
            {
                state = CategoricalDraw(random, Truth.HmmTransition[state]);
                y[t] = Truth.HmmMeans[state] + StandardNormal(random);
            }
            return new HmmData(steps, y, Truth.HmmInit, Truth.HmmTransition, Truth.HmmMeans);
        }

        /// <summary>Box-Muller: sqrt(-2 log(1 - u1)) cos(2 pi u2) is standard normal for independent uniform u1, u2 in [0, 1).</summary>
        private static double StandardNormal(Random random)
        {
            double u1 = random.NextDouble(), u2 = random.NextDouble();
            return Math.Sqrt(-2 * Math.Log(1 - u1)) * Math.Cos(2 * Math.PI * u2);
        }

        /// <summary>Knuth's method: the number of uniforms whose running product stays above exp(-rate), for small rates.</summary>
        private static int PoissonDraw(Random random, double rate)
        {
            double limit = Math.Exp(-rate), product = random.NextDouble();
            int count = 0;
            while (product > limit)
            {
                count++;
                product *= random.NextDouble();
            }
            return count;
        }

        /// <summary>Inverse CDF of a categorical distribution with probabilities <paramref name="probs"/>.</summary>
        private static int CategoricalDraw(Random random, double[] probs)
        {
            double u = random.NextDouble(), cumulative = 0;
            for (int k = 0; k < probs.Length - 1; k++)
            {
                cumulative += probs[k];
                if (u < cumulative) return k;
            }
            return probs.Length - 1;
        }

        private static string Format(LinearRegressionData d) => Object(
            ("N", Int(d.N)), ("P", Int(d.P)), ("x", Array(d.X.Select(Doubles))), ("y", Doubles(d.Y)), ("sigma", Double(d.Sigma)));

        private static string Format(NormalGammaRegressionData d) => Object(("N", Int(d.N)), ("x", Doubles(d.X)), ("y", Doubles(d.Y)));

        private static string Format(SchoolsData d) => Object(("J", Int(d.J)), ("y", Doubles(d.Y)), ("sigma", Doubles(d.Sigma)));

        private static string Format(LogisticData d) => Object(("N", Int(d.N)), ("x", Doubles(d.X)), ("y", Ints(d.Y)));

        private static string Format(PoissonData d) => Object(("N", Int(d.N)), ("x", Doubles(d.X)), ("y", Ints(d.Y)));

        private static string Format(MixtureData d) => Object(("N", Int(d.N)), ("y", Doubles(d.Y)));

        private static string Format(HmmData d) => Object(
            ("T", Int(d.T)), ("y", Doubles(d.Y)), ("init", Doubles(d.Init)), ("transition", Array(d.Transition.Select(Doubles))), ("mu", Doubles(d.Mu)));

        /// <summary>One field per line, so that a diff of a regenerated file shows which field changed.</summary>
        private static string Object(params (string Name, string Value)[] fields)
        {
            var text = new StringBuilder("{\n");
            for (int i = 0; i < fields.Length; i++)
                text.Append("  \"").Append(fields[i].Name).Append("\": ").Append(fields[i].Value).Append(i + 1 < fields.Length ? ",\n" : "\n");
            return text.Append("}\n").ToString();
        }

        private static string Array(System.Collections.Generic.IEnumerable<string> items) => "[" + string.Join(", ", items) + "]";
        private static string Doubles(double[] values) => Array(values.Select(Double));
        private static string Ints(int[] values) => Array(values.Select(Int));
        private static string Double(double value) => value.ToString("R", CultureInfo.InvariantCulture);
        private static string Int(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
