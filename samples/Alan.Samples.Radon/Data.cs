using System;
using System.IO;
using Alan.Samples.Common;
using static TorchSharp.torch;

namespace Alan.Samples.Radon
{
    /// <summary>
    /// The radon data (data/*.csv, shipped with the sample): log radon, basement flag and log uranium, each
    /// [States = 4, Zips = 300]; the first 150 zips train, the last 150 are held out.
    /// </summary>
    public sealed class RadonData
    {
        /// <summary>The latents the sample summarises.</summary>
        public static readonly string[] SummaryLatents = { "GlobalMean", "GlobalLogScale", "StateMean", "BetaBasement", "BetaU" };

        public const int TrainZips = 150;

        public RadonData(string directory)
        {
            All = (CsvTensor.Load(Path.Combine(directory, "log_radon.csv")), CsvTensor.Load(Path.Combine(directory, "basement.csv")),
                   CsvTensor.Load(Path.Combine(directory, "log_u.csv")));
            States = (int)All.LogRadon.shape[0];
            AllZips = (int)All.LogRadon.shape[1];
            if (AllZips <= TrainZips) throw new FormatException($"radon: {AllZips} zips, expected more than the {TrainZips} training zips.");
        }

        /// <summary>Loads the data shipped next to the executable.</summary>
        public static RadonData Load() => new(Path.Combine(AppContext.BaseDirectory, "data"));

        public int States { get; }
        public int AllZips { get; }
        public (Tensor LogRadon, Tensor Basement, Tensor LogU) All { get; }

        private Tensor Train(Tensor t) => t.narrow(1, 0, TrainZips);

        public RadonProblem.PlateSizes TrainSizes => new(States, TrainZips);
        public RadonProblem.PlateSizes AllSizes => new(States, AllZips);
        public RadonProblem.Observations TrainObservations => new(Train(All.LogRadon));
        public RadonProblem.Observations AllObservations => new(All.LogRadon);
        public RadonProblem.Inputs TrainInputs => new(Train(All.Basement), Train(All.LogU));
        public RadonProblem.Inputs AllInputs => new(All.Basement, All.LogU);

        public RadonQemProblem.PlateSizes QemTrainSizes => new(States, TrainZips);
        public RadonQemProblem.PlateSizes QemAllSizes => new(States, AllZips);
        public RadonQemProblem.Observations QemTrainObservations => new(Train(All.LogRadon));
        public RadonQemProblem.Observations QemAllObservations => new(All.LogRadon);
        public RadonQemProblem.Inputs QemTrainInputs => new(Train(All.Basement), Train(All.LogU));
        public RadonQemProblem.Inputs QemAllInputs => new(All.Basement, All.LogU);

        /// <summary>The training target for <paramref name="method"/>: QEM trains the QEM guide's problem, VI and RWS the gradient one; each on the training split, checked on all data.</summary>
        public TrainingTarget Target(Method method) => method == Method.Qem
            ? TrainingTarget.For<RadonQemProblem>(new(QemTrainSizes, QemTrainObservations, QemTrainInputs), new(QemAllSizes, QemAllObservations, QemAllInputs), SummaryLatents)
            : TrainingTarget.For<RadonProblem>(new(TrainSizes, TrainObservations, TrainInputs), new(AllSizes, AllObservations, AllInputs), SummaryLatents);
    }
}
