using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Alan.Samples.Common
{
    /// <summary>
    /// The samples' training loop. Every iteration draws K particles per Q-group and takes one step:
    /// <list type="bullet">
    /// <item>VI: ascend <c>ElboVi</c> (reparameterised samples) with Adam, P's and Q's parameters alike;</item>
    /// <item>RWS: <c>ElboRws</c> on detached samples; Adam ascends it in P's parameters (wake-P) and descends it in
    /// Q's (wake-Q, DESIGN 4.5);</item>
    /// <item>QEM: <c>UpdateQemParams(lr)</c> moves Q's moment averages; P's parameters, if any, ascend <c>ElboRws</c>.</item>
    /// </list>
    /// Each iteration runs in its own dispose scope, so native memory does not grow with the iteration count.
    /// </summary>
    public static class Trainer
    {
        /// <summary>The ELBO is printed, and the predictive log-likelihood measured, every this many iterations.</summary>
        public const int ReportEvery = 25;

        /// <summary>Trains, reporting progress on stdout, and returns the record of the run (no summary, plot or result line).</summary>
        public static TrainingResult Train(SampleOptions options, TrainingTarget target, Action<string>? print = null)
        {
            print ??= Console.WriteLine;
            torch.manual_seed(options.Seed);
            var step = Step(options, target);
            var elbos = new List<double>(options.Iterations);
            var times = new List<double>(options.Iterations);
            var predictive = new List<PredictivePoint>();

            ProgressDisplay.Run(options.Iterations, (iteration, report) =>
            {
                var clock = Stopwatch.StartNew();
                double elbo = step();
                times.Add(clock.Elapsed.TotalMilliseconds);
                elbos.Add(elbo);
                if (!double.IsFinite(elbo))
                    throw new InvalidOperationException(
                        $"{options.Model} {SampleOptions.Name(options.Method)}: the ELBO is {elbo} at iteration {iteration + 1}; try a smaller --lr than {options.LearningRate}.");
                int done = iteration + 1;
                if (done % ReportEvery == 0 || done == options.Iterations)
                {
                    double ll = Evaluate(options, target);
                    predictive.Add(new PredictivePoint(done, ll));
                    double recent = elbos.Skip(Math.Max(0, elbos.Count - ReportEvery)).Average();
                    report(string.Create(CultureInfo.InvariantCulture,
                        $"iteration {done,5}: elbo {recent,12:F2} (mean of the last {Math.Min(ReportEvery, elbos.Count)})   predictive_ll {ll,12:F2}"));
                }
                return elbo;
            }, print);
            return new TrainingResult(options, elbos, predictive, times, Array.Empty<PosteriorSummaryRow>());
        }

        /// <summary>
        /// The posterior summary of the trained model's <see cref="TrainingTarget.SummaryLatents"/> from a fresh sample
        /// of K particles: N = options.EvalDraws importance samples, and the particles' ESS.
        /// </summary>
        public static IReadOnlyList<PosteriorSummaryRow> Summarise(SampleOptions options, TrainingTarget target)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            using var sample = target.Problem.Sample(options.K, false);
            var draws = sample.PosteriorDraws(options.EvalDraws, target.StrategyFor(options.K, Evaluation.Draws));
            var ess = sample.EffectiveSampleSizes(target.StrategyFor(options.K, Evaluation.Float64));
            var latents = target.SummaryLatents ?? target.Problem.Latents;
            return latents.SelectMany(latent => PosteriorSummary.Of(latent, draws[latent], ess[latent])).ToList();
        }

        /// <summary>Predictive log-likelihood of the held-out split from a fresh sample of K particles.</summary>
        public static double Evaluate(SampleOptions options, TrainingTarget target)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            using var sample = target.Problem.Sample(options.K, false);
            return target.PredictiveLogLikelihood(sample, options.EvalDraws);
        }

        /// <summary>
        /// One training iteration of <paramref name="o"/>'s method on <paramref name="t"/> (its optimiser created
        /// here, once): returns the iteration's ELBO. The trainer loops over it; the benchmark times it.
        /// </summary>
        public static Func<double> Step(SampleOptions o, TrainingTarget t)
        {
            var problem = t.Problem;
            var pParameters = new HashSet<Parameter>(problem.PParameters(), ReferenceEqualityComparer.Instance);
            var all = problem.parameters().ToList();
            // Chosen once: an iteration builds no strategy.
            var estimate = t.StrategyFor(o.K, Evaluation.Estimate);
            switch (o.Method)
            {
                case Method.Vi:
                {
                    var adam = torch.optim.Adam(all, lr: o.LearningRate);
                    return () =>
                    {
                        using var scope = torch.NewDisposeScope();
                        adam.zero_grad();
                        using var sample = problem.Sample(o.K, true);
                        var elbo = sample.ElboVi(estimate);
                        (-elbo).backward();   // minimise -ELBO = ascend the ELBO
                        adam.step();
                        return ToDouble(elbo);
                    };
                }
                case Method.Rws:
                {
                    var adam = torch.optim.Adam(all, lr: o.LearningRate);
                    return () =>
                    {
                        using var scope = torch.NewDisposeScope();
                        adam.zero_grad();
                        using var sample = problem.Sample(o.K, false);
                        var elbo = sample.ElboRws(estimate);
                        elbo.backward();      // Adam minimises: descends in Q ...
                        foreach (var p in pParameters) p.grad?.neg_();   // ... and ascends in P
                        adam.step();
                        return ToDouble(elbo);
                    };
                }
                case Method.Qem:
                {
                    // A problem without [QemParam]s says so at the first update.
                    var update = t.StrategyFor(o.K, Evaluation.Float64);
                    var adam = pParameters.Count > 0 ? torch.optim.Adam(pParameters, lr: o.LearningRate) : null;
                    return () =>
                    {
                        using var scope = torch.NewDisposeScope();
                        using var sample = problem.Sample(o.K, false);
                        if (adam is null) return sample.UpdateQemParams(o.LearningRate, update);   // the ELBO comes from the update's own pass
                        adam.zero_grad();
                        var elbo = sample.ElboRws(estimate);
                        (-elbo).backward();   // wake-P: ascend
                        adam.step();
                        sample.UpdateQemParams(o.LearningRate, update);
                        return ToDouble(elbo);
                    };
                }
                default:
                    throw new ArgumentOutOfRangeException(nameof(o), o.Method, "unknown method");
            }
        }

        /// <summary>A scalar tensor as a double (through float64).</summary>
        internal static double ToDouble(Tensor scalar) => scalar.detach().to_type(ScalarType.Float64).item<double>();
    }
}
