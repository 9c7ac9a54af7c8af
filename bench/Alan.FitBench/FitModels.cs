using System;
using System.Collections.Generic;
using System.Linq;
using Alan.Samples.BusBreakdown;
using Alan.Samples.Chimpanzees;
using Alan.Samples.Common;
using Alan.Samples.MovieLens;
using Alan.Samples.Occupancy;
using Alan.Samples.Radon;

namespace Alan.FitBench
{
    /// <summary>
    /// A model of the fit table: how to build the problem that <c>Fit</c> trains and, for a sample, the same data as
    /// the members of the matching Stan program's data block.
    /// </summary>
    /// <param name="Name">The model's name; its Stan program is <c>bench/stan/&lt;Name&gt;.stan</c>.</param>
    /// <param name="Problem">Loads the data and builds the problem.</param>
    /// <param name="StanData">The Stan data block's members, from the same tensors (null: the data is a JSON file of its own).</param>
    public sealed record FitModel(string Name, Func<IInferenceProblem> Problem, Func<IReadOnlyList<(string Name, object Value)>>? StanData);

    /// <summary>
    /// The benchmark samples of the fit table, each the problem its sample fits with --fit (the training split, the
    /// sample's hand-written guide); covid is left out (docs/benchmarks-fit.md says why).
    /// </summary>
    public static class FitModels
    {
        public static readonly IReadOnlyList<FitModel> Samples = new[]
        {
            new FitModel("radon", () => RadonData.Load().Target(Method.Vi).Problem, RadonStanData),
            new FitModel("bus_breakdown", () => BusData.Load().Target(Method.Vi).Problem, BusStanData),
            new FitModel("chimpanzees", () => ChimpsData.Load().Target(Method.Vi).Problem, ChimpanzeesStanData),
            new FitModel("movielens", () => MovieLensSynthetic().Target(Method.Vi).Problem, MovieLensStanData),
            // Method.Vi picks the gradient guide's problem; Fit itself chooses RWS for the discrete Z.
            new FitModel("occupancy", () => OccupancyData.Load().Target(Method.Vi).Problem, OccupancyStanData),
        };

        /// <summary>Every model this build can fit: the samples, then the validation models when they are compiled in.</summary>
        public static IReadOnlyList<FitModel> All => Samples.Concat(ValidationFitModels.All).ToList();

        public static FitModel Find(string name) =>
            All.FirstOrDefault(m => m.Name == name)
            ?? throw new ArgumentException($"unknown model '{name}'; models: {string.Join(", ", All.Select(m => m.Name))}.");

        /// <summary>MovieLens as the sample runs it without --data: synthetic, 450 users x (20 + 20) films, seed 0.</summary>
        private static MovieLensData MovieLensSynthetic() => MovieLensData.Synthetic(450, 20, 0);

        private static IReadOnlyList<(string, object)> RadonStanData()
        {
            var data = RadonData.Load();
            var train = (LogRadon: data.All.LogRadon.narrow(1, 0, RadonData.TrainZips), Basement: data.All.Basement.narrow(1, 0, RadonData.TrainZips),
                         LogU: data.All.LogU.narrow(1, 0, RadonData.TrainZips));
            return new (string, object)[]
            {
                ("States", data.States), ("Zips", RadonData.TrainZips),
                ("LogRadon", new StanJson.Reals(train.LogRadon)), ("Basement", new StanJson.Reals(train.Basement)), ("LogU", new StanJson.Reals(train.LogU)),
            };
        }

        private static IReadOnlyList<(string, object)> BusStanData()
        {
            var data = BusData.Load();
            return new (string, object)[]
            {
                ("Years", data.Years), ("Boroughs", data.Boroughs), ("Ids", data.TrainIds),
                ("RunTypes", (int)data.Train.RunType.shape[^1]), ("BusCompanies", (int)data.Train.BusCompany.shape[^1]),
                ("Delay", new StanJson.Ints(data.Train.Delay)), ("RunType", new StanJson.Reals(data.Train.RunType)),
                ("BusCompany", new StanJson.Reals(data.Train.BusCompany)),
            };
        }

        private static IReadOnlyList<(string, object)> ChimpanzeesStanData()
        {
            var data = ChimpsData.Load();
            return new (string, object)[]
            {
                ("Actors", data.Actors), ("Blocks", data.Blocks), ("Repeats", data.TrainRepeats),
                ("PulledLeft", new StanJson.Ints(data.Train.PulledLeft)), ("Condition", new StanJson.Reals(data.Train.Condition)),
                ("ProsocLeft", new StanJson.Reals(data.Train.ProsocLeft)),
            };
        }

        private static IReadOnlyList<(string, object)> MovieLensStanData()
        {
            var data = MovieLensSynthetic();
            return new (string, object)[]
            {
                ("Users", data.Users), ("Films", data.TrainFilms), ("Genres", MovieLensData.Genres),
                ("Rating", new StanJson.Ints(data.All.Rating.narrow(1, 0, data.TrainFilms))), ("X", new StanJson.Reals(data.All.X.narrow(1, 0, data.TrainFilms))),
            };
        }

        private static IReadOnlyList<(string, object)> OccupancyStanData()
        {
            var data = OccupancyData.Load();
            return new (string, object)[]
            {
                ("Birds", data.Birds), ("Years", data.Years), ("Ids", data.TrainIds), ("Replicates", data.Replicates),
                ("Seen", new StanJson.Ints(data.Train.Seen)), ("Weather", new StanJson.Reals(data.Train.Weather)),
                ("Quality", new StanJson.Reals(data.Train.Quality)),
            };
        }
    }
}
