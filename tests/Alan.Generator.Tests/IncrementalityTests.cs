using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NUnit.Framework;

namespace Alan.Generator.Tests
{
    /// <summary>
    /// The pipeline is incremental (DESIGN 5.1): an edit that does not touch a model leaves every named step
    /// cached, and an edit of a model reruns exactly the affected steps.
    /// </summary>
    [TestFixture]
    public class IncrementalityTests
    {
        /// <summary>All named steps of the generator.</summary>
        internal static readonly string[] StepNames =
        {
            AlanGenerator.ParseProgramStep,
            AlanGenerator.CheckProgramStep,
            AlanGenerator.ParseProblemStep,
            AlanGenerator.CheckProblemStep,
            AlanGenerator.PlanProblemStep,
            AlanGenerator.ReportDiagnosticsStep,
            AlanGenerator.ReportCostStep,
        };

        private const string OtherFile = @"
namespace Elsewhere
{
    public class Other
    {
        public int Compute(int x)
        {
            return x + 1;
        }
    }
}
";

        private static bool IsCachedOrUnchanged(IncrementalStepRunReason reason) =>
            reason == IncrementalStepRunReason.Cached || reason == IncrementalStepRunReason.Unchanged;

        private static GeneratorRunResult RunResult(HarnessResult r) => r.Driver.GetRunResult().Results[0];

        /// <summary>The (step, output index, reason) of every output of the named steps, for messages.</summary>
        private static string DescribeSteps(GeneratorRunResult result) =>
            string.Join("\n", StepNames.Select(name =>
                result.TrackedSteps.TryGetValue(name, out var steps)
                    ? name + ": " + string.Join(", ", steps.SelectMany(s => s.Outputs).Select(o => o.Reason + " " + o.Value.GetType().Name))
                    : name + ": (not tracked)"));

        private static IEnumerable<IncrementalStepRunReason> OutputReasons(GeneratorRunResult result, string step)
        {
            Assert.That(result.TrackedSteps.ContainsKey(step), Is.True, $"step {step} was not tracked:\n{DescribeSteps(result)}");
            return result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Reason);
        }

        /// <summary>Every output of every named step (and every source output) is Cached or Unchanged.</summary>
        private static void AssertAllCached(HarnessResult second)
        {
            var result = RunResult(second);
            Assert.That(result.Exception, Is.Null);
            Assert.Multiple(() =>
            {
                foreach (var name in StepNames)
                {
                    var reasons = OutputReasons(result, name).ToList();
                    Assert.That(reasons, Is.Not.Empty, $"{name} produced no outputs:\n{DescribeSteps(result)}");
                    Assert.That(reasons.All(IsCachedOrUnchanged), Is.True, $"{name} was rerun:\n{DescribeSteps(result)}");
                }
                var outputReasons = result.TrackedOutputSteps.SelectMany(kv => kv.Value).SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
                Assert.That(outputReasons, Is.Not.Empty);
                Assert.That(outputReasons.All(IsCachedOrUnchanged), Is.True,
                    "source outputs were rerun: " + string.Join(", ", outputReasons));
            });
        }

        private static HarnessResult Rerun(HarnessResult first, Compilation edited)
        {
            var second = GeneratorHarness.RunAgain(first.Driver, edited);
            Assert.That(second.Exception, Is.Null, second.Exception?.ToString());
            Assert.That(second.Diagnostics, Is.Empty, second.Describe());
            return second;
        }

        private static Compilation ReplaceText(Compilation compilation, string path, string newText)
        {
            var tree = compilation.SyntaxTrees.Single(t => t.FilePath == path);
            var newTree = CSharpSyntaxTree.ParseText(newText, GeneratorHarness.ParseOptions, path: path);
            return compilation.ReplaceSyntaxTree(tree, newTree);
        }

        [Test]
        public void FirstRun_AllStepsAreNew()
        {
            var first = GeneratorHarness.Run(SnapshotModels.Intro);
            Assert.That(first.Diagnostics, Is.Empty, first.Describe());
            var result = RunResult(first);
            Assert.Multiple(() =>
            {
                foreach (var name in StepNames)
                    Assert.That(OutputReasons(result, name), Is.Not.Empty.And.All.EqualTo(IncrementalStepRunReason.New), name);
            });
        }

