using System;
using Alan.Samples.Common;

namespace Alan.Bench
{
    /// <summary>
    /// A benchmark model taken from its sample (chimpanzees, occupancy, MovieLens, covid): the iteration timed is the
    /// sample's own training step (<see cref="Trainer.Step"/>) at the sample's default learning rate, so the figures
    /// are those of <c>dotnet run --project samples/...</c>.
    /// </summary>
    public sealed class SampleCase : BenchCase
    {
        private readonly Func<double> _step;
        private readonly IDisposable _problem;

        private SampleCase(string model, string method, int k, Func<double> step, IDisposable problem)
            : base(model, method, k)
        {
            _step = step;
            _problem = problem;
        }

        /// <summary>The case for <paramref name="target"/> trained by <paramref name="method"/> (VI, RWS or QEM) at K = <paramref name="k"/>.</summary>
        public static SampleCase Of(string model, string method, int k, double learningRate, TrainingTarget target)
        {
            var m = method switch
            {
                "VI" => Alan.Samples.Common.Method.Vi,
                "RWS" => Alan.Samples.Common.Method.Rws,
                "QEM" => Alan.Samples.Common.Method.Qem,
                _ => throw new ArgumentException($"unknown method '{method}' (VI, RWS or QEM)"),
            };
            var options = new SampleOptions(model, m, k, Iterations: 1, learningRate, Seed: 0, PlotPath: null, DataDirectory: null,
                                            SampleOptions.DefaultEvalDraws);
            return new SampleCase(model, method, k, Trainer.Step(options, target), target.Problem);
        }

        public override void Step()
        {
            double elbo = _step();
            if (!double.IsFinite(elbo)) throw new InvalidOperationException($"{Model} {Method} K={K}: the ELBO is {elbo}.");
        }

        public override void Dispose() => _problem.Dispose();
    }
}
