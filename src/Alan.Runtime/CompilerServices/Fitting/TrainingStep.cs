using System;
using System.Collections.Generic;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Fitting
{
    /// <summary>
    /// One training iteration of a method (DESIGN 4.5, 4.8), with its optimiser: each call draws K particles per Q
    /// group, takes one step and returns the sample's ELBO in float64. Every iteration runs in its own dispose scope,
    /// so native memory does not grow with the iteration count.
    /// </summary>
    internal sealed class TrainingStep
    {
        private readonly Func<double, double> _run;
        private readonly Func<double, optim.Optimizer?> _makeOptimizer;
        private optim.Optimizer? _optimizer;
        private double _rate;

        private TrainingStep(double rate, Func<double, optim.Optimizer?> makeOptimizer, Func<double, double> run)
        {
            _rate = rate;
            _makeOptimizer = makeOptimizer;
            _optimizer = makeOptimizer(rate);
            _run = run;
        }

        /// <summary>The optimiser's Adam state restarts with a new rate (a new phase).</summary>
        public void SetLearningRate(double rate)
        {
            _rate = rate;
            _optimizer = _makeOptimizer(rate);
        }

        public double Run() => _run(_rate);

        /// <summary>Whether the step has parameters to train (a derived guide's root block may own all of them).</summary>
        public bool HasParameters { get; private set; } = true;

        public static TrainingStep Create(InferenceProblem problem, FitMethod method, int k, double rate, ComputationStrategy? strategy,
            Generator? generator, IReadOnlyCollection<Parameter>? excluded = null)
        {
            var skip = new HashSet<Parameter>(excluded ?? Array.Empty<Parameter>(), ReferenceEqualityComparer.Instance);
            var all = problem.parameters().Where(p => !skip.Contains(p)).ToList();
            if (all.Count == 0 && method != FitMethod.Qem)
                return new TrainingStep(rate, _ => null, _ => double.NaN) { HasParameters = false };
            var pParameters = problem.PParameters().ToList();
            var isP = new HashSet<Parameter>(pParameters, ReferenceEqualityComparer.Instance);
            TrainingStep? self = null;
            switch (method)
            {
                case FitMethod.Vi:
                    return self = new TrainingStep(rate, r => optim.Adam(all, lr: r), _ =>
                    {
                        using var scope = NewDisposeScope();
                        self!._optimizer!.zero_grad();
                        using var sample = problem.SampleWith(k, true, generator);
                        var elbo = sample.ElboVi(strategy);
                        (-elbo).backward();          // Adam minimises -ELBO: ascends the ELBO
                        self._optimizer.step();
                        return ToDouble(elbo);
                    });
                case FitMethod.Rws:
                    return self = new TrainingStep(rate, r => optim.Adam(all, lr: r), _ =>
                    {
                        using var scope = NewDisposeScope();
                        self!._optimizer!.zero_grad();
                        using var sample = problem.SampleWith(k, false, generator);
                        var elbo = sample.ElboRws(strategy);
                        elbo.backward();             // Adam descends the estimate in Q's parameters (wake-Q) ...
                        foreach (var p in isP) p.grad?.neg_();   // ... and ascends it in P's (wake-P)
                        self._optimizer.step();
                        return ToDouble(elbo);
                    });
                case FitMethod.Qem:
                    return self = new TrainingStep(rate, r => pParameters.Count > 0 ? optim.Adam(pParameters, lr: Math.Min(r, FitEngine.DefaultAdamRate)) : null, r =>
                    {
                        using var scope = NewDisposeScope();
                        using var sample = problem.SampleWith(k, false, generator);
                        var adam = self!._optimizer;
                        if (adam is null) return sample.UpdateQemParams(r, strategy);   // the update's own pass gives the ELBO
                        adam.zero_grad();
                        var elbo = sample.ElboRws(strategy);
                        (-elbo).backward();          // wake-P: ascend
                        adam.step();
                        sample.UpdateQemParams(r, strategy);
                        return ToDouble(elbo);
                    });
                default:
                    throw new ArgumentOutOfRangeException(nameof(method), method, "Auto is resolved before training.");
            }
        }

        private static double ToDouble(Tensor scalar) => scalar.detach().to_type(ScalarType.Float64).item<double>();
    }
}
