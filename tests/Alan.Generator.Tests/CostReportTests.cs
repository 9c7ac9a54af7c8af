using System.Linq;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Alan.Generator.Tests
{
    /// <summary>
    /// ALAN042: every planned problem gets one diagnostic, at the problem class, naming its largest tensor and
    /// that tensor's dims (K to the number of particle dims, then the plates of its path): a warning when it suggests
    /// a grouping that would shrink that tensor, information otherwise.
    /// </summary>
    public class CostReportTests
    {
        private static Diagnostic Report(string source, string problem)
        {
            var r = GeneratorHarness.Run(source);
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
            var report = r.WithId("ALAN042").Single(d => d.GetMessage().Contains("'" + problem + "'"));
            // A warning (shown by a plain build) exactly when it suggests a grouping; the report alone is information.
            var expected = report.GetMessage().Contains("; grouping ") ? DiagnosticSeverity.Warning : DiagnosticSeverity.Info;
            Assert.That(report.Severity, Is.EqualTo(expected), report.GetMessage());
            Assert.That(report.Descriptor.DefaultSeverity, Is.EqualTo(DiagnosticSeverity.Warning));
            Assert.That(r.LineOf(report), Does.Contain("class " + problem));
            return report;
        }

        [Test]
        public void Radon_TheGroupingAdviceIsAWarningWithItsMessage_WhichAnEditorconfigSeverityLowers()
        {
            var r = GeneratorHarness.Run(SnapshotModels.Radon);
            var report = r.WithId("ALAN042").Single();
            Assert.That(report.Severity, Is.EqualTo(DiagnosticSeverity.Warning));
            Assert.That(report.GetMessage(), Is.EqualTo(
                "Problem 'RadonProblem': its largest tensor is plate statistics of d_LogRadon, K^4 x States; its 4 particle dims come from 4 Q " +
                "groups: latents of one plate in a shared group ([Latent(Group = \"g\")]) carry one dim between them; grouping StateMean, " +
                "StateLogScale, BetaU, BetaBasement in Q would make it K x States"));

            // dotnet_diagnostic.ALAN042.severity = suggestion (or none) reaches the compilation's options, which the
            // generator driver applies to what the generator reports.
            Assert.That(WithSeverity(ReportDiagnostic.Info).Severity, Is.EqualTo(DiagnosticSeverity.Info));
            Assert.That(GeneratorHarness.RunAgain(GeneratorHarness.CreateDriver(), Lowered(ReportDiagnostic.Suppress)).WithId("ALAN042"), Is.Empty);

            static Diagnostic WithSeverity(ReportDiagnostic severity) =>
                GeneratorHarness.RunAgain(GeneratorHarness.CreateDriver(), Lowered(severity)).WithId("ALAN042").Single();
            static Compilation Lowered(ReportDiagnostic severity)
            {
                var compilation = GeneratorHarness.CreateCompilation(SnapshotModels.Radon);
                return compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(
                    new System.Collections.Generic.Dictionary<string, ReportDiagnostic> { ["ALAN042"] = severity }));
            }
        }

        [Test]
        public void Intro_ItsDataIsSummedThroughPlateStatistics_SoTheLargestTensorIsK()
        {
            var message = Report(SnapshotModels.Intro, "IntroProblem").GetMessage();
            Assert.That(message, Is.EqualTo("Problem 'IntroProblem': its largest tensor is plate statistics of d_Obs, K"));
        }

        [Test]
        public void Vector_NamesItsLargestFactorAndItsPlates()
        {
            var message = Report(SnapshotModels.Vector, "BusProblem").GetMessage();
            // Phi, Psi (root) and Alpha (Years) are three Q groups; the data factor spans Years and Ids.
            Assert.That(message, Does.StartWith("Problem 'BusProblem': its largest tensor is factor d_Delay, K^3 x Years x Ids; "));
            Assert.That(message, Does.Contain("its 3 particle dims come from 3 Q groups"));
        }

        [Test]
        public void Radon_SeparateGroupsGiveK4_AndTheHintSaysWhy()
        {
            var message = Report(SnapshotModels.Radon, "RadonProblem").GetMessage();
            Assert.That(message, Does.Contain("plate statistics of d_LogRadon, K^4 x States;"));
            Assert.That(message, Does.Contain("4 particle dims come from 4 Q groups"));
            // The four per-state latents are separate groups of plate States: one group would leave one dim.
            Assert.That(message, Does.EndWith("; grouping StateMean, StateLogScale, BetaU, BetaBasement in Q would make it K x States"));
        }

        [Test]
        public void Binary_ALatentSummedPerValueNeverSpansItsOwnDimWithItsParents()
        {
            var message = Report(SnapshotModels.Binary, "OccupancyProblem").GetMessage();
            // Present's factor spans K_Present x K_SiteMean x K_Detection, but summed per value of Present the largest
            // tensors are K^2: P at 0 and 1, and the seen factor (K_Detection x K_Present), which is summed over its
            // visits by counting (its distribution does not vary over Visits), so it does not span Visits either.
            Assert.That(message, Does.StartWith("Problem 'OccupancyProblem': its largest tensor is counts of d_Seen, K^2 x Sites x Surveys;"));
        }

        [Test]
        public void Vector_GroupsOfDifferentPlatesCannotMerge_SoOnlyTheRootOnesAreSuggested()
        {
            var message = Report(SnapshotModels.Vector, "BusProblem").GetMessage();
            // Phi and Psi (root) can share a group; Alpha (Years) cannot join them.
            Assert.That(message, Does.EndWith("in Q would make it K^2 x Years x Ids"));
            Assert.That(message, Does.Not.Contain("Alpha,"));
        }
    }
}
