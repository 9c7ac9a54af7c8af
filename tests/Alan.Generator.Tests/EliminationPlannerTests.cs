using System;
using System.Collections.Generic;
using System.Linq;
using Alan.Generator.Plan;
using NUnit.Framework;

namespace Alan.Generator.Tests
{
    /// <summary>
    /// Unit tests of the greedy elimination order (DESIGN 4.4) on plain dimension sets, without Roslyn. Every plan is
    /// replayed by <see cref="Replay"/>, which checks that it is a valid log-space sum-product: each step consumes live
    /// factors, sums out only dims that no other live factor holds, and every dim to eliminate is gone at the end.
    /// </summary>
    [TestFixture]
    public class EliminationPlannerTests
    {
        private const int A = 1, B = 2, C = 3;

        private static EliminationPlanner.Factor F(string name, params int[] dims) => new EliminationPlanner.Factor(name, dims);

        private static (List<EliminationStep> Steps, List<EliminationPlanner.Factor> Remaining) Plan(
            IEnumerable<EliminationPlanner.Factor> factors, params int[] eliminate)
        {
            int counter = 0;
            var (steps, remaining, _) = EliminationPlanner.Plan(factors, eliminate, () => "t" + counter++);
            return (steps, remaining);
        }

        /// <summary>The result of replaying a plan: the dims of every factor ever live, and the final live factors.</summary>
        private sealed class Replayed
        {
            public Dictionary<string, SortedSet<int>> Dims { get; } = new Dictionary<string, SortedSet<int>>();
            public List<string> Live { get; } = new List<string>();
            public List<string> Intermediates { get; } = new List<string>();
            public int MaxIntermediateRank => Intermediates.Count == 0 ? 0 : Intermediates.Max(n => Dims[n].Count);
            /// <summary>Rank of the (implicit) product formed by each step before summing out, i.e. the step's cost exponent.</summary>
            public List<int> StepWidths { get; } = new List<int>();
        }

        /// <summary>Replays the steps over the initial factors and asserts the plan is a valid elimination.</summary>
        private static Replayed Replay(
            IReadOnlyList<EliminationPlanner.Factor> factors,
            IReadOnlyCollection<int> eliminate,
            (List<EliminationStep> Steps, List<EliminationPlanner.Factor> Remaining) plan)
        {
            var r = new Replayed();
            foreach (var f in factors)
            {
                r.Dims.Add(f.Name, new SortedSet<int>(f.Dims));
                r.Live.Add(f.Name);
            }
            var eliminated = new HashSet<int>();
            foreach (var step in plan.Steps)
            {
                string where = $"step {step.Kind} {step.Output} <- [{string.Join(", ", step.Inputs)}] over [{string.Join(", ", step.Dims)}]";
                Assert.That(step.Kind, Is.AnyOf(StepKind.LogSumExp, StepKind.SumProduct), where);
                Assert.That(step.Inputs.Count, Is.EqualTo(step.Kind == StepKind.LogSumExp ? 1 : 2), where);
                foreach (var input in step.Inputs) Assert.That(r.Live, Does.Contain(input), where + ": input is not live");
                Assert.That(step.Inputs.Distinct().Count(), Is.EqualTo(step.Inputs.Count), where);
                Assert.That(r.Dims.ContainsKey(step.Output), Is.False, where + ": output name reused");

                var union = new SortedSet<int>(step.Inputs.SelectMany(i => r.Dims[i]));
                r.StepWidths.Add(union.Count);
                foreach (var d in step.Dims)
                {
                    Assert.That(eliminate, Does.Contain(d), where + $": dim {d} is not to be eliminated");
                    Assert.That(union, Does.Contain(d), where + $": dim {d} is held by no input");
                    var others = r.Live.Where(n => !step.Inputs.Contains(n) && r.Dims[n].Contains(d)).ToList();
                    Assert.That(others, Is.Empty, where + $": dim {d} is still held by {string.Join(", ", others)}");
                    Assert.That(eliminated.Add(d), Is.True, where + $": dim {d} eliminated twice");
                }
                foreach (var input in step.Inputs) r.Live.Remove(input);
                r.Dims[step.Output] = new SortedSet<int>(union.Except(step.Dims));
                r.Live.Add(step.Output);
                r.Intermediates.Add(step.Output);
            }

            // The planner's remaining factors are exactly the live factors of the replay, with the same dims.
            Assert.That(plan.Remaining.Select(f => f.Name), Is.EquivalentTo(r.Live));
            foreach (var f in plan.Remaining) Assert.That(f.Dims, Is.EqualTo(r.Dims[f.Name]), f.Name);
            // No eliminable dim remains.
            var left = plan.Remaining.SelectMany(f => f.Dims).Where(eliminate.Contains).Distinct().ToList();
            Assert.That(left, Is.Empty, "dims left to eliminate: " + string.Join(", ", left));
            return r;
        }