        [Test]
        public void AddingAnUnrelatedSyntaxTree_LeavesAllStepsCached()
        {
            var first = GeneratorHarness.Run(SnapshotModels.Intro);
            Assert.That(first.Diagnostics, Is.Empty, first.Describe());
            var edited = first.InputCompilation.AddSyntaxTrees(
                CSharpSyntaxTree.ParseText("class Unrelated { int X => 1; }", GeneratorHarness.ParseOptions, path: "Unrelated.cs"));
            var second = Rerun(first, edited);
            AssertAllCached(second);
            Assert.That(second.GeneratedSources, Is.EqualTo(first.GeneratedSources));
        }

        [Test]
        public void EditingAMethodBodyInAnotherFile_LeavesAllStepsCached()
        {
            var first = GeneratorHarness.Run(SnapshotModels.Intro, OtherFile);
            Assert.That(first.Diagnostics, Is.Empty, first.Describe());
            var edited = ReplaceText(first.InputCompilation, GeneratorHarness.PathOf(1),
                OtherFile.Replace("return x + 1;", "var y = x * 2;\n            return y + 3;"));
            var second = Rerun(first, edited);
            AssertAllCached(second);
        }

        [Test]
        public void AppendingAnUnrelatedClassToTheModelFile_LeavesAllStepsCached()
        {
            // Appending after the model shifts no span of the model, so even the model file's own edit is cached.
            var first = GeneratorHarness.Run(SnapshotModels.Intro);
            var edited = ReplaceText(first.InputCompilation, GeneratorHarness.PathOf(0),
                SnapshotModels.Intro + "\nclass Unrelated { int X => 1; }\n");
            var second = Rerun(first, edited);
            AssertAllCached(second);
        }

        [Test]
        public void SeveralUnrelatedEditsInARow_StayCached()
        {
            var r = GeneratorHarness.Run(SnapshotModels.Intro, OtherFile);
            for (int i = 2; i < 6; i++)
            {
                var edited = ReplaceText(r.InputCompilation, GeneratorHarness.PathOf(1), OtherFile.Replace("x + 1", "x + " + i));
                r = Rerun(r, edited);
                AssertAllCached(r);
            }
        }

        /// <summary>
        /// Positive control: renaming the proposal's learnable argument (which names the parameter) changes the
        /// parsed problem, the guide's parsed program, the check and the plan; the unchanged model program is not rerun.
        /// </summary>
        [Test]
        public void RenamingAModelArgument_ModifiesTheAffectedSteps()
        {
            var first = GeneratorHarness.Run(SnapshotModels.Intro);
            Assert.That(first.Diagnostics, Is.Empty, first.Describe());
            var source = SnapshotModels.Intro.Replace("[Param(0.0)] Tensor loc,", "[Param(0.0)] Tensor mean,").Replace("=> new(loc, ", "=> new(mean, ");
            Assert.That(source, Is.Not.EqualTo(SnapshotModels.Intro));
            var second = Rerun(first, ReplaceText(first.InputCompilation, GeneratorHarness.PathOf(0), source));
            var result = RunResult(second);
            Assert.Multiple(() =>
            {
                Assert.That(OutputReasons(result, AlanGenerator.ParseProblemStep), Is.EqualTo(new[] { IncrementalStepRunReason.Modified }), DescribeSteps(result));
                Assert.That(OutputReasons(result, AlanGenerator.CheckProblemStep), Is.EqualTo(new[] { IncrementalStepRunReason.Modified }), DescribeSteps(result));
                Assert.That(OutputReasons(result, AlanGenerator.PlanProblemStep), Is.EqualTo(new[] { IncrementalStepRunReason.Modified }), DescribeSteps(result));
                // The edit changes generated code only: the diagnostics (none) are not reported again.
                Assert.That(OutputReasons(result, AlanGenerator.ReportDiagnosticsStep).All(IsCachedOrUnchanged), Is.True, DescribeSteps(result));
                // Two programs: the guide (renamed argument) is modified, the model program is not.
                var programs = OutputReasons(result, AlanGenerator.ParseProgramStep).ToList();
                Assert.That(programs.Count(r => r == IncrementalStepRunReason.Modified), Is.EqualTo(1), DescribeSteps(result));
                Assert.That(programs.Count(IsCachedOrUnchanged), Is.EqualTo(1), DescribeSteps(result));
            });
            Assert.That(second.ProblemCode("IntroProblem"), Is.Not.EqualTo(first.ProblemCode("IntroProblem")));
        }

