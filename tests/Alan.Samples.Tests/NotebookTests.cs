using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Alan.Samples.Intro;
using NUnit.Framework;
using TorchSharp;

namespace Alan.Samples.Tests
{
    /// <summary>
    /// samples/notebooks/Introduction.ipynb run headless by dotnet-repl, as a reader runs it: every cell succeeds, and
    /// the answers it prints agree with closed forms. The exact answers for the introduction's model are recomputed
    /// here from the same seeded draw (the console sample's <see cref="Exact"/>); the other exact answers are the
    /// closed forms the notebook prints beside its estimates.
    /// </summary>
    [Parallelizable(ParallelScope.None)]
    public class NotebookTests
    {
        private static string NotebookFolder => Path.Combine(NotebookRunner.RepositoryRoot, "samples", "notebooks");

        private static ExecutedNotebook? _introduction;

        /// <summary>
        /// The introduction, run once for all the checks (about 40 s). It references the Debug build of the extension, as
        /// a reader builds it; a test built in another configuration runs a copy beside it that references that one.
        /// </summary>
        private static ExecutedNotebook Introduction()
        {
            if (_introduction != null) return _introduction;
            NotebookRunner.RestoreTools();
            string notebook = Path.Combine(NotebookFolder, "Introduction.ipynb");
            const string DebugBuild = "src/Alan.Interactive/bin/Debug/net10.0/Alan.Interactive.dll";
            string text = File.ReadAllText(notebook);
            Assert.That(text, Does.Contain($"#r \\\"../../{DebugBuild}\\\""), "the notebook's first code cell loads the extension");
            if (NotebookRunner.Configuration == "Debug")
            {
                _introduction = NotebookRunner.Execute(notebook, NotebookFolder);
            }
            else
            {
                string copy = Path.Combine(NotebookFolder, $"Introduction.{NotebookRunner.Configuration}-{Guid.NewGuid():N}.ipynb");
                File.WriteAllText(copy, text.Replace(DebugBuild, DebugBuild.Replace("/Debug/", $"/{NotebookRunner.Configuration}/")));
                try { _introduction = NotebookRunner.Execute(copy, NotebookFolder); }
                finally { File.Delete(copy); }
            }
            TestContext.Out.WriteLine(_introduction.Text);
            return _introduction;
        }

        private static double Number(string text, string pattern)
        {
            var match = Regex.Match(text, pattern, RegexOptions.Multiline);
            Assert.That(match.Success, Is.True, $"no line matches /{pattern}/ in the notebook's output:\n{text}");
            return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        }

        private const string Num = @"(-?[0-9.]+(?:E[-+]?[0-9]+)?)";

        [Test]
        public void Introduction_RunsEveryCellWithoutError()
        {
            var run = Introduction();
            Assert.That(run.Errors, Is.Empty);
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Log);
            Assert.That(run.Text, Does.Contain("Compiled Intro, IntroGuide, IntroProblem, IntroAuto with the Alan generator")
                .And.Contain("Compiled Grouped, GroupedGuide, GroupedProblem with the Alan generator")
                .And.Contain("Compiled Clustered, ClusteredGuide, ClusteredProblem with the Alan generator"));
        }

