using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Alan.Bench
{
    /// <summary>One benchmarked configuration: a fresh problem, its optimizer, one training step.</summary>
    public abstract class BenchCase : IDisposable
    {
        protected BenchCase(string model, bool vi, int k)
            : this(model, vi ? "VI" : "RWS", k)
        {
        }

        /// <param name="method">"VI", "RWS" or "QEM".</param>
        protected BenchCase(string model, string method, int k)
        {
            Model = model;
            Method = method;
            Vi = method == "VI";
            K = k;
            Strategy = StrategyFromEnvironment();
        }

        /// <summary>The evaluation strategy (null unless ALAN_BENCH_SPLIT is set), read once.</summary>
        protected ComputationStrategy? Strategy { get; }

        public string Model { get; }
        public bool Vi { get; }
        public string Method { get; }
        public int K { get; }

        /// <summary>
        /// One iteration. VI: Sample(K) + ElboVi, ascend. RWS: Sample(K, reparam: false) + ElboRws;
        /// the gradient w.r.t. Q's parameters is minus the wake-Q update, so the optimizer descends
        /// it, while P's parameters (if any) ascend: their gradients are negated before the step.
        /// </summary>
        public abstract void Step();

        public abstract void Dispose();

        /// <summary>
        /// Optional ComputationStrategy from the environment, e.g. ALAN_BENCH_SPLIT=Zips:10 (for experiments;
        /// the table's configurations do not set it).
        /// </summary>
        private static ComputationStrategy? StrategyFromEnvironment()
        {
            var spec = System.Environment.GetEnvironmentVariable("ALAN_BENCH_SPLIT");
            if (string.IsNullOrEmpty(spec)) return null;
            var parts = spec.Split(':');
            return ComputationStrategy.Split(parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }

        protected static void Backward(Tensor elbo, bool vi, Parameter[] pParameters)
        {
            if (vi)
            {
                elbo.neg().backward();
                return;
            }
            elbo.backward();
            foreach (var p in pParameters)
                p.grad?.neg_();
        }
    }

    public sealed class IntroCase : BenchCase
    {
        private readonly IntroProblem _problem;
        private readonly optim.Optimizer _optimizer;
        private readonly Parameter[] _pParameters;

        public IntroCase(IntroProblem.PlateSizes sizes, IntroProblem.Observations observations, bool vi, int k, double lr)
            : base("intro", vi, k)
        {
            _problem = new IntroProblem(sizes, observations);
            _optimizer = optim.Adam(_problem.parameters(), lr: lr);
            _pParameters = _problem.PParameters().ToArray();
        }

        public override void Step()
        {
            using var scope = torch.NewDisposeScope();
            _optimizer.zero_grad();
            using var sample = _problem.Sample(K, reparam: Vi);
            Backward(Vi ? sample.ElboVi(Strategy) : sample.ElboRws(Strategy), Vi, _pParameters);
            _optimizer.step();
        }

        public override void Dispose()
        {
            _optimizer.Dispose();
            _problem.Dispose();
        }
    }
}
