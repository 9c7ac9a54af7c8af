using System;
using System.Linq;
using Alan.Generator.Check;
using Alan.Generator.Model;
using Alan.Generator.Plan;
using Microsoft.CodeAnalysis;
using NUnit.Framework;

namespace Alan.Generator.Tests
{
    /// <summary>
    /// What the stages hand each other: the checker's bound model (which the planner consumes instead of binding
    /// again), a plan of names that Emit spells collision-free, and ALAN999s that say what failed.
    /// </summary>
    [TestFixture]
    public class StageBoundaryTests
    {
        private static T[] Outputs<T>(HarnessResult r, string step) =>
            r.Driver.GetRunResult().Results[0].TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Value).OfType<T>().ToArray();

        // ---------------------------------------------------------------- the bound model

        [Test]
        public void Check_ReturnsTheBindingThePlanUses()
        {
            var r = GeneratorHarness.Run(SnapshotModels.Intro);
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
            var bound = Outputs<CheckedProblem>(r, AlanGenerator.CheckProblemStep).Single().Bound;
            Assert.That(bound, Is.Not.Null);
            var obs = bound!.P.Single(v => v.Name == "Obs");
            Assert.That(obs.Plate, Is.EqualTo("P1"));
            Assert.That(obs.Arguments.Items, Is.EqualTo(new[] { new BoundArgument("mu", ArgumentSource.Latent, "Mu", "") }));
            var mu = bound.Q.Single(v => v.Name == "Mu");
            Assert.That(mu.Arguments.Select(a => a.Source), Is.EqualTo(new[] { ArgumentSource.OwnParam, ArgumentSource.OwnParam }));
            Assert.That(bound.Groups.Items, Is.EqualTo(new[] { new BoundGroup("Mu", "", new[] { "Mu" }.ToEquatableArray()) }));

            // The plan follows the binding: Obs reads the latent Mu, Q's Mu its two own parameters.
            var plan = Outputs<PlanResult>(r, AlanGenerator.PlanProblemStep).Single().Plan!;
            Assert.That(plan.Data.Single().P.Args.Items, Is.EqualTo(new[] { new ArgPlan(ArgSource.Latent, "Mu") }));
            Assert.That(plan.Latents.Single().Q.Args.Select(a => a.Param), Is.EqualTo(new[]
            {
                new ParamRef(ParamOwner.Q, "Mu", "loc"), new ParamRef(ParamOwner.Q, "Mu", "logScale"),
            }));
        }

        /// <summary>
        /// The planner cannot plan a different binding than the checker's: a bound model with Obs bound to an input
        /// yields a plan reading that input (it would throw or re-bind to the latent if it bound again).
        /// </summary>
        [Test]
        public void Plan_UsesTheBoundModelAsGiven()
        {
            var r = GeneratorHarness.Run(SnapshotModels.Intro);
            var bound = Outputs<CheckedProblem>(r, AlanGenerator.CheckProblemStep).Single().Bound!;
            var obs = bound.P.Single(v => v.Name == "Obs");
            var rebound = bound with
            {
                P = bound.P.Select(v => v == obs ? v with { Arguments = new[] { new BoundArgument("mu", ArgumentSource.Input, "Mu", "") }.ToEquatableArray() } : v).ToEquatableArray(),
            };
            var plan = Planner.Plan(rebound);
            Assert.That(plan.Data.Single().P.Args.Items, Is.EqualTo(new[] { new ArgPlan(ArgSource.Input, "Mu") }));
            Assert.That(plan.Data.Single().PParentGroups, Is.Empty);
        }

