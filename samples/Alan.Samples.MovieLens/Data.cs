using System;
using Alan.Samples.Common;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Samples.MovieLens
{
    /// <summary>
    /// MovieLens data for the notebook's model: M users x 2N films, the first N films train and the other N are held
    /// out ("All" = train then test along Films). Either the standard ml-100k files (<c>u.data</c>, <c>u.item</c>)
    /// from a directory, or synthetic data of the same shape drawn from the model itself.
    /// </summary>
    public sealed class MovieLensData
    {
        /// <summary>The latents the sample summarises.</summary>
        public static readonly string[] SummaryLatents = { "MuZ", "PsiZ" };

        public const int Genres = 18;

        private MovieLensData(Tensor rating, Tensor x, int trainFilms, string source)
        {
            All = (rating, x);
            Users = (int)rating.shape[0];
            AllFilms = (int)rating.shape[1];
            TrainFilms = trainFilms;
            Source = source;
        }

        public int Users { get; }
        public int TrainFilms { get; }
        public int AllFilms { get; }
        public string Source { get; }

        /// <summary>Ratings (1 = rated 4 or 5, 0 = lower or unrated), [Users, AllFilms]; genre flags X, [Users, AllFilms, 18].</summary>
        public (Tensor Rating, Tensor X) All { get; }

        private Tensor Train(Tensor t) => t.narrow(1, 0, TrainFilms);

        /// <summary>
        /// ml-100k, as the original's make_data.py: the rating matrix over all users and films (unrated = 0,
        /// ratings >= 4 -> 1), then <paramref name="users"/> users and 2 <paramref name="films"/> films drawn at random
        /// without replacement (seed <paramref name="seed"/>); the first <paramref name="films"/> train. x is the film's
        /// 18 genre flags (u.item's last 18 columns; the "unknown" genre is dropped, as in the original).
        /// </summary>
        public static MovieLensData FromMl100k(string directory, int users, int films, int seed)
        {
            string dataPath = Path.Combine(directory, "u.data"), itemPath = Path.Combine(directory, "u.item");
            if (!File.Exists(dataPath) || !File.Exists(itemPath))
                throw new FileNotFoundException($"--data {directory}: expected the ml-100k files u.data and u.item there.");
            var genres = new Dictionary<int, float[]>();
            foreach (string line in File.ReadLines(itemPath, System.Text.Encoding.Latin1))
            {
                if (line.Length == 0) continue;
                string[] cells = line.Split('|');
                if (cells.Length != 24) throw new FormatException($"{itemPath}: expected 24 '|'-separated fields, found {cells.Length} in '{line}'.");
                genres[int.Parse(cells[0], CultureInfo.InvariantCulture)] =
                    cells.Skip(6).Select(c => float.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            }
            var liked = new HashSet<(int User, int Item)>();
            var userIds = new SortedSet<int>();
            foreach (string line in File.ReadLines(dataPath))
            {
                if (line.Length == 0) continue;
                string[] cells = line.Split('\t');
                if (cells.Length != 4) throw new FormatException($"{dataPath}: expected 4 tab-separated fields, found {cells.Length} in '{line}'.");
                int user = int.Parse(cells[0], CultureInfo.InvariantCulture), item = int.Parse(cells[1], CultureInfo.InvariantCulture);
                userIds.Add(user);
                if (int.Parse(cells[2], CultureInfo.InvariantCulture) >= 4) liked.Add((user, item));
            }
            int[] allUsers = userIds.ToArray();
            int[] allItems = genres.Keys.OrderBy(i => i).ToArray();
            if (allUsers.Length < users || allItems.Length < 2 * films)
                throw new ArgumentException($"ml-100k has {allUsers.Length} users and {allItems.Length} films; need {users} users and {2 * films} films.");
            var random = new Random(seed);
            int[] chosenUsers = Shuffle(allUsers, random).Take(users).ToArray();
            int[] chosenFilms = Shuffle(allItems, random).Take(2 * films).ToArray();

            var rating = new float[users * 2 * films];
            var x = new float[users * 2 * films * Genres];
            for (int u = 0; u < users; u++)
                for (int f = 0; f < 2 * films; f++)
                {
                    rating[u * 2 * films + f] = liked.Contains((chosenUsers[u], chosenFilms[f])) ? 1f : 0f;
                    float[] g = genres[chosenFilms[f]];
                    for (int k = 0; k < Genres; k++) x[(u * 2 * films + f) * Genres + k] = g[k];
                }
            return new MovieLensData(tensor(rating, new long[] { users, 2 * films }), tensor(x, new long[] { users, 2 * films, Genres }), films, $"ml-100k from {directory} (seed {seed})");
        }

        /// <summary>
        /// Synthetic data of the same shape drawn from the model: genre flags iid Bernoulli(0.2) per film (the same for
        /// every user), then every latent and rating from P (<c>SamplePrior</c>), all with seed <paramref name="seed"/>.
        /// </summary>
        public static MovieLensData Synthetic(int users, int films, int seed)
        {
            torch.manual_seed(seed);
            var filmGenres = torch.bernoulli(torch.full(2 * films, Genres, 0.2f));
            var x = filmGenres.unsqueeze(0).expand(users, 2 * films, Genres).contiguous();
            var prior = MovieLensProblem.SamplePrior(new MovieLensProblem.PlateSizes(users, 2 * films), new MovieLensProblem.Inputs(x));
            return new MovieLensData(prior.Rating, x, films, $"synthetic, drawn from the model (seed {seed})");
        }

        public MovieLensProblem.PlateSizes TrainSizes => new(Users, TrainFilms);
        public MovieLensProblem.PlateSizes AllSizes => new(Users, AllFilms);
        public MovieLensProblem.Observations TrainObservations => new(Train(All.Rating));
        public MovieLensProblem.Observations AllObservations => new(All.Rating);
        public MovieLensProblem.Inputs TrainInputs => new(Train(All.X));
        public MovieLensProblem.Inputs AllInputs => new(All.X);

        public MovieLensQemProblem.PlateSizes QemTrainSizes => new(Users, TrainFilms);
        public MovieLensQemProblem.PlateSizes QemAllSizes => new(Users, AllFilms);
        public MovieLensQemProblem.Observations QemTrainObservations => new(Train(All.Rating));
        public MovieLensQemProblem.Observations QemAllObservations => new(All.Rating);
        public MovieLensQemProblem.Inputs QemTrainInputs => new(Train(All.X));
        public MovieLensQemProblem.Inputs QemAllInputs => new(All.X);

        /// <summary>The training target for <paramref name="method"/>: QEM trains the QEM guide's problem, VI and RWS the gradient one; each on the training split, checked on all data.</summary>
        public TrainingTarget Target(Method method) => method == Method.Qem
            ? TrainingTarget.For<MovieLensQemProblem>(new(QemTrainSizes, QemTrainObservations, QemTrainInputs), new(QemAllSizes, QemAllObservations, QemAllInputs), SummaryLatents)
            : TrainingTarget.For<MovieLensProblem>(new(TrainSizes, TrainObservations, TrainInputs), new(AllSizes, AllObservations, AllInputs), SummaryLatents);

        /// <summary>A Fisher-Yates shuffle of a copy of <paramref name="items"/>.</summary>
        private static int[] Shuffle(int[] items, Random random)
        {
            int[] copy = (int[])items.Clone();
            for (int i = copy.Length - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (copy[i], copy[j]) = (copy[j], copy[i]);
            }
            return copy;
        }
    }
}
