using System;
using System.IO;
using Alan.Samples.BusBreakdown;
using Alan.Samples.Chimpanzees;
using Alan.Samples.Common;
using Alan.Samples.MovieLens;
using Alan.Samples.Occupancy;
using Alan.Samples.Radon;
using NUnit.Framework;
using static TorchSharp.torch;

namespace Alan.Samples.Tests
{
    /// <summary>The loaders: shapes of the shipped data, the occupancy axis swap, the CSV format's errors, ml-100k parsing.</summary>
    public class SampleDataTests
    {
        [Test]
        public void ShippedData_HaveThePlateSizesOfTheOriginal()
        {
            var radon = RadonData.Load();
            Assert.That((radon.States, RadonData.TrainZips, radon.AllZips), Is.EqualTo((4, 150, 300)));
            var bus = BusData.Load();
            Assert.That((bus.Years, bus.Boroughs, bus.TrainIds, bus.AllIds), Is.EqualTo((2, 3, 150, 300)));
            Assert.That(bus.All.BusCompany.shape, Is.EqualTo(new long[] { 2, 3, 300, 59 }));
            var chimps = ChimpsData.Load();
            Assert.That((chimps.Actors, chimps.Blocks, chimps.TrainRepeats, chimps.AllRepeats), Is.EqualTo((7, 6, 10, 12)));
            var occupancy = OccupancyData.Load();
            Assert.That((occupancy.Birds, occupancy.Years, occupancy.TrainIds, occupancy.AllIds, occupancy.Replicates), Is.EqualTo((12, 6, 200, 300, 5)));
        }

        [Test]
        public void Occupancy_SwapsYearsAndBirds()
        {
            var dir = Path.Combine(AppContext.BaseDirectory, "data");
            var raw = CsvTensor.Load(Path.Combine(dir, "weather_train_0.csv"));   // [Years, Birds, Ids]
            var data = OccupancyData.Load();
            // year 4, bird 7, id 13 in the file is bird 7, year 4 in the model's layout
            Assert.That(data.Train.Weather[7, 4, 13].item<float>(), Is.EqualTo(raw[4, 7, 13].item<float>()));
        }

        [Test]
        public void Csv_RoundTripsShapeAndValues_AndNamesTheFileOnErrors()
        {
            string dir = Path.Combine(Path.GetTempPath(), "alan-samples-csv-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                string good = Path.Combine(dir, "good.csv");
                File.WriteAllText(good, "# shape=2x1x3 dtype=DoubleStorage\n1,2,3\n4,5,6.5\n");
                var t = CsvTensor.Load(good, ScalarType.Float64);
                Assert.That(t.shape, Is.EqualTo(new long[] { 2, 1, 3 }));
                Assert.That(t[1, 0, 2].item<double>(), Is.EqualTo(6.5));

                string shortRow = Path.Combine(dir, "short.csv");
                File.WriteAllText(shortRow, "# shape=2x3 dtype=FloatStorage\n1,2,3\n4,5\n");
                var ex = Assert.Throws<FormatException>(() => CsvTensor.Load(shortRow));
                Assert.That(ex!.Message, Does.Contain("short.csv, line 3: 2 values, expected 3"));

                string missing = Path.Combine(dir, "rows.csv");
                File.WriteAllText(missing, "# shape=3x2 dtype=FloatStorage\n1,2\n");
                Assert.That(() => CsvTensor.Load(missing), Throws.TypeOf<FormatException>().With.Message.Contains("2 values, expected 6"));
            }
            finally { Directory.Delete(dir, true); }
        }

        [Test]
        public void Ml100k_IsParsed_RatingsFourAndAboveAreLikes_UnratedAreZero()
        {
            string dir = Path.Combine(Path.GetTempPath(), "alan-samples-ml-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(dir);
            try
            {
                // 2 users, 4 films; film f has genre flag f set (of the 18 after "unknown").
                using (var item = new StreamWriter(Path.Combine(dir, "u.item")))
                    for (int f = 1; f <= 4; f++)
                    {
                        var flags = new int[19];
                        flags[f] = 1;
                        item.WriteLine($"{f}|Film {f}|01-Jan-1995||http://x|" + string.Join("|", flags));
                    }
                File.WriteAllText(Path.Combine(dir, "u.data"), "1\t1\t5\t0\n1\t2\t3\t0\n2\t3\t4\t0\n2\t4\t1\t0\n");
                var data = MovieLensData.FromMl100k(dir, users: 2, films: 2, seed: 0);
                Assert.That(data.All.Rating.shape, Is.EqualTo(new long[] { 2, 4 }));
                Assert.That(data.All.X.shape, Is.EqualTo(new long[] { 2, 4, 18 }));
                // Whatever the random order, the likes are exactly (user 1, film 1) and (user 2, film 3): two ones.
                Assert.That(data.All.Rating.sum().item<float>(), Is.EqualTo(2f));
                // Every film has exactly one genre flag, the same for both users.
                Assert.That(data.All.X.sum(-1).eq(1f).all().item<bool>(), Is.True);
                Assert.That(data.All.X[0].eq(data.All.X[1]).all().item<bool>(), Is.True);
            }
            finally { Directory.Delete(dir, true); }
        }
    }
}
