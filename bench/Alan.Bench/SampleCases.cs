using System;
using System.IO;
using Alan;
using Alan.Samples.Common;
using Alan.Samples.Chimpanzees;
using Alan.Samples.Covid;
using Alan.Samples.MovieLens;
using Alan.Samples.Occupancy;
using Alan.Samples.Radon;

namespace Alan.Bench
{
    /// <summary>The sample models' benchmark cases, each at its sample's default learning rate for the method.</summary>
    public static class SampleCases
    {
        /// <summary>Radon: 4 states x 150 zips (the train split); VI lr 0.1, RWS 0.3, QEM 0.1 as the sample.</summary>
        public static BenchCase Radon(string method, int k)
        {
            var data = RadonData.Load();
            double lr = method == "RWS" ? 0.3 : 0.1;
            return SampleCase.Of("radon", method, k, lr, data.Target(MethodOf(method)));
        }

        public static BenchCase Chimpanzees(string method, int k)
        {
            var data = ChimpsData.Load();
            double lr = method == "QEM" ? 0.75 : 0.3;
            return SampleCase.Of("chimpanzees", method, k, lr, data.Target(MethodOf(method)));
        }

        public static BenchCase Occupancy(string method, int k)
        {
            if (method == "VI") throw new ArgumentException("occupancy has a discrete latent (Z): RWS or QEM only.");
            var data = OccupancyData.Load();
            // Training sums Z per value (K^2 per site), unsplit at every K (the sample splits only its draws).
            return SampleCase.Of("occupancy", method, k, 0.1, data.Target(MethodOf(method)));
        }

        /// <summary>MovieLens on synthetic data of the notebook's shape (450 users x 20 films), as the sample without --data.</summary>
        public static BenchCase MovieLens(string method, int k)
        {
            var data = MovieLensData.Synthetic(450, 20, 0);
            return SampleCase.Of("movielens", method, k, 0.1, data.Target(MethodOf(method)));
        }

        public static BenchCase Covid(string method, int k)
        {
            var data = CovidData.Load(Path.Combine(AppContext.BaseDirectory, "data"));
            return SampleCase.Of("covid", method, k, 0.1, Alan.Samples.Covid.Targets.For(data, MethodOf(method)));
        }

        /// <summary>The bench's method name ("VI", "RWS", "QEM") as the samples' method.</summary>
        private static Method MethodOf(string method) => method switch { "QEM" => Method.Qem, "RWS" => Method.Rws, _ => Method.Vi };
    }
}
