using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Alan.Bench
{
    /// <summary>The wide model (plate of 10,000), evaluated whole or with ComputationStrategy.Split.</summary>
    public sealed class WideCase : BenchCase
    {
        public const int Items = 10_000;
        public const int ChunkSize = 100;

        private readonly WideProblem _problem;
        private readonly optim.Optimizer _optimizer;
        private readonly Parameter[] _pParameters;
        private readonly ComputationStrategy? _strategy;

        public WideCase(bool vi, int k, double lr, bool split)
            : base(split ? "wide-split" : "wide", vi, k)
        {
            var sizes = new WideProblem.PlateSizes(Items: Items);
            var prior = WideProblem.SamplePrior(sizes);
            _problem = new WideProblem(sizes, new WideProblem.Observations(Y: prior.Y));
            _optimizer = optim.Adam(_problem.parameters(), lr: lr);
            _pParameters = _problem.PParameters().ToArray();
            int chunk = int.TryParse(System.Environment.GetEnvironmentVariable("ALAN_BENCH_CHUNK"), out var c) ? c : ChunkSize;
            _strategy = split ? ComputationStrategy.Split("Items", chunk) : null;
        }

        public override void Step()
        {
            using var scope = torch.NewDisposeScope();
            _optimizer.zero_grad();
            using var sample = _problem.Sample(K, reparam: Vi);
            Backward(Vi ? sample.ElboVi(_strategy) : sample.ElboRws(_strategy), Vi, _pParameters);
            _optimizer.step();
        }

        public override void Dispose()
        {
            _optimizer.Dispose();
            _problem.Dispose();
        }
    }
}
