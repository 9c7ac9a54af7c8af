using System;
using System.IO;
using Alan.Samples.Common;
using static TorchSharp.torch;

namespace Alan.Samples.Chimpanzees
{
    /// <summary>
    /// The chimpanzees data in the original's tensor form (data/*.csv, shipped with the sample): pulled_left,
    /// condition and prosoc_left per (actor 7, block 6, repeat); the first 10 repeats train, the last 2 are held
    /// out. "All" is train then test along Repeats. (chimpanzees_raw.csv is the source table, for reference.)
    /// </summary>
    public sealed class ChimpsData
    {
        /// <summary>The latents the sample summarises.</summary>
        public static readonly string[] SummaryLatents = { "Alpha", "BetaP", "BetaPC", "SigmaActor", "SigmaBlock", "AlphaActor" };

        public ChimpsData(string directory)
        {
            Tensor Load(string name) => CsvTensor.Load(Path.Combine(directory, name));
            Train = (Load("data_train.csv"), Load("condition_train.csv"), Load("prosoc_left_train.csv"));
            var test = (PulledLeft: Load("data_test.csv"), Condition: Load("condition_test.csv"), ProsocLeft: Load("prosoc_left_test.csv"));
            All = (cat(new[] { Train.PulledLeft, test.PulledLeft }, 2), cat(new[] { Train.Condition, test.Condition }, 2),
                   cat(new[] { Train.ProsocLeft, test.ProsocLeft }, 2));
            Actors = (int)Train.PulledLeft.shape[0];
            Blocks = (int)Train.PulledLeft.shape[1];
            TrainRepeats = (int)Train.PulledLeft.shape[2];
            AllRepeats = (int)All.PulledLeft.shape[2];
        }

        /// <summary>Loads the data shipped next to the executable.</summary>
        public static ChimpsData Load() => new(Path.Combine(AppContext.BaseDirectory, "data"));

        public int Actors { get; }
        public int Blocks { get; }
        public int TrainRepeats { get; }
        public int AllRepeats { get; }
        public (Tensor PulledLeft, Tensor Condition, Tensor ProsocLeft) Train { get; }
        public (Tensor PulledLeft, Tensor Condition, Tensor ProsocLeft) All { get; }

        public ChimpsProblem.PlateSizes TrainSizes => new(Actors, Blocks, TrainRepeats);
        public ChimpsProblem.PlateSizes AllSizes => new(Actors, Blocks, AllRepeats);
        public ChimpsProblem.Observations TrainObservations => new(Train.PulledLeft);
        public ChimpsProblem.Observations AllObservations => new(All.PulledLeft);
        public ChimpsProblem.Inputs TrainInputs => new(Train.Condition, Train.ProsocLeft);
        public ChimpsProblem.Inputs AllInputs => new(All.Condition, All.ProsocLeft);

        public ChimpsQemProblem.PlateSizes QemTrainSizes => new(Actors, Blocks, TrainRepeats);
        public ChimpsQemProblem.PlateSizes QemAllSizes => new(Actors, Blocks, AllRepeats);
        public ChimpsQemProblem.Observations QemTrainObservations => new(Train.PulledLeft);
        public ChimpsQemProblem.Observations QemAllObservations => new(All.PulledLeft);
        public ChimpsQemProblem.Inputs QemTrainInputs => new(Train.Condition, Train.ProsocLeft);
        public ChimpsQemProblem.Inputs QemAllInputs => new(All.Condition, All.ProsocLeft);

        /// <summary>The training target for <paramref name="method"/>: QEM trains the QEM guide's problem, VI and RWS the gradient one; each on the training split, checked on all data.</summary>
        public TrainingTarget Target(Method method) => method == Method.Qem
            ? TrainingTarget.For<ChimpsQemProblem>(new(QemTrainSizes, QemTrainObservations, QemTrainInputs), new(QemAllSizes, QemAllObservations, QemAllInputs), SummaryLatents)
            : TrainingTarget.For<ChimpsProblem>(new(TrainSizes, TrainObservations, TrainInputs), new(AllSizes, AllObservations, AllInputs), SummaryLatents);
    }
}