        private static Replayed PlanAndReplay(EliminationPlanner.Factor[] factors, params int[] eliminate)
        {
            // Plan on copies, so the replay sees the original dims even if the planner mutated its input.
            var copies = factors.Select(f => F(f.Name, f.Dims.ToArray())).ToArray();
            var plan = Plan(copies, eliminate);
            return Replay(factors, eliminate, plan);
        }

        [Test]
        public void Chain_abc_IntermediatesHoldAtMostTwoDims()
        {
            var factors = new[] { F("fa", A), F("fab", A, B), F("fbc", B, C), F("fc", C) };
            var plan = Plan(factors.Select(f => F(f.Name, f.Dims.ToArray())), A, B, C);
            var r = Replay(factors, new[] { A, B, C }, plan);
            Assert.That(r.MaxIntermediateRank, Is.LessThanOrEqualTo(2));
            // Contracting never forms a product over all three dims (the cost is K^2, not K^3).
            Assert.That(r.StepWidths.Max(), Is.LessThanOrEqualTo(2), string.Join(", ", r.StepWidths));
            // Everything collapses to a single scalar factor.
            Assert.That(plan.Remaining, Has.Count.EqualTo(1));
            Assert.That(plan.Remaining[0].Dims, Is.Empty);
            // Each of the three dims is eliminated by exactly one step, and the first step does not join fab with fbc.
            Assert.That(plan.Steps.SelectMany(s => s.Dims), Is.EquivalentTo(new[] { A, B, C }));
            Assert.That(plan.Steps[0].Inputs, Is.Not.EquivalentTo(new[] { "fab", "fbc" }));
        }

        [Test]
        public void Chain_OfLengthSix_StaysAtWidthTwo()
        {
            // f1{1}, f12{1,2}, ..., f56{5,6}, f6{6}: a chain is eliminated end to end without widening.
            var factors = new List<EliminationPlanner.Factor> { F("f1", 1) };
            for (int i = 1; i < 6; i++) factors.Add(F($"f{i}{i + 1}", i, i + 1));
            factors.Add(F("f6", 6));
            var r = PlanAndReplay(factors.ToArray(), 1, 2, 3, 4, 5, 6);
            Assert.That(r.StepWidths.Max(), Is.LessThanOrEqualTo(2));
            Assert.That(r.Live, Has.Count.EqualTo(1));
            Assert.That(r.Dims[r.Live[0]], Is.Empty);
        }

        [Test]
        public void DimHeldByASingleFactor_IsDroppedImmediatelyByLogSumExp()
        {
            // A is held only by "fa5" (together with the ancestor dim 5): the very first step sums it out.
            var factors = new[] { F("fa5", A, 5), F("fb", B), F("fb5", B, 5) };
            var plan = Plan(factors.Select(f => F(f.Name, f.Dims.ToArray())), A, B);
            Replay(factors, new[] { A, B }, plan);
            var first = plan.Steps[0];
            Assert.That(first.Kind, Is.EqualTo(StepKind.LogSumExp));
            Assert.That(first.Inputs, Is.EqualTo(new[] { "fa5" }));
            Assert.That(first.Dims, Is.EqualTo(new[] { A }));
            // B is shared by two factors: it needs a contraction, which keeps the ancestor dim 5.
            var contraction = plan.Steps.Single(s => s.Dims.Contains(B));
            Assert.That(contraction.Kind, Is.EqualTo(StepKind.SumProduct));
            Assert.That(plan.Remaining.SelectMany(f => f.Dims).Distinct(), Is.EqualTo(new[] { 5 }));
        }

