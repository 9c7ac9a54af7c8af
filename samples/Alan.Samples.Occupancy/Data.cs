using System;
using System.IO;
using Alan.Samples.Common;
using static TorchSharp.torch;

namespace Alan.Samples.Occupancy
{
    /// <summary>
    /// The occupancy data (data/*.csv, shipped with the sample; the original's seed-0 subsample). The files are
    /// ordered (Years 6, Birds 12, Ids, Replicate 5); the model's plates nest Birds > Years > Ids > Replicate (as the
    /// original's, whose named tensors align by name), so the first two axes are swapped on loading. 200 ids train,
    /// 100 more are held out; "All" is train then test along Ids.
    /// </summary>
    public sealed class OccupancyData
    {
        /// <summary>The latents the sample summarises.</summary>
        public static readonly string[] SummaryLatents = { "BirdMeanMean", "AlphaMean", "BetaMean", "BirdMean", "Alpha", "Beta" };

        public OccupancyData(string directory)
        {
            // [Years, Birds, ...] -> [Birds, Years, ...]
            Tensor Load(string name) => CsvTensor.Load(Path.Combine(directory, name)).transpose(0, 1).contiguous();
            Train = (Load("birds_train_0.csv"), Load("weather_train_0.csv"), Load("quality_train_0.csv"));
            var test = (Seen: Load("birds_test_0.csv"), Weather: Load("weather_test_0.csv"), Quality: Load("quality_test_0.csv"));
            All = (cat(new[] { Train.Seen, test.Seen }, 2), cat(new[] { Train.Weather, test.Weather }, 2), cat(new[] { Train.Quality, test.Quality }, 2));
            Birds = (int)Train.Seen.shape[0];
            Years = (int)Train.Seen.shape[1];
            TrainIds = (int)Train.Seen.shape[2];
            AllIds = (int)All.Seen.shape[2];
            Replicates = (int)Train.Seen.shape[3];
        }

        /// <summary>Loads the data shipped next to the executable.</summary>
        public static OccupancyData Load() => new(Path.Combine(AppContext.BaseDirectory, "data"));

        public int Birds { get; }
        public int Years { get; }
        public int TrainIds { get; }
        public int AllIds { get; }
        public int Replicates { get; }
        public (Tensor Seen, Tensor Weather, Tensor Quality) Train { get; }
        public (Tensor Seen, Tensor Weather, Tensor Quality) All { get; }

        public OccupancyProblem.PlateSizes TrainSizes => new(Birds, Years, TrainIds, Replicates);
        public OccupancyProblem.PlateSizes AllSizes => new(Birds, Years, AllIds, Replicates);
        public OccupancyProblem.Observations TrainObservations => new(Train.Seen);
        public OccupancyProblem.Observations AllObservations => new(All.Seen);
        public OccupancyProblem.Inputs TrainInputs => new(Train.Weather, Train.Quality);
        public OccupancyProblem.Inputs AllInputs => new(All.Weather, All.Quality);

        public OccupancyQemProblem.PlateSizes QemTrainSizes => new(Birds, Years, TrainIds, Replicates);
        public OccupancyQemProblem.PlateSizes QemAllSizes => new(Birds, Years, AllIds, Replicates);
        public OccupancyQemProblem.Observations QemTrainObservations => new(Train.Seen);
        public OccupancyQemProblem.Observations QemAllObservations => new(All.Seen);
        public OccupancyQemProblem.Inputs QemTrainInputs => new(Train.Weather, Train.Quality);
        public OccupancyQemProblem.Inputs QemAllInputs => new(All.Weather, All.Quality);

        /// <summary>The training target for <paramref name="method"/>: QEM trains the QEM guide's problem, VI and RWS the gradient one; each on the training split, checked on all data.
        /// Training and marginals sum Z per value (K^2 per site); importance sampling records Z's per-particle joint (K^3 per
        /// site), so it can run in chunks: <paramref name="drawing"/> is the strategy of the draws only.</summary>
        public TrainingTarget Target(Method method, ComputationStrategy? drawing = null) => method == Method.Qem
            ? TrainingTarget.For<OccupancyQemProblem>(new(QemTrainSizes, QemTrainObservations, QemTrainInputs), new(QemAllSizes, QemAllObservations, QemAllInputs), SummaryLatents, (_, evaluation) => evaluation == Evaluation.Draws ? drawing : null)
            : TrainingTarget.For<OccupancyProblem>(new(TrainSizes, TrainObservations, TrainInputs), new(AllSizes, AllObservations, AllInputs), SummaryLatents, (_, evaluation) => evaluation == Evaluation.Draws ? drawing : null);
    }
}
