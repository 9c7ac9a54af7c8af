using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Alan.Samples.Common
{
    /// <summary>A predictive log-likelihood measured after <see cref="Iteration"/> training iterations.</summary>
    public sealed record PredictivePoint(int Iteration, double LogLikelihood);

    /// <summary>The record of one training run.</summary>
    /// <param name="Elbos">The training objective's ELBO (log P-hat) of every iteration.</param>
    /// <param name="Predictive">The held-out predictive log-likelihood every <see cref="Trainer.ReportEvery"/> iterations and at the end.</param>
    /// <param name="StepMilliseconds">Wall time of every training step (evaluations excluded).</param>
    public sealed record TrainingResult(SampleOptions Options, IReadOnlyList<double> Elbos, IReadOnlyList<PredictivePoint> Predictive,
                                        IReadOnlyList<double> StepMilliseconds, IReadOnlyList<PosteriorSummaryRow> Summary)
    {
        /// <summary>Mean ELBO of the last 10 iterations (of all of them when fewer).</summary>
        public double FinalElbo => Elbos.Skip(System.Math.Max(0, Elbos.Count - 10)).Average();

        /// <summary>The predictive log-likelihood after the last iteration.</summary>
        public double FinalPredictiveLogLikelihood => Predictive[^1].LogLikelihood;

        /// <summary>Median wall time of a training step.</summary>
        public double MedianStepMilliseconds
        {
            get
            {
                var sorted = StepMilliseconds.OrderBy(x => x).ToArray();
                int n = sorted.Length;
                return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
            }
        }

        /// <summary>The single summary line every sample ends with.</summary>
        public string ResultLine => string.Create(CultureInfo.InvariantCulture,
            $"result: model={Options.Model} method={SampleOptions.Name(Options.Method)} K={Options.K} iterations={Options.Iterations} " +
            $"elbo={FinalElbo:F2} predictive_ll={FinalPredictiveLogLikelihood:F2} ms_per_iteration={MedianStepMilliseconds:F1}");
    }
}
