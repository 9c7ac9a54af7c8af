using System;
using System.Globalization;
using System.IO;
using System.Linq;
using NUnit.Framework;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>The CmdStan CSV writer against a file laid out by hand, and its reader on what it wrote, bit for bit.</summary>
    public class CmdStanCsvTests
    {
        private string _folder = "";

        [SetUp]
        public void CreateFolder()
        {
            _folder = Path.Combine(Path.GetTempPath(), "alan-cmdstan-" + Guid.NewGuid().ToString("N")[..12]);
            Directory.CreateDirectory(_folder);
        }

        [TearDown]
        public void DeleteFolder() => Directory.Delete(_folder, recursive: true);

        private string FilePath(string name = "draws.csv") => Path.Combine(_folder, name);

        [Test]
        public void ScalarAndMatrixLatents_ColumnMajorOneBasedNames()
        {
            // Mu: 2 draws of a scalar; Z: 2 draws of a [plate 2, event 3] element grid with value 100 n + 10 p + e.
            var mu = tensor(new[] { 0.5, -1.25 }, ScalarType.Float64);
            var z = new double[2, 2, 3];
            for (int n = 0; n < 2; n++) for (int p = 0; p < 2; p++) for (int e = 0; e < 3; e++) z[n, p, e] = 100 * n + 10 * p + e;
            z[1, 1, 2] = double.NaN;
            string path = FilePath();
            CmdStanCsv.Write(path, new[] { ("Mu", mu), ("Z", tensor(z, ScalarType.Float64)) }, "ToyProblem");
            var lines = File.ReadAllLines(path);
            var comments = lines.TakeWhile(l => l.StartsWith('#')).ToList();
            Assert.That(comments, Does.Contain("# model = ToyProblem"));
            Assert.That(comments, Does.Contain("#     num_samples = 2"));
            Assert.That(comments, Does.Contain("#     num_warmup = 0"));
            Assert.That(comments, Does.Contain("#     algorithm = fixed_param"));
            Assert.That(comments, Does.Contain("# Written by Alan.Compiled: equally weighted posterior draws."));
            Assert.That(comments.Where(c => c.Contains("lp__")).Single(), Does.Contain("0").And.Contain("no log density"));
            Assert.That(comments, Has.None.StartsWith("# pareto_k").And.None.StartsWith("# log_evidence"), "no origin given: nothing to say");
            var rows = lines.Skip(comments.Count).ToList();
            Assert.That(rows[0], Is.EqualTo("lp__,accept_stat__,Mu,Z.1.1,Z.2.1,Z.1.2,Z.2.2,Z.1.3,Z.2.3"));
            Assert.That(rows[1], Is.EqualTo("0,0,0.5,0,10,1,11,2,12"));
            Assert.That(rows[2], Is.EqualTo("0,0,-1.25,100,110,101,111,102,nan"));
            Assert.That(rows, Has.Count.EqualTo(3));
        }

        [Test]
        public void Origin_WritesItsDescriptionParetoKAndLogEvidence_AsSettingLines()
        {
            string path = FilePath();
            var origin = new DrawsOrigin("Fit (Vi, K 10, 100 pooled samples)", ParetoK: 0.123456789012345, LogEvidence: -12.5);
            CmdStanCsv.Write(path, new[] { ("Mu", zeros(3, dtype: ScalarType.Float64)) }, "P", origin);
            var comments = CmdStanCsv.Read(path).Comments;
            Assert.That(comments, Does.Contain(" Written by Alan.Compiled: equally weighted posterior draws from Fit (Vi, K 10, 100 pooled samples)."));
            Assert.That(comments, Does.Contain(" pareto_k = 0.123456789012345"));
            Assert.That(comments, Does.Contain(" log_evidence = -12.5"));
            // Readers (rstan, ArviZ) take every comment with '=' for a "name = value" setting: only those lines have one.
            Assert.That(comments.Where(c => c.Contains('=')).Select(c => c.Split('=')[0].Trim()),
                Is.EqualTo(new[] { "model", "method", "num_samples", "num_warmup", "save_warmup", "thin", "engaged", "algorithm", "id", "pareto_k", "log_evidence" }));
        }

        /// <summary>
        /// Write then Read gives every value back with the same bits (float64, including -0, infinities, subnormals and
        /// the extremes), under the names the test derives itself from the shapes: Theta.i (1-based), Z.i.j column-major.
        /// </summary>
        [Test]
        public void RoundTrip_EveryValueComesBackBitForBit()
        {
            const int n = 50;
            var generator = new TorchSharp.torch.Generator(0).manual_seed(20261208);
            var mu = randn(n, dtype: ScalarType.Float64, generator: generator) * 1e3;
            var theta = randn(new long[] { n, 4 }, dtype: ScalarType.Float64, generator: generator).exp();
            var z = randn(new long[] { n, 2, 3 }, dtype: ScalarType.Float64, generator: generator) * 1e-7;
            double[] special = { -0.0, double.PositiveInfinity, double.NegativeInfinity, double.Epsilon, double.MaxValue, double.MinValue, 1.0 / 3.0, 0.1 };
            for (int i = 0; i < special.Length; i++) mu[i] = tensor(special[i], ScalarType.Float64);
            string path = FilePath();

            CmdStanCsv.Write(path, new[] { ("Mu", mu), ("Theta", theta), ("Z", z) }, "RoundTrip");
            var read = CmdStanCsv.Read(path);

            var expectedColumns = new[] { "lp__", "accept_stat__", "Mu" }
                .Concat(Enumerable.Range(1, 4).Select(i => $"Theta.{i}"))
                .Concat(from j in Enumerable.Range(1, 3) from i in Enumerable.Range(1, 2) select $"Z.{i}.{j}");
            Assert.That(read.Columns, Is.EqualTo(expectedColumns));
            Assert.That(read.DrawCount, Is.EqualTo(n));
            var muValues = mu.data<double>().ToArray();
            var thetaValues = theta.data<double>().ToArray();
            var zValues = z.data<double>().ToArray();
            for (int row = 0; row < n; row++)
            {
                Assert.That(read.Column("lp__")[row], Is.Zero);
                AssertSameBits(read.Column("Mu")[row], muValues[row], $"Mu, draw {row}");
                for (int i = 0; i < 4; i++) AssertSameBits(read.Column($"Theta.{i + 1}")[row], thetaValues[row * 4 + i], $"Theta[{i}], draw {row}");
                for (int i = 0; i < 2; i++)
                    for (int j = 0; j < 3; j++)
                        AssertSameBits(read.Column($"Z.{i + 1}.{j + 1}")[row], zValues[row * 6 + i * 3 + j], $"Z[{i},{j}], draw {row}");
            }
        }

        [Test]
        public void RoundTrip_Float32DrawsComeBackAsTheirExactFloat64Values_AndNaNAsNaN()
        {
            var values = new float[] { 0.1f, -3.4028235e38f, 1.17549435e-38f, float.NaN, 7f / 3f };
            string path = FilePath();
            CmdStanCsv.Write(path, new[] { ("X", tensor(values)) });
            var read = CmdStanCsv.Read(path).Column("X");
            for (int i = 0; i < values.Length; i++)
                if (float.IsNaN(values[i])) Assert.That(read[i], Is.NaN);
                else AssertSameBits(read[i], values[i], $"X, draw {i}");
        }

        [Test]
        public void BadPath_IsRefusedNamingTheArgumentAndTheValue_AndNothingIsWritten()
        {
            var latents = new[] { ("Mu", zeros(2, dtype: ScalarType.Float64)) };
            Assert.That(Assert.Throws<ArgumentNullException>(() => CmdStanCsv.Write(null!, latents))!.ParamName, Is.EqualTo("path"));

            var empty = Assert.Throws<ArgumentException>(() => CmdStanCsv.Write("  ", latents))!;
            Assert.That(empty.ParamName, Is.EqualTo("path"));
            Assert.That(empty.Message, Does.Contain("\"  \""));

            var folder = Assert.Throws<ArgumentException>(() => CmdStanCsv.Write(_folder, latents))!;
            Assert.That(folder.ParamName, Is.EqualTo("path"));
            Assert.That(folder.Message, Does.Contain($"'{_folder}' is a folder"));

            string missing = Path.Combine(_folder, "no-such-folder", "draws.csv");
            var noFolder = Assert.Throws<DirectoryNotFoundException>(() => CmdStanCsv.Write(missing, latents))!;
            Assert.That(noFolder.Message, Does.Contain($"path '{missing}'").And.Contain("does not exist"));

            // A file where a folder should be: the path cannot be created whoever runs the test (root included).
            string file = FilePath("plain-file");
            File.WriteAllText(file, "");
            string underFile = Path.Combine(file, "draws.csv");
            var e = Assert.Catch<IOException>(() => CmdStanCsv.Write(underFile, latents))!;
            Assert.That(e.Message, Does.Contain($"path '{underFile}'"));

            Assert.That(Directory.GetFiles(_folder), Is.EqualTo(new[] { file }), "nothing written");
        }

        [Test]
        public void BadLatents_AreRefusedNamingTheLatent_AndNothingIsWritten()
        {
            string path = FilePath();
            var three = zeros(3, dtype: ScalarType.Float64);
            var e = Assert.Throws<ArgumentException>(() => CmdStanCsv.Write(path, new[] { ("A", three), ("B", zeros(4, dtype: ScalarType.Float64)) }))!;
            Assert.That(e.Message, Does.Contain("'B' has 4 and 'A' has 3"));
            Assert.That(Assert.Throws<ArgumentException>(() => CmdStanCsv.Write(path, Array.Empty<(string, TorchSharp.torch.Tensor)>()))!.ParamName,
                Is.EqualTo("latents"));
            Assert.That(Assert.Throws<ArgumentException>(() => CmdStanCsv.Write(path, new[] { ("A", three), ("A", three) }))!.Message,
                Does.Contain("'A' is given twice"));
            Assert.That(Assert.Throws<ArgumentException>(() => CmdStanCsv.Write(path, new[] { ("lp__", three) }))!.Message,
                Does.Contain("'lp__' is one of CmdStan's sampler columns"));
            Assert.That(Assert.Throws<ArgumentException>(() => CmdStanCsv.Write(path, new[] { ("A.b", three) }))!.Message,
                Does.Contain("\"A.b\""));
            Assert.That(Assert.Throws<ArgumentException>(() => CmdStanCsv.Write(path, new[] { ("A", zeros(0, 2, dtype: ScalarType.Float64)) }))!.Message,
                Does.Contain("'A' are shaped [0, 2]: there is no draw"));
            Assert.That(Assert.Throws<ArgumentException>(() => CmdStanCsv.Write(path, new[] { ("A", tensor(1.0)) }))!.Message,
                Does.Contain("'A' must be shaped [N, plates..., event...], but are a scalar"));
            Assert.That(Assert.Throws<ArgumentException>(() => CmdStanCsv.Write(path, new[] { ("A", three) }, "m", new DrawsOrigin("K = 3")))!.Message,
                Does.Contain("without '='").And.Contain("\"K = 3\""));
            Assert.That(File.Exists(path), Is.False, "nothing written on bad input");
        }

        [Test]
        public void Read_ReportsMalformedFilesWithTheLineNumber()
        {
            string path = FilePath();
            File.WriteAllText(path, "# c\nlp__,Mu\n0,1.5\n0,2,3\n");
            Assert.That(Assert.Throws<FormatException>(() => CmdStanCsv.Read(path))!.Message, Does.Contain("line 4").And.Contain("3 values").And.Contain("2 columns"));
            File.WriteAllText(path, "lp__,Mu\n0,abc\n");
            Assert.That(Assert.Throws<FormatException>(() => CmdStanCsv.Read(path))!.Message, Does.Contain("line 2").And.Contain("'Mu'").And.Contain("\"abc\""));
            File.WriteAllText(path, "# only comments\n");
            Assert.That(Assert.Throws<FormatException>(() => CmdStanCsv.Read(path))!.Message, Does.Contain("no header line"));
            string missing = FilePath("missing.csv");
            Assert.That(Assert.Throws<FileNotFoundException>(() => CmdStanCsv.Read(missing))!.Message, Does.Contain(missing));
            Assert.That(Assert.Throws<ArgumentException>(() => CmdStanCsv.Read(""))!.ParamName, Is.EqualTo("path"));
            File.WriteAllText(path, "lp__,Mu\n0,1\n");
            Assert.That(Assert.Throws<ArgumentException>(() => CmdStanCsv.Read(path).Column("Theta.1"))!.Message,
                Does.Contain("no column 'Theta.1'; its columns are lp__, Mu"));
        }

        /// <summary>A CmdStan sampler's file: comments in the middle (adaptation) and at the end (timing), R's spellings of specials.</summary>
        [Test]
        public void Read_TakesCommentsAnywhere_AsCmdStanWritesThem()
        {
            string path = FilePath();
            File.WriteAllText(path, "# model = m\nlp__,accept_stat__,theta\n# Adaptation terminated\n# Step size = 0.9\n-7.5,0.9,0.25\n-7.25,1,Inf\n\n#  Elapsed Time: 0.01 seconds (Warm-up)\n");
            var read = CmdStanCsv.Read(path);
            Assert.That(read.Columns, Is.EqualTo(new[] { "lp__", "accept_stat__", "theta" }));
            Assert.That(read.Column("lp__"), Is.EqualTo(new[] { -7.5, -7.25 }));
            Assert.That(read.Column("theta"), Is.EqualTo(new[] { 0.25, double.PositiveInfinity }));
            Assert.That(read.Comments, Has.Count.EqualTo(4));
        }

        private static void AssertSameBits(double actual, double expected, string what) =>
            Assert.That(BitConverter.DoubleToInt64Bits(actual), Is.EqualTo(BitConverter.DoubleToInt64Bits(expected)),
                $"{what}: read {actual.ToString("R", CultureInfo.InvariantCulture)}, wrote {expected.ToString("R", CultureInfo.InvariantCulture)}");
    }
}