        /// <summary>A half-typed argument (no name yet) leaves the binding incomplete: no bound model, no plan, and no ALAN999 (it used to be "unbound argument").</summary>
        [Test]
        public void UnnamedArgument_GivesNoBoundModelAndNoInternalError()
        {
            var source = SnapshotModels.Intro.Replace("[Data] static Normal Obs(Tensor mu)", "[Data] static Normal Obs(Tensor mu, Tensor )");
            Assert.That(source, Is.Not.EqualTo(SnapshotModels.Intro));
            var r = GeneratorHarness.Run(source);
            Assert.That(r.Exception, Is.Null);
            Assert.That(r.WithId("ALAN999"), Is.Empty, r.Describe());
            Assert.That(Outputs<CheckedProblem>(r, AlanGenerator.CheckProblemStep).Single().Bound, Is.Null);
            Assert.That(r.GeneratedSources.Keys.Where(k => k.EndsWith(".Problem.g.cs")), Is.Empty);
        }

        /// <summary>A problem whose own checks fail has no bound model.</summary>
        [Test]
        public void ProblemWithErrors_HasNoBoundModel()
        {
            var r = GeneratorHarness.Run(SnapshotModels.Intro.Replace("Obs(Tensor mu)", "Obs(Tensor nu)").Replace("new(mu, 1.0)", "new(nu, 1.0)"));
            Assert.That(r.WithId("ALAN004"), Has.Length.EqualTo(1), r.Describe());
            var c = Outputs<CheckedProblem>(r, AlanGenerator.CheckProblemStep).Single();
            Assert.That(c.Bound, Is.Null);
            Assert.That(c.HasErrors, Is.True);
        }

        // ---------------------------------------------------------------- names

        private const string Clash = GeneratorHarness.Usings + @"
[Plate]
public partial class M
{
    [Latent] static Normal C() => new(0.0, 1.0);
    [Latent] static Normal b_C() => new(0.0, 1.0);
    [Latent] static Normal A_b(Tensor c) => new(c, 1.0);
    [Latent] static Normal A(Tensor b_C) => new(b_C, 1.0);
    [Latent] static Normal Mu_a() => new(0.0, 1.0);
    [Latent] static Normal Mu() => new(0.0, 1.0);
}

[Plate]
public partial class G
{
    [Latent] static Normal C() => new(0.0, 1.0);
    [Latent] static Normal b_C() => new(0.0, 1.0);
    [Latent] static Normal A_b(Tensor c) => new(c, 1.0);
    [Latent] static Normal A(Tensor b_C) => new(b_C, 1.0);
    [Latent] static Normal Mu_a([Param(0.25)] Tensor b) => new(b, 1.0);
    [Latent] static Normal Mu([Param(-0.75)] Tensor a_b) => new(a_b, 1.0);
}

[Problem(typeof(M), typeof(G))]
public partial class Prob { }
";

        /// <summary>
        /// (Mu_a, b) and (Mu, a_b) join to the same "Q_Mu_a_b", as do the sampler's locals of groups (A_b, parent C)
        /// and (A, parent b_C): both parameters are planned and each gets its own identifiers.
        /// </summary>
        [Test]
        public void NamesJoiningToTheSameSpelling_AreKeptApart()
        {
            var r = GeneratorHarness.Run(Clash);
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
            Assert.That(r.GeneratedCodeErrors(), Is.Empty, r.DescribeGeneratedCodeErrors());
            var plan = Outputs<PlanResult>(r, AlanGenerator.PlanProblemStep).Single().Plan!;
            Assert.That(plan.Params.Select(p => p.Module + "." + p.LocalName), Is.EquivalentTo(new[] { "Mu_a.b", "Mu.a_b" }));
            // Generated statements may be wrapped one argument per line: compare with the wrapping undone.
            var code = System.Text.RegularExpressions.Regex.Replace(
                System.Text.RegularExpressions.Regex.Replace(r.ProblemCode("Prob"), @"\(\s+", "("), @",\s+", ", ");
            Assert.That(code, Does.Contain("__param_Q_Mu_a_b = __module_Mu_a.AddParameter(\"b\""));
            Assert.That(code, Does.Contain("__param_Q_Mu_a_b_2 = __module_Mu.AddParameter(\"a_b\""));
            Assert.That(code, Does.Contain("var r_A_b_C = global::Alan.CompilerServices.TensorLayout.Reindex.Apply(v_C,"));
            Assert.That(code, Does.Contain("var r_A_b_C_2 = global::Alan.CompilerServices.TensorLayout.Reindex.Apply(v_b_C,"));
        }