        /// <summary>
        /// VI with K = 1 and RWS with K = 20 find the exact posterior of Mu: mean within 0.1 (about half a posterior
        /// sd, 0.18) and sd within 0.05 of the closed form; their importance-weighted ELBO (100 estimates at K = 20)
        /// within 0.05 nats of log p(Obs). VI with K = 20 is slow by design (the notebook says so): its ELBO is finite
        /// and below log p(Obs) + 0.05. Fit with the derived guide: the same bands, and it calls itself reliable.
        /// </summary>
        [Test]
        public void Introduction_FindsTheExactPosteriorOfMu()
        {
            string text = Introduction().Text;

            // The notebook's data: seed 0, 30 observations drawn from P, as the console sample draws them.
            torch.manual_seed(0);
            var prior = IntroProblem.SamplePrior(new IntroProblem.PlateSizes(P1: 30));
            double[] x = prior.Obs.to_type(torch.ScalarType.Float64).data<double>().ToArray();
            double logEvidence = Exact.LogEvidence(x), mean = Exact.PosteriorMean(x), sd = Exact.PosteriorSd(x);
            Assert.That(Number(text, @"^exact: log p\(Obs\) = " + Num), Is.EqualTo(logEvidence).Within(5e-5));
            Assert.That(Number(text, @"^exact: .*posterior mean " + Num), Is.EqualTo(mean).Within(5e-5));
            Assert.That(Number(text, @"^exact: .*, sd " + Num), Is.EqualTo(sd).Within(5e-5));

            foreach (var method in new[] { "VI  K=1", "RWS K=20", "Fit" })
            {
                string line = Regex.Escape(method) + @"\s*\| mean ";
                Assert.That(Number(text, "^" + line + Num), Is.EqualTo(mean).Within(0.1), method + " mean");
                Assert.That(Number(text, "^" + line + @".*\| sd " + Num), Is.EqualTo(sd).Within(0.05), method + " sd");
            }
            Assert.That(Number(text, @"^VI  K=1\s*\|.*\| ELBO " + Num), Is.EqualTo(logEvidence).Within(0.05));
            Assert.That(Number(text, @"^RWS K=20\s*\|.*\| ELBO " + Num), Is.EqualTo(logEvidence).Within(0.05));
            Assert.That(Number(text, @"^Fit\s*\|.*\| log evidence " + Num), Is.EqualTo(logEvidence).Within(0.05));
            double slowElbo = Number(text, @"^VI  K=20\s*\|.*\| ELBO " + Num);
            Assert.That(double.IsFinite(slowElbo) && slowElbo < logEvidence + 0.05, Is.True, $"VI K=20 ELBO {slowElbo}");
            Assert.That(text, Does.Contain("reliable"));
        }

        /// <summary>
        /// The nested-plate model's moments: Marginals() and Moments() compute the same quantity (they agree to 1e-6,
        /// round-off in float64); ImportanceSample(10000).Moments() is within 6 Monte Carlo standard errors of them for
        /// every one of the 14 latent elements. The training ELBO is finite and rises by more than 5 nats from the first
        /// hundred iterations to the last (from Q = N(0, 1) the gain is about 18 nats on these data).
        /// </summary>
        [Test]
        public void Introduction_MomentsThreeWaysAgree()
        {
            string text = Introduction().Text;
            Assert.That(Number(text, @"^\(a\) vs \(b\): largest difference " + Num), Is.LessThan(1e-6));
            Assert.That(Number(text, @"^\(b\) vs \(c\): largest difference " + Num), Is.LessThan(6.0));
            double first = Number(text, @"^iter  100: mean ELBO of the last 100 iterations " + Num);
            double last = Number(text, @"^iter  500: mean ELBO of the last 100 iterations " + Num);
            Assert.That(double.IsFinite(first) && double.IsFinite(last), Is.True);
            Assert.That(last, Is.GreaterThan(first + 5.0));
        }

        /// <summary>
        /// VI, RWS and QEM together: Q's QEM proposal for Mu has its mean within half an exact posterior sd (0.5) of the
        /// exact posterior mean at the learnt tau and sigma and its sd within 25% of the exact sd; Q's Z[c] locations
        /// within one exact sd (0.16) and scales within 0.05 of the exact ones. The learnt sigma is within 30% of the
        /// 0.5 the data were drawn with (80 points inform it) and tau between 1 and 3 (10 clusters: the maximum
        /// marginal likelihood estimate scatters widely around 2).
        /// </summary>
        [Test]
        public void Introduction_LearnsPAndQTogether()
        {
            string text = Introduction().Text;
            double muMean = Number(text, @"^Q Mu \(QEM\)\s*\| mean " + Num);
            double muSd = Number(text, @"^Q Mu \(QEM\).*\| sd " + Num);
            double exactMuMean = Number(text, @"^Q Mu \(QEM\).*\| exact mean " + Num);
            double exactMuSd = Number(text, @"^Q Mu \(QEM\).*\| exact sd " + Num);
            Assert.That(muMean, Is.EqualTo(exactMuMean).Within(0.5 * exactMuSd));
            Assert.That(muSd, Is.EqualTo(exactMuSd).Within(0.25 * exactMuSd));
            double exactZSd = Number(text, @"^Q Z \(VI, RWS\).*\| exact sd " + Num);
            Assert.That(Number(text, @"^Q Z \(VI, RWS\)\s*\| largest \|loc - exact mean\| " + Num), Is.LessThan(exactZSd));
            Assert.That(Number(text, @"^Q Z \(VI, RWS\).*\| largest \|scale - exact sd\| " + Num), Is.LessThan(0.05));
            Assert.That(Number(text, @"^P: tau .*, sigma " + Num), Is.EqualTo(0.5).Within(0.15));
            Assert.That(Number(text, @"^P: tau " + Num), Is.InRange(1.0, 3.0));
        }

