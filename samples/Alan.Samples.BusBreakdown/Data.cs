using System;
using System.IO;
using Alan.Samples.Common;
using static TorchSharp.torch;

namespace Alan.Samples.BusBreakdown
{
    /// <summary>
    /// The bus_breakdown data (data/*.csv, shipped with the sample; the original's seed-0 subsample): per
    /// (year 2, borough 3, id) the delay flag and one-hot run type (8) and bus company (59); 150 ids train and
    /// 150 more are held out. "All" is train then test along Ids.
    /// </summary>
    public sealed class BusData
    {
        /// <summary>The latents the sample summarises.</summary>
        public static readonly string[] SummaryLatents = { "MuBeta", "SigmaBeta", "Beta", "Alpha", "Psi" };

        public BusData(string directory)
        {
            Tensor Load(string name) => CsvTensor.Load(Path.Combine(directory, name));
            Train = (Load("delay_train_0.csv"), Load("run_type_train_0.csv"), Load("bus_company_name_train_0.csv"));
            var test = (Delay: Load("delay_test_0.csv"), RunType: Load("run_type_test_0.csv"), BusCompany: Load("bus_company_name_test_0.csv"));
            All = (cat(new[] { Train.Delay, test.Delay }, 2), cat(new[] { Train.RunType, test.RunType }, 2),
                   cat(new[] { Train.BusCompany, test.BusCompany }, 2));
            Years = (int)Train.Delay.shape[0];
            Boroughs = (int)Train.Delay.shape[1];
            TrainIds = (int)Train.Delay.shape[2];
            AllIds = (int)All.Delay.shape[2];
        }

        /// <summary>Loads the data shipped next to the executable.</summary>
        public static BusData Load() => new(Path.Combine(AppContext.BaseDirectory, "data"));

        public int Years { get; }
        public int Boroughs { get; }
        public int TrainIds { get; }
        public int AllIds { get; }
        public (Tensor Delay, Tensor RunType, Tensor BusCompany) Train { get; }
        public (Tensor Delay, Tensor RunType, Tensor BusCompany) All { get; }

        public BusProblem.PlateSizes TrainSizes => new(Years, Boroughs, TrainIds);
        public BusProblem.PlateSizes AllSizes => new(Years, Boroughs, AllIds);
        public BusProblem.Observations TrainObservations => new(Train.Delay);
        public BusProblem.Observations AllObservations => new(All.Delay);
        public BusProblem.Inputs TrainInputs => new(Train.RunType, Train.BusCompany);
        public BusProblem.Inputs AllInputs => new(All.RunType, All.BusCompany);

        public BusQemProblem.PlateSizes QemTrainSizes => new(Years, Boroughs, TrainIds);
        public BusQemProblem.PlateSizes QemAllSizes => new(Years, Boroughs, AllIds);
        public BusQemProblem.Observations QemTrainObservations => new(Train.Delay);
        public BusQemProblem.Observations QemAllObservations => new(All.Delay);
        public BusQemProblem.Inputs QemTrainInputs => new(Train.RunType, Train.BusCompany);
        public BusQemProblem.Inputs QemAllInputs => new(All.RunType, All.BusCompany);

        /// <summary>The training target for <paramref name="method"/>: QEM trains the QEM guide's problem, VI and RWS the gradient one; each on the training split, checked on all data.</summary>
        public TrainingTarget Target(Method method) => method == Method.Qem
            ? TrainingTarget.For<BusQemProblem>(new(QemTrainSizes, QemTrainObservations, QemTrainInputs), new(QemAllSizes, QemAllObservations, QemAllInputs), SummaryLatents)
            : TrainingTarget.For<BusProblem>(new(TrainSizes, TrainObservations, TrainInputs), new(AllSizes, AllObservations, AllInputs), SummaryLatents);
    }
}