        [Test]
        public void SoleDimsOfOneFactor_AreDroppedInOneStep()
        {
            var factors = new[] { F("f", A, B, 7) };
            var plan = Plan(factors.Select(f => F(f.Name, f.Dims.ToArray())), A, B);
            Replay(factors, new[] { A, B }, plan);
            Assert.That(plan.Steps, Has.Count.EqualTo(1));
            Assert.That(plan.Steps[0].Kind, Is.EqualTo(StepKind.LogSumExp));
            Assert.That(plan.Steps[0].Dims, Is.EquivalentTo(new[] { A, B }));
            Assert.That(plan.Remaining.Single().Dims, Is.EqualTo(new[] { 7 }));
        }

        [Test]
        public void DimBecomingSoleAfterAContraction_IsDroppedByTheNextLogSumExp()
        {
            // fab{A,B}, fb{B}, fa2{A}: contracting any pair leaves a factor that alone holds the other dim.
            var r = PlanAndReplay(new[] { F("fab", A, B), F("fb", B), F("fa", A) }, A, B);
            Assert.That(r.Live, Has.Count.EqualTo(1));
            Assert.That(r.Dims[r.Live[0]], Is.Empty);
            Assert.That(r.StepWidths.Max(), Is.LessThanOrEqualTo(2));
        }

        [Test]
        public void Star_WithEliminatedCentre_LeavesAreDroppedFirst()
        {
            // Centre 0 (a root group) with four leaves i (child groups depending on it): f0{0}, fi{0,i}.
            const int centre = 10;
            var factors = new List<EliminationPlanner.Factor> { F("f0", centre) };
            for (int i = 1; i <= 4; i++) factors.Add(F("f" + i, centre, i));
            var plan = Plan(factors.Select(f => F(f.Name, f.Dims.ToArray())), centre, 1, 2, 3, 4);
            var r = Replay(factors, new[] { centre, 1, 2, 3, 4 }, plan);

            // Each leaf is held by one factor only: four LogSumExp steps come first, one per leaf.
            var leafSteps = plan.Steps.Take(4).ToList();
            Assert.That(leafSteps.Select(s => s.Kind), Is.All.EqualTo(StepKind.LogSumExp));
            Assert.That(leafSteps.SelectMany(s => s.Dims), Is.EquivalentTo(new[] { 1, 2, 3, 4 }));
            // After them nothing holds more than the centre.
            Assert.That(plan.Steps.Skip(4).Select(s => s.Kind), Is.All.EqualTo(StepKind.SumProduct));
            Assert.That(r.Intermediates.Select(n => r.Dims[n].Count).Max(), Is.LessThanOrEqualTo(1));
            Assert.That(plan.Remaining, Has.Count.EqualTo(1));
            Assert.That(plan.Remaining[0].Dims, Is.Empty);
        }

        [Test]
        public void Star_WithAncestorCentre_KeepsOnlyTheAncestorDim()
        {
            // The centre is an ancestor plate's particle dim: only the leaves are eliminated here.
            const int ancestor = 10;
            var factors = Enumerable.Range(1, 4).Select(i => F("f" + i, ancestor, i)).ToArray();
            var plan = Plan(factors.Select(f => F(f.Name, f.Dims.ToArray())), 1, 2, 3, 4);
            Replay(factors, new[] { 1, 2, 3, 4 }, plan);
            Assert.That(plan.Steps.Select(s => s.Kind), Is.All.EqualTo(StepKind.LogSumExp));
            Assert.That(plan.Steps, Has.Count.EqualTo(4));
            // No contraction is needed for the ancestor dim: it is handed to the parent plate in every factor.
            Assert.That(plan.Remaining, Has.Count.EqualTo(4));
            Assert.That(plan.Remaining.Select(f => f.Dims.Single()), Is.All.EqualTo(ancestor));
        }