        /// <summary>
        /// The #!alan kernel's failure paths, in a notebook of their own: a model the generator rejects fails its cell
        /// with the generator's diagnostic; running an unchanged model cell again is a no-op; a changed cell that
        /// redefines a loaded type fails with the restart it needs; C# cells and a later model cell use an earlier cell's
        /// types; GeneratedCode shows the problem's main generated file first.
        /// </summary>
        [Test]
        public void ModelCells_ReportErrorsAndRefuseRedefinitions()
        {
            NotebookRunner.RestoreTools();
            const string model = "#!alan\nusing Alan;\nusing TorchSharp;\nusing static TorchSharp.torch;\n[Plate]\npublic partial class Coin\n{\n    [Latent] static Normal Bias() => new(0.0, 1.0);\n" +
                                 "    [Plate] public partial class Flips { [Data] static Normal Y(Tensor bias) => new(bias, 1.0); }\n}\n" +
                                 "[Problem(typeof(Coin))]\npublic partial class CoinProblem { }\n";
            string notebook = NotebookRunner.WriteNotebook(
                $"#r \"{NotebookRunner.InteractiveAssembly}\"\nAlan.Interactive.AlanNotebook.Enable();",
                // Y depends on a latent nobody declares.
                "#!alan\nusing Alan;\nusing TorchSharp;\nusing static TorchSharp.torch;\n[Plate]\npublic partial class Broken\n{\n    [Latent] static Normal A() => new(0.0, 1.0);\n" +
                "    [Plate] public partial class Items { [Data] static Normal Y(Tensor missing) => new(missing, 1.0); }\n}\n" +
                "[Problem(typeof(Broken))]\npublic partial class BrokenProblem { }\n",
                model,
                model,
                model.Replace("new(0.0, 1.0)", "new(0.0, 2.0)"),
                "Console.WriteLine($\"coin problem: {typeof(CoinProblem).Assembly.GetName().Name}\");",
                "#!alan\npublic static class UsesCoin { public static string Name => typeof(CoinProblem).FullName!; }",
                "Console.WriteLine($\"used: {UsesCoin.Name}\");\nConsole.WriteLine(Alan.Interactive.AlanNotebook.GeneratedCode(\"CoinProblem\").Split('\\n')[0]);");
            try
            {
                // From the repository root, where dotnet finds the tool manifest; the notebook #r-s by absolute path.
                var run = NotebookRunner.Execute(notebook, NotebookRunner.RepositoryRoot);
                TestContext.Out.WriteLine(run.Text + "\n" + run.Errors);
                Assert.That(run.ExitCode, Is.Not.EqualTo(0), "a failed cell makes dotnet-repl fail");
                var cells = run.Cells;
                Assert.That(cells, Has.Count.EqualTo(8));
                Assert.That(cells[0].Errors, Is.Empty);
                Assert.That(string.Join("\n", cells[1].Errors), Does.Contain("The model cell did not compile").And.Contain("error ALAN").And.Contain("missing"));
                Assert.That(cells[2].Errors, Is.Empty);
                Assert.That(cells[2].Text, Does.Contain("Compiled Coin, CoinProblem with the Alan generator"));
                Assert.That(cells[3].Errors, Is.Empty);
                Assert.That(cells[3].Text, Does.StartWith("Unchanged: Coin, CoinProblem already loaded"));
                Assert.That(string.Join("\n", cells[4].Errors), Does.Contain("Coin (in AlanNotebookModels").And.Contain("restart the kernel"));
                Assert.That(cells[5].Errors, Is.Empty);
                Assert.That(cells[5].Text, Does.Contain("coin problem: AlanNotebookModels"));
                Assert.That(cells[6].Errors, Is.Empty);
                Assert.That(cells[7].Errors, Is.Empty);
                Assert.That(cells[7].Text, Does.Contain("used: CoinProblem\n// ---- CoinProblem.Problem.g.cs"));
            }
            finally
            {
                File.Delete(notebook);
            }
        }
    }
}
