using Alan.Samples.BusBreakdown;
using System.IO;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Alan.Bench
{
    /// <summary>
    /// bus_breakdown (train split: 2 years x 3 boroughs x 150 ids, one-hot run type (8) and company (59)): VI and RWS
    /// train the mean-field guide with Adam; QEM samples without reparameterisation and moment-matches the QEM guide.
    /// </summary>
    public sealed class BusCase : BenchCase
    {
        private const double LearningRate = 0.1; // the original experiment's, for all three methods

        private readonly BusProblem? _problem;
        private readonly BusQemProblem? _qem;
        private readonly optim.Optimizer? _optimizer;
        private readonly Parameter[] _pParameters = System.Array.Empty<Parameter>();

        public BusCase(string method, int k)
            : base("bus", method, k)
        {
            string dir = Path.Combine(System.AppContext.BaseDirectory, "data", "bus_breakdown");
            Tensor Load(string file) => CsvTensor.Load(Path.Combine(dir, file));
            var delay = Load("delay_train_0.csv");
            var runType = Load("run_type_train_0.csv");
            var company = Load("bus_company_name_train_0.csv");
            if (method == "QEM")
            {
                var sizes = new BusQemProblem.PlateSizes(Years: 2, Boroughs: 3, Ids: (int)delay.shape[2]);
                _qem = new BusQemProblem(sizes, new BusQemProblem.Observations(Delay: delay), new BusQemProblem.Inputs(RunType: runType, BusCompany: company));
                return;
            }
            var gradientSizes = new BusProblem.PlateSizes(Years: 2, Boroughs: 3, Ids: (int)delay.shape[2]);
            _problem = new BusProblem(gradientSizes, new BusProblem.Observations(Delay: delay), new BusProblem.Inputs(RunType: runType, BusCompany: company));
            _optimizer = optim.Adam(_problem.parameters(), lr: LearningRate);
            _pParameters = _problem.PParameters().ToArray();
        }

        public override void Step()
        {
            using var scope = torch.NewDisposeScope();
            if (_qem is not null)
            {
                using var qemSample = _qem.Sample(K, reparam: false);
                qemSample.UpdateQemParams(LearningRate);
                return;
            }
            _optimizer!.zero_grad();
            using var sample = _problem!.Sample(K, reparam: Vi);
            Backward(Vi ? sample.ElboVi(Strategy) : sample.ElboRws(Strategy), Vi, _pParameters);
            _optimizer.step();
        }

        public override void Dispose()
        {
            _optimizer?.Dispose();
            _problem?.Dispose();
            _qem?.Dispose();
        }
    }
}
