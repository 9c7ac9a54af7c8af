using System;
using System.Globalization;
using System.IO;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// WriteCmdStanCsv on a generated problem's draws (ImportanceSample(N) and Fit's): the file read back with
    /// <see cref="CmdStanCsv.Read"/> holds every draw bit for bit under CmdStan's names, and its comments say where the
    /// draws came from.
    /// </summary>
    public class DrawsExportTests
    {
        private string _folder = "";

        [SetUp]
        public void CreateFolder()
        {
            _folder = Path.Combine(Path.GetTempPath(), "alan-draws-export-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(_folder);
        }

        [TearDown]
        public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

        private static RadonProblem Radon()
        {
            torch.manual_seed(12);
            var sizes = new RadonProblem.PlateSizes(States: 3, Zips: 5);
            var inputs = new RadonProblem.Inputs(Basement: torch.rand(3, 5, dtype: ScalarType.Float64).round(), LogU: torch.randn(3, 5, dtype: ScalarType.Float64));
            var prior = RadonProblem.SamplePrior(sizes, inputs, ScalarType.Float64);
            return new RadonProblem(sizes, new RadonProblem.Observations(Obs: prior.Obs), inputs, ScalarType.Float64);
        }

        [Test]
        public void ImportanceSample_WritesPlateLatentsAsIndexedColumns_ReadBackBitForBit()
        {
            using var problem = Radon();
            torch.manual_seed(3);
            using var sample = problem.Sample(K: 4);
            var draws = sample.ImportanceSample(25);
            string path = Path.Combine(_folder, "radon.csv");

            draws.WriteCmdStanCsv(path);
            var read = CmdStanCsv.Read(path);

            var expected = new (string Name, Tensor Draws)[]
            {
                ("GlobalMean", draws.GlobalMean), ("GlobalLogScale", draws.GlobalLogScale), ("StateMean", draws.StateMean),
                ("StateLogScale", draws.StateLogScale), ("BetaU", draws.BetaU), ("BetaBasement", draws.BetaBasement),
            };
            var columns = new[] { "lp__", "accept_stat__", "GlobalMean", "GlobalLogScale" }
                .Concat(expected.Skip(2).SelectMany(l => Enumerable.Range(1, 3).Select(i => $"{l.Name}.{i}")));
            Assert.That(read.Columns, Is.EqualTo(columns));
            Assert.That(read.DrawCount, Is.EqualTo(25));
            foreach (var (name, tensor) in expected)
            {
                var values = tensor.data<double>().ToArray();
                int width = values.Length / 25;
                for (int n = 0; n < 25; n++)
                    for (int i = 0; i < width; i++)
                    {
                        string column = width == 1 && tensor.dim() == 1 ? name : $"{name}.{i + 1}";
                        Assert.That(BitConverter.DoubleToInt64Bits(read.Column(column)[n]), Is.EqualTo(BitConverter.DoubleToInt64Bits(values[n * width + i])),
                            $"{column}, draw {n}");
                    }
            }
            Assert.That(read.Column("lp__").Distinct(), Is.EqualTo(new[] { 0.0 }));
            Assert.That(read.Comments, Does.Contain(" model = RadonProblem"));
            Assert.That(read.Comments, Has.Some.Contains("equally weighted posterior draws from ImportanceSample"));
            Assert.That(read.Comments, Has.None.Contains("pareto_k"), "one sample's importance draws carry no Pareto k-hat");
        }

        [Test]
        public void FitDraws_AndTheFit_WriteTheSameFile_WithItsParetoKAndLogEvidence()
        {
            double[] data = { 0.8, 1.9, -0.3, 1.2, 2.4 };
            using var problem = new IntroProblem(new IntroProblem.PlateSizes(P1: data.Length),
                new IntroProblem.Observations(Obs: tensor(data, ScalarType.Float64)), ScalarType.Float64);
            var fit = problem.Fit(new FitOptions { Seed = 5, Draws = 60, MaxIterations = 200 });
            string fromDraws = Path.Combine(_folder, "draws.csv"), fromFit = Path.Combine(_folder, "fit.csv");

            fit.Draws.WriteCmdStanCsv(fromDraws);
            fit.WriteCmdStanCsv(fromFit);

            Assert.That(File.ReadAllText(fromDraws), Is.EqualTo(File.ReadAllText(fromFit)));
            var read = CmdStanCsv.Read(fromFit);
            Assert.That(read.Columns, Is.EqualTo(new[] { "lp__", "accept_stat__", "Mu" }));
            var mu = fit.Draws.Mu.data<double>().ToArray();
            Assert.That(read.Column("Mu").Select(BitConverter.DoubleToInt64Bits), Is.EqualTo(mu.Select(BitConverter.DoubleToInt64Bits)));
            Assert.That(read.Comments, Does.Contain(" pareto_k = " + fit.ParetoK.ToString("R", CultureInfo.InvariantCulture)));
            Assert.That(read.Comments, Does.Contain(" log_evidence = " + fit.LogEvidence.ToString("R", CultureInfo.InvariantCulture)));
            Assert.That(read.Comments, Has.Some.Contains($"from Fit ({fit.Method}, K {fit.K}, {fit.PooledSamples} pooled samples"));
        }
    }
}
