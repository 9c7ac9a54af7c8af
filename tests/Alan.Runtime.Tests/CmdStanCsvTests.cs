using System;
using System.IO;
using System.Linq;
using NUnit.Framework;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>The CmdStan CSV writer against a file laid out by hand.</summary>
    public class CmdStanCsvTests
    {
        [Test]
        public void ScalarAndMatrixLatents_ColumnMajorOneBasedNames()
        {
            // Mu: 2 draws of a scalar; Z: 2 draws of a [plate 2, event 3] element grid with value 100 n + 10 p + e.
            var mu = tensor(new[] { 0.5, -1.25 }, ScalarType.Float64);
            var z = new double[2, 2, 3];
            for (int n = 0; n < 2; n++) for (int p = 0; p < 2; p++) for (int e = 0; e < 3; e++) z[n, p, e] = 100 * n + 10 * p + e;
            z[1, 1, 2] = double.NaN;
            var path = Path.Combine(Path.GetTempPath(), $"alan-cmdstan-{Guid.NewGuid():N}.csv");
            try
            {
                CmdStanCsv.Write(path, new[] { ("Mu", mu), ("Z", tensor(z, ScalarType.Float64)) }, "ToyProblem");
                var lines = File.ReadAllLines(path);
                var comments = lines.TakeWhile(l => l.StartsWith('#')).ToList();
                Assert.That(comments, Does.Contain("# model = ToyProblem"));
                Assert.That(comments, Does.Contain("#     num_samples = 2"));
                Assert.That(comments, Does.Contain("#     num_warmup = 0"));
                Assert.That(comments, Does.Contain("#     algorithm = fixed_param"));
                var rows = lines.Skip(comments.Count).ToList();
                Assert.That(rows[0], Is.EqualTo("lp__,accept_stat__,Mu,Z.1.1,Z.2.1,Z.1.2,Z.2.2,Z.1.3,Z.2.3"));
                Assert.That(rows[1], Is.EqualTo("0,0,0.5,0,10,1,11,2,12"));
                Assert.That(rows[2], Is.EqualTo("0,0,-1.25,100,110,101,111,102,nan"));
                Assert.That(rows, Has.Count.EqualTo(3));
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Test]
        public void BadInput_NamesTheLatent()
        {
            var path = Path.Combine(Path.GetTempPath(), $"alan-cmdstan-{Guid.NewGuid():N}.csv");
            var e = Assert.Throws<ArgumentException>(() => CmdStanCsv.Write(path,
                new[] { ("A", zeros(3, dtype: ScalarType.Float64)), ("B", zeros(4, dtype: ScalarType.Float64)) }))!;
            Assert.That(e.Message, Does.Contain("'B' has 4 and 'A' has 3"));
            Assert.That(File.Exists(path), Is.False, "nothing written on bad input");
            Assert.Throws<ArgumentException>(() => CmdStanCsv.Write(path, Array.Empty<(string, TorchSharp.torch.Tensor)>()));
        }
    }
}