        /// <summary>The plan holds no C# spelling: the accessor is named by program, plate path and variable, and Emit escapes it.</summary>
        [Test]
        public void Plan_NamesCallsByProgramPlatesAndVariable()
        {
            var r = GeneratorHarness.Run(GeneratorHarness.Usings + @"
namespace N.@record
{
    public static partial class Outer
    {
        [Plate] public partial class @class { [Plate] public partial class @var { [Data] static Normal @int() => new(0.0, 1.0); } }
        [Plate] public partial class G { }
    }
    [Problem(typeof(Outer.@class), typeof(Outer.G))] public partial class Prob { }
}");
            Assert.That(r.Diagnostics, Is.Empty, r.Describe());
            Assert.That(r.GeneratedCodeErrors(), Is.Empty, r.DescribeGeneratedCodeErrors());
            var plan = Outputs<PlanResult>(r, AlanGenerator.PlanProblemStep).Single().Plan!;
            Assert.That(plan.P, Is.EqualTo(new TypePath("N.record", new[] { "Outer", "class" }.ToEquatableArray())));
            var call = plan.Data.Single().P;
            Assert.That((call.InP, call.Plates.Items, call.Variable), Is.EqualTo((true, new[] { "var" }.ToEquatableArray().Items, "int")));
            Assert.That(r.ProblemCode("N.record.Prob"), Does.Contain("global::N.@record.Outer.@class.@var.__Alan_int("));
        }

        // ---------------------------------------------------------------- Guard

        [Test]
        public void Guard_HandsTheExceptionToTheFallback_AndAlan999NamesItsTypeAndFirstLine()
        {
            var result = Guard.Run<EquatableArray<DiagnosticInfo>>(
                () => throw new InvalidOperationException("unbound argument x\n   at somewhere"),
                e => Guard.Failure("Prob", LocationInfo.None, e),
                EquatableArray<DiagnosticInfo>.Empty);
            var d = result.Single();
            Assert.That(d.Id, Is.EqualTo("ALAN999"));
            Assert.That(d.Arguments.Items, Is.EqualTo(new[] { "Prob", "System.InvalidOperationException: unbound argument x" }));
            var message = Diagnostic.Create(Diagnostics.InternalError, Location.None, d.Arguments.Items.ToArray<object>()).GetMessage(System.Globalization.CultureInfo.InvariantCulture);
            Assert.That(message, Does.Contain("'Prob'").And.Contain("System.InvalidOperationException: unbound argument x").And.Not.Contain("somewhere"));
        }

        [Test]
        public void Guard_NeverThrows_ButForCancellation()
        {
            Assert.That(Guard.Run(() => 1, _ => 2, 3), Is.EqualTo(1));
            Assert.That(Guard.Run<int>(() => throw new ArgumentException(), _ => 2, 3), Is.EqualTo(2));
            Assert.That(Guard.Run<int>(() => throw new ArgumentException(), _ => throw new InvalidOperationException(), 3), Is.EqualTo(3));
            Assert.That(Guard.Run<int>(() => throw new ArgumentException(), 4), Is.EqualTo(4));
            Assert.Throws<OperationCanceledException>(() => Guard.Run<int>(() => throw new OperationCanceledException(), _ => 2, 3));
            Assert.Throws<OperationCanceledException>(() => Guard.Run<int>(() => throw new ArgumentException(), _ => throw new OperationCanceledException(), 3));
        }

        [Test]
        public void Guard_Describe_FallsBackToTheTypeWithoutAMessage()
        {
            Assert.That(Guard.Describe(new KeyNotFoundMessageless()), Is.EqualTo(typeof(KeyNotFoundMessageless).FullName));
            Assert.That(Guard.Describe(new ArgumentException("  first  \r\nsecond")), Is.EqualTo("System.ArgumentException: first"));
        }

        private sealed class KeyNotFoundMessageless : Exception
        {
            public override string Message => "";
        }
    }
}