        [Test]
        public void Star_WithSharedLeafData_ContractsThroughTheCentre()
        {
            // Centre c with leaves 1..3, and each leaf also observed by a data factor of its own {i}: every leaf is
            // shared by two factors, so it needs a contraction; none of them may join two leaves (width 3).
            const int centre = 10;
            var factors = new List<EliminationPlanner.Factor> { F("fc", centre) };
            for (int i = 1; i <= 3; i++)
            {
                factors.Add(F("f" + i, centre, i));
                factors.Add(F("d" + i, i));
            }
            var r = PlanAndReplay(factors.ToArray(), centre, 1, 2, 3);
            Assert.That(r.StepWidths.Max(), Is.LessThanOrEqualTo(2), string.Join(", ", r.StepWidths));
            Assert.That(r.Live, Has.Count.EqualTo(1));
            Assert.That(r.Dims[r.Live[0]], Is.Empty);
        }

        [Test]
        public void NothingToEliminate_NoSteps()
        {
            var factors = new[] { F("f", 5), F("g", 5, 6) };
            var plan = Plan(factors);
            Assert.That(plan.Steps, Is.Empty);
            Assert.That(plan.Remaining.Select(f => f.Name), Is.EqualTo(new[] { "f", "g" }));
        }

        [Test]
        public void NoFactors_NoSteps()
        {
            var plan = Plan(Array.Empty<EliminationPlanner.Factor>(), A, B);
            Assert.That(plan.Steps, Is.Empty);
            Assert.That(plan.Remaining, Is.Empty);
        }

        [Test]
        public void DimHeldByNoFactor_IsIgnored()
        {
            // A group whose factor references nothing in this plate's factor list: nothing to do for it.
            var r = PlanAndReplay(new[] { F("fa", A) }, A, 99);
            Assert.That(r.Live, Has.Count.EqualTo(1));
            Assert.That(r.Dims[r.Live[0]], Is.Empty);
        }

        [Test]
        public void FactorWithoutDims_IsPassedThrough()
        {
            // A data factor depending on no latent (e.g. d_x with no parents) holds no dims and is left alone.
            var r = PlanAndReplay(new[] { F("d", Array.Empty<int>()), F("fa", A) }, A);
            Assert.That(r.Live, Does.Contain("d"));
            Assert.That(r.Dims["d"], Is.Empty);
        }

        [Test]
        public void FreshNamesAreUsedForEveryOutput()
        {
            var factors = new[] { F("fa", A), F("fab", A, B), F("fbc", B, C), F("fc", C) };
            var plan = Plan(factors, A, B, C);
            Assert.That(plan.Steps.Select(s => s.Output), Is.Unique);
            Assert.That(plan.Steps.Select(s => s.Output), Has.All.StartsWith("t"));
        }

        /// <summary>Random factor graphs: every plan is a valid elimination and leaves no eliminable dim.</summary>
        [Test]
        public void RandomFactorGraphs_AreEliminatedValidly()
        {
            var random = new Random(12345);
            for (int trial = 0; trial < 500; trial++)
            {
                int dimCount = random.Next(1, 7);
                var allDims = Enumerable.Range(1, dimCount).ToArray();
                var eliminate = allDims.Where(_ => random.NextDouble() < 0.7).ToArray();
                int factorCount = random.Next(0, 8);
                var factors = new EliminationPlanner.Factor[factorCount];
                for (int i = 0; i < factorCount; i++)
                    factors[i] = F("f" + i, allDims.Where(_ => random.NextDouble() < 0.35).ToArray());
                string description = string.Join(" ", factors.Select(f => f.Name + "{" + string.Join(",", f.Dims) + "}")) +
                                     " eliminate {" + string.Join(",", eliminate) + "}";
                try
                {
                    var r = PlanAndReplay(factors, eliminate);
                    // Ancestor (non-eliminated) dims are never dropped.
                    var kept = factors.SelectMany(f => f.Dims).Where(d => !eliminate.Contains(d)).Distinct();
                    Assert.That(r.Live.SelectMany(n => r.Dims[n]).Distinct(), Is.EquivalentTo(kept), description);
                }
                catch (Exception e) when (!(e is ResultStateException))
                {
                    Assert.Fail($"planner threw on {description}: {e}");
                }
            }
        }
    }
}
