using System;

namespace Alan.CompilerServices.Fitting
{
    /// <summary>The options of one <c>Fit</c> call checked against the model and completed with defaults.</summary>
    internal sealed record FitPlan(string ProblemName, FitMethod Method, int K, int TrainingK, int MaxIterations, double LearningRate, bool HasParameters)
    {
        /// <summary>Refuses bad options before any work (naming the option and its allowed range), then fills in defaults.</summary>
        public static FitPlan Resolve(FitOptions options, FitModel model, bool hasParameters)
        {
            string who = model.ProblemName + ".Fit";
            if (options.K is int k && k < 1)
                throw new ArgumentOutOfRangeException(nameof(options), k, $"{who}: FitOptions.K must be at least 1 (particles per Q group), but is {k}.");
            if (options.MaxIterations is int max && max < 1)
                throw new ArgumentOutOfRangeException(nameof(options), max, $"{who}: FitOptions.MaxIterations must be at least 1, but is {max}.");
            if (options.Draws < 1)
                throw new ArgumentOutOfRangeException(nameof(options), options.Draws, $"{who}: FitOptions.Draws must be at least 1, but is {options.Draws}.");
            if (options.LearningRate is double rate && !(rate > 0 && double.IsFinite(rate)))
                throw new ArgumentOutOfRangeException(nameof(options), rate, $"{who}: FitOptions.LearningRate must be a positive finite number, but is {rate}.");
            if (!Enum.IsDefined(options.Method))
                throw new ArgumentOutOfRangeException(nameof(options), options.Method, $"{who}: FitOptions.Method {(int)options.Method} is not a FitMethod (Auto, Vi, Rws, Qem).");

            var method = options.Method;
            if (method == FitMethod.Vi && model.NonReparameterisedLatent is string discrete)
                throw new ArgumentException(
                    $"{who}: FitOptions.Method = Vi needs every latent of Q reparameterisable, but '{discrete}' is not (a discrete latent); use FitMethod.Rws or FitMethod.Auto.",
                    nameof(options));
            if (method == FitMethod.Qem && !model.QemCapable)
                throw new ArgumentException(
                    $"{who}: FitOptions.Method = Qem needs a guide whose distribution arguments are all [QemParam]s, and {model.ProblemName}'s is not; use FitMethod.Auto, or write Q with [QemParam] arguments.",
                    nameof(options));
            if (method == FitMethod.Qem && options.LearningRate is double qemRate && qemRate > 1)
                throw new ArgumentOutOfRangeException(nameof(options), qemRate,
                    $"{who}: with FitMethod.Qem, FitOptions.LearningRate is the moving-average rate and must lie in (0, 1], but is {qemRate}.");
            if (method is FitMethod.Vi or FitMethod.Rws && model.QemCapable && !model.QHasGradientParameters)
                throw new ArgumentException(
                    $"{who}: FitOptions.Method = {method} trains Q by gradients, but every argument of {model.ProblemName}'s Q is a [QemParam], which only QEM updates; use FitMethod.Qem or FitMethod.Auto.",
                    nameof(options));
            if (method == FitMethod.Auto)
                method = model.QemCapable && !model.QHasGradientParameters ? FitMethod.Qem
                    : model.NonReparameterisedLatent is null ? FitMethod.Vi
                    : FitMethod.Rws;

            if (method == FitMethod.Qem && options.Strategy is { Subsamples: true })
                throw new ArgumentException($"{who}: {Qem.MinibatchRefusal}", nameof(options));

            int particles = options.K ?? (method == FitMethod.Qem ? FitEngine.DefaultQemK : FitEngine.DefaultK);
            // VI trains on one particle unless told otherwise: the K-particle bound's gradient for Q's parameters weakens
            // as K grows (it tolerates an over-dispersed Q), so the single-sample ELBO fits Q closer; the draws use K.
            int trainingK = options.K ?? (method == FitMethod.Vi ? FitEngine.DefaultViTrainingK : particles);
            double learningRate = options.LearningRate ?? (method == FitMethod.Qem ? FitEngine.DefaultQemRate : FitEngine.DefaultAdamRate);
            return new FitPlan(model.ProblemName, method, particles, trainingK, options.MaxIterations ?? FitEngine.DefaultMaxIterations, learningRate,
                hasParameters);
        }
    }
}