        /// <summary>Positive control: adding a latent to P and Q modifies the parse, check and plan of the problem.</summary>
        [Test]
        public void AddingALatent_ModifiesParseProblem()
        {
            var first = GeneratorHarness.Run(SnapshotModels.Intro);
            var source = SnapshotModels.Intro
                .Replace("    [Latent] static Normal Mu() => new(0.0, 1.0);\n", "    [Latent] static Normal Mu() => new(0.0, 1.0);\n    [Latent] static Normal Sigma() => new(0.0, 1.0);\n")
                .Replace("    [Plate] public partial class P1 { }", "    [Latent] static Normal Sigma() => new(0.0, 1.0);\n    [Plate] public partial class P1 { }");
            Assert.That(source.Split("Sigma()").Length - 1, Is.EqualTo(2));
            var second = Rerun(first, ReplaceText(first.InputCompilation, GeneratorHarness.PathOf(0), source));
            var result = RunResult(second);
            Assert.Multiple(() =>
            {
                Assert.That(OutputReasons(result, AlanGenerator.ParseProblemStep), Is.EqualTo(new[] { IncrementalStepRunReason.Modified }), DescribeSteps(result));
                Assert.That(OutputReasons(result, AlanGenerator.PlanProblemStep), Is.EqualTo(new[] { IncrementalStepRunReason.Modified }), DescribeSteps(result));
                Assert.That(OutputReasons(result, AlanGenerator.ParseProgramStep), Is.All.EqualTo(IncrementalStepRunReason.Modified), DescribeSteps(result));
            });
            Assert.That(second.ProblemCode("IntroProblem"), Does.Contain("Sigma"));
        }

        /// <summary>
        /// The generated code calls the user's methods, so a same-length edit of a distribution constant inside a
        /// model method changes nothing the generator records: the steps rerun but produce equal models.
        /// </summary>
        [Test]
        public void EditingAConstantInsideAModelMethod_LeavesTheParsedModelUnchanged()
        {
            var first = GeneratorHarness.Run(SnapshotModels.Intro);
            var source = SnapshotModels.Intro.Replace("[Latent] static Normal Mu() => new(0.0, 1.0);", "[Latent] static Normal Mu() => new(0.0, 2.0);");
            Assert.That(source, Is.Not.EqualTo(SnapshotModels.Intro));
            var second = Rerun(first, ReplaceText(first.InputCompilation, GeneratorHarness.PathOf(0), source));
            AssertAllCached(second);
            Assert.That(second.GeneratedSources, Is.EqualTo(first.GeneratedSources));
        }

        /// <summary>
        /// Inserting a line above the model moves every recorded location: the parsed models (which keep locations for
        /// diagnostics) change, but the plan holds no locations, so it compares equal and the problem file is not
        /// emitted again.
        /// </summary>
        [Test]
        public void InsertingALineAboveTheModel_ReusesThePlan()
        {
            var first = GeneratorHarness.Run(SnapshotModels.Intro);
            var source = "// a comment that shifts every line\n" + SnapshotModels.Intro;
            var second = Rerun(first, ReplaceText(first.InputCompilation, GeneratorHarness.PathOf(0), source));
            var result = RunResult(second);
            Assert.Multiple(() =>
            {
                Assert.That(OutputReasons(result, AlanGenerator.ParseProblemStep), Is.All.EqualTo(IncrementalStepRunReason.Modified), DescribeSteps(result));
                Assert.That(OutputReasons(result, AlanGenerator.PlanProblemStep).All(IsCachedOrUnchanged), Is.True, DescribeSteps(result));
            });
            Assert.That(second.GeneratedSources, Is.EqualTo(first.GeneratedSources));
        }

