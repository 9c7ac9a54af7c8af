using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// The result of <c>problem.Fit</c>: pooled posterior draws, their summary, the evidence estimate and the
    /// diagnostics that say whether to trust them.
    /// </summary>
    /// <typeparam name="TDraws">The problem's typed importance-sample result (what <c>ImportanceSample(N)</c> returns).</typeparam>
    public sealed class FitResult<TDraws> : IFitResult
    {
        private readonly IReadOnlyList<string> _latents;
        private readonly IReadOnlyDictionary<string, Tensor> _draws;
        private readonly IReadOnlyDictionary<string, Tensor> _ess;
        private IReadOnlyList<PosteriorSummaryRow>? _summary;

        internal FitResult(string problemName, TDraws draws, IReadOnlyList<string> latents, IReadOnlyDictionary<string, Tensor> untypedDraws,
            IReadOnlyDictionary<string, Tensor> ess, FitMethod method, int k, int iterations, bool converged,
            IReadOnlyList<double> elboTrace, double logEvidence, double paretoK, int pooledSamples, double effectiveSamples,
            IReadOnlyList<PosteriorSummaryRow>? summary = null)
        {
            _summary = summary;
            ProblemName = problemName;
            Draws = draws;
            _latents = latents;
            _draws = untypedDraws;
            _ess = ess;
            Method = method;
            K = k;
            Iterations = iterations;
            Converged = converged;
            ElboTrace = elboTrace;
            LogEvidence = logEvidence;
            ParetoK = paretoK;
            PooledSamples = pooledSamples;
            EffectiveSamples = effectiveSamples;
        }

        /// <summary>
        /// The pooled posterior draws, per latent [Draws, plates..., event...]: each of <see cref="PooledSamples"/>
        /// independent samples contributed draws in proportion to its estimate of p(data), so together they form a
        /// self-normalised importance sample over every sample's particle combinations.
        /// </summary>
        public TDraws Draws { get; }

        /// <inheritdoc/>
        public IReadOnlyDictionary<string, Tensor> DrawsByLatent => _draws;

        /// <summary>The method that trained Q.</summary>
        public FitMethod Method { get; }

        /// <summary>The particles per Q group used for training and for the draws.</summary>
        public int K { get; }

        /// <summary>Training iterations run.</summary>
        public int Iterations { get; }

        /// <summary>True when training stopped because the ELBO stopped improving (at the lowest learning rate), false
        /// when it ran out of iterations.</summary>
        public bool Converged { get; }

        /// <summary>The ELBO of every training iteration (for QEM, the ELBO of the sample each update used).</summary>
        public IReadOnlyList<double> ElboTrace { get; }

        /// <summary>log p(data), estimated as the log of the mean of the pooled samples' estimates (float64).</summary>
        public double LogEvidence { get; }

        /// <summary>
        /// The Pareto k-hat of the pooled samples' importance weights (their estimates of p(data)); above
        /// <see cref="ImportanceDiagnostics.ParetoKThreshold"/> (0.7) the draws are not to be trusted: Q misses part of
        /// the posterior. See <see cref="ImportanceDiagnostics.ParetoK"/>.
        /// </summary>
        public double ParetoK { get; }

        /// <summary>The number of independent samples whose draws were pooled.</summary>
        public int PooledSamples { get; }

        /// <summary>
        /// Kish's effective number of samples among the <see cref="PooledSamples"/> samples, weighted by their estimates of
        /// p(data): near the number of samples when Q is close to the posterior, near 1 when one sample carries every draw
        /// (Q far from the posterior, whatever <see cref="ParetoK"/> says of the tail's shape).
        /// </summary>
        public double EffectiveSamples { get; }

        /// <summary>
        /// True when training converged, <see cref="ParetoK"/> is at most 0.7, and at least a tenth of the pooled samples
        /// carry weight (<see cref="EffectiveSamples"/>).
        /// </summary>
        public bool IsReliable => FitDiagnosis.IsReliable(Converged, ParetoK, EffectiveSamples, PooledSamples);

        /// <summary>One sentence on whether to trust the draws, and what to try when not.</summary>
        public string Diagnosis => FitDiagnosis.Describe(Converged, ParetoK, EffectiveSamples, PooledSamples, Iterations, Method);

        /// <summary>
        /// The posterior summary of every element of every latent from the pooled draws (mean, sd with divisor N, 5% and
        /// 95% quantiles), with the pooled particles' effective sample size per plate element. A sharded fit's summary
        /// covers every element of the sharded plate on every rank (its draws hold the rank's own elements).
        /// </summary>
        public IReadOnlyList<PosteriorSummaryRow> Summary() =>
            _summary ??= _latents.SelectMany(latent => PosteriorSummary.Of(latent, _draws[latent], _ess[latent])).ToList();

        /// <summary>
        /// Writes the pooled draws to <paramref name="path"/> in CmdStan's CSV format (one row per draw, one column per
        /// latent element named <c>Latent.i.j</c> with 1-based indices; comment lines with the method, K,
        /// <see cref="ParetoK"/> and <see cref="LogEvidence"/>), readable by R's <c>rstan::read_stan_csv</c> and
        /// <c>posterior</c>, ArviZ's <c>from_cmdstan</c> and ShinyStan. See <see cref="CmdStanCsv"/>.
        /// </summary>
        public void WriteCmdStanCsv(string path) => CmdStanCsv.Write(path, _latents.Select(l => (l, _draws[l])), ProblemName,
            DrawsOrigin.OfFit(Method, K, PooledSamples, ParetoK, LogEvidence));

        /// <summary>The fitted problem's class name.</summary>
        public string ProblemName { get; }

        /// <inheritdoc/>
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Method} fit, K = {K}, {Iterations} iterations ({(Converged ? "converged" : "not converged")}), log evidence {LogEvidence:F3}, Pareto k {ParetoK:F2}: {Diagnosis}");
    }

    /// <summary>The sentence <see cref="FitResult{TDraws}.Diagnosis"/> gives.</summary>
    internal static class FitDiagnosis
    {
        /// <summary>Fewer effective samples than this fraction of the pooled ones: the draws are not to be trusted.</summary>
        public const double MinimumEffectiveFraction = 0.1;

        public static bool IsReliable(bool converged, double paretoK, double effectiveSamples, int pooledSamples) =>
            converged && !double.IsNaN(paretoK) && !(paretoK > ImportanceDiagnostics.ParetoKThreshold)
            && effectiveSamples >= MinimumEffectiveFraction * pooledSamples;

        public static string Describe(bool converged, double paretoK, double effectiveSamples, int pooledSamples, int iterations, FitMethod method)
        {
            bool heavy = double.IsNaN(paretoK) || paretoK > ImportanceDiagnostics.ParetoKThreshold;
            bool concentrated = !(effectiveSamples >= MinimumEffectiveFraction * pooledSamples);
            string k = paretoK.ToString("F2", CultureInfo.InvariantCulture);
            if (!converged && heavy)
                return $"unreliable: training did not converge in {iterations} iterations and the Pareto k-hat is {k} (above 0.7); raise MaxIterations, or use a guide closer to the posterior.";
            if (!converged)
                return $"unreliable: training did not converge in {iterations} iterations; raise MaxIterations (the Pareto k-hat, {k}, is below 0.7).";
            if (concentrated && !heavy)
                return string.Create(CultureInfo.InvariantCulture,
                    $"unreliable: the {pooledSamples} samples' estimates of p(data) are so far apart that {effectiveSamples:F1} of them carry the draws (fewer than {MinimumEffectiveFraction * pooledSamples:F0}), so Q is far from the posterior; try FitMethod.Qem with a QEM guide, a larger K, or a guide closer to the posterior.");
            if (heavy)
                return $"unreliable: the Pareto k-hat is {k} (above 0.7), so Q misses part of the posterior; try a larger K, a guide with correlations (a full-covariance root block), or " +
                       (method == FitMethod.Vi ? "FitMethod.Qem or FitMethod.Rws." : "another method.");
            return $"reliable: converged, Pareto k-hat {k} (at most 0.7).";
        }
    }
}