        /// <summary>Adding an unrelated, independent problem leaves the intro problem's outputs cached.</summary>
        [Test]
        public void AddingAnotherProblemInAnotherFile_LeavesTheFirstProblemCached()
        {
            var first = GeneratorHarness.Run(SnapshotModels.Intro);
            var edited = first.InputCompilation.AddSyntaxTrees(
                CSharpSyntaxTree.ParseText(SnapshotModels.Grouped, GeneratorHarness.ParseOptions, path: "Grouped.cs"));
            var second = Rerun(first, edited);
            var before = RunResult(first);
            var result = RunResult(second);
            Assert.Multiple(() =>
            {
                foreach (var name in StepNames)
                {
                    int old = OutputReasons(before, name).Count();
                    var reasons = OutputReasons(result, name).ToList();
                    // Every output of the first run is reused; only the added problem's outputs are new.
                    Assert.That(reasons.Count(IsCachedOrUnchanged), Is.EqualTo(old), $"{name}:\n{DescribeSteps(result)}");
                    Assert.That(reasons.Count(r => r == IncrementalStepRunReason.New), Is.EqualTo(reasons.Count - old), $"{name}:\n{DescribeSteps(result)}");
                }
            });
            var firstKeys = first.GeneratedSources.Keys.ToImmutableHashSet();
            foreach (var key in firstKeys) Assert.That(second.GeneratedSources[key], Is.EqualTo(first.GeneratedSources[key]), key);
        }

        /// <summary>
        /// Diagnostics come from their own output: inserting a line above a model with an error re-reports it one line
        /// lower (its location stays exact) while the generated accessors, which do not depend on locations, are
        /// reused; fixing the error changes the diagnostics step, not the program's.
        /// </summary>
        [Test]
        public void Diagnostics_AreReportedFromTheirOwnStep_AtExactLocations()
        {
            var broken = SnapshotModels.Intro.Replace("Obs(Tensor mu) => new(mu, 1.0)", "Obs(Tensor nu) => new(nu, 1.0)");
            Assert.That(broken, Is.Not.EqualTo(SnapshotModels.Intro));
            var first = GeneratorHarness.Run(broken);
            var before = first.WithId("ALAN004").Single();
            Assert.That(first.SpanText(before), Is.EqualTo("nu"));

            var shifted = GeneratorHarness.RunAgain(first.Driver, ReplaceText(first.InputCompilation, GeneratorHarness.PathOf(0), "// one more line\n" + broken));
            var after = shifted.WithId("ALAN004").Single();
            Assert.That(after.Location.GetLineSpan().StartLinePosition.Line, Is.EqualTo(before.Location.GetLineSpan().StartLinePosition.Line + 1));
            Assert.That(shifted.SpanText(after), Is.EqualTo("nu"));
            var result = RunResult(shifted);
            Assert.Multiple(() =>
            {
                Assert.That(OutputReasons(result, AlanGenerator.ReportDiagnosticsStep), Does.Contain(IncrementalStepRunReason.Modified), DescribeSteps(result));
                Assert.That(shifted.GeneratedSources, Is.EqualTo(first.GeneratedSources));
            });

            // Fixing the error: the problem's diagnostics become empty; the model program (its own diagnostics) is unchanged.
            var fixedRun = GeneratorHarness.RunAgain(shifted.Driver, ReplaceText(shifted.InputCompilation, GeneratorHarness.PathOf(0), "// one more line\n" + SnapshotModels.Intro));
            Assert.That(fixedRun.Diagnostics, Is.Empty, fixedRun.Describe());
            var fixedResult = RunResult(fixedRun);
            var reasons = OutputReasons(fixedResult, AlanGenerator.ReportDiagnosticsStep).ToList();
            Assert.That(reasons.Count(r => r == IncrementalStepRunReason.Modified), Is.EqualTo(1), DescribeSteps(fixedResult));
            Assert.That(reasons.Count(IsCachedOrUnchanged), Is.EqualTo(2), DescribeSteps(fixedResult));
            Assert.That(fixedRun.GeneratedSources.Keys, Does.Contain("IntroProblem.Problem.g.cs"));
        }
    }
}
