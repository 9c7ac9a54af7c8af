using System;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// A failed matrix factorisation is a <see cref="FactorizationException"/> naming the variable, the method being run
    /// and the dtype, with libtorch's error inside; and parameters that start from a member of the guide.
    /// </summary>
    public class FactorizationFailureTests
    {
        private static readonly Tensor Y = torch.tensor(new[] { 0.3, -0.4, 1.2 }, dtype: ScalarType.Float64);

        [Test]
        public void AGuideCovarianceThatStartsSingular_FailsInSample_NamingItsVariable()
        {
            // SingularStartGuide's covariance starts at all ones (InitFrom): its Cholesky factorisation fails in Q's Beta.
            using var problem = new SingularStartProblem(new SingularStartProblem.PlateSizes(N: 3), new SingularStartProblem.Observations(Y: Y));
            var e = Assert.Throws<FactorizationException>(() => problem.Sample(K: 4))!;
            Assert.That(e.Message, Does.StartWith("SingularStartProblem.Sample: a matrix factorisation failed in variable 'Beta' in float32:"));
            Assert.That(e.Message, Does.Contain("dtype: ScalarType.Float64").And.Contain("jitter"));
            Assert.That(e.Message, Does.Contain("libtorch: linalg.cholesky"));
            Assert.That((e.Variable, e.Operation, e.DType), Is.EqualTo(("Beta", "Sample", (ScalarType?)ScalarType.Float32)));
            Assert.That(e.InnerException, Is.InstanceOf<System.Runtime.InteropServices.ExternalException>());
        }

        [Test]
        public void APriorThatFactorisesASingularMatrixInItsMethod_FailsInElboVi_NamingItsVariable()
        {
            // Q's draws do not touch P: Sample succeeds, and the estimate fails in P's Beta, whose own method calls
            // torch.linalg.cholesky on a singular matrix.
            using var problem = new SingularPriorProblem(new SingularPriorProblem.PlateSizes(N: 3), new SingularPriorProblem.Observations(Y: Y));
            using var sample = problem.Sample(K: 4);
            var e = Assert.Throws<FactorizationException>(() => sample.ElboVi())!;
            Assert.That(e.Message, Does.StartWith("SingularPriorProblem.ElboVi: a matrix factorisation failed in variable 'Beta' in float32:"));
            Assert.That((e.Variable, e.Operation), Is.EqualTo(("Beta", "ElboVi")));
            var rws = Assert.Throws<FactorizationException>(() => sample.ElboRws())!;
            Assert.That(rws.Operation, Is.EqualTo("ElboRws"));
        }

        [Test]
        public void InFloat64TheAdviceIsAJitter()
        {
            using var problem = new SingularStartProblem(new SingularStartProblem.PlateSizes(N: 3), new SingularStartProblem.Observations(Y: Y), ScalarType.Float64);
            var e = Assert.Throws<FactorizationException>(() => problem.Sample(K: 4))!;
            Assert.That(e.Message, Does.Contain("in variable 'Beta' in float64:").And.Contain("jitter"));
            Assert.That(e.Message, Does.Not.Contain("dtype: ScalarType.Float64"));
        }

        [Test]
        public void ParametersStartFromTheGuidesMember_AndAScaleTrilAtTheIdentity()
        {
            using var problem = new Mvn2Problem(new Mvn2Problem.PlateSizes(N: 3), new Mvn2Problem.Observations(Y: Y), ScalarType.Float64);
            var state = problem.state_dict();
            Assert.That(TestMath.ToArray(state["Beta.loc"]), Is.EqualTo(new[] { 0.5, -0.5 }));
            Assert.That(TestMath.ToArray(state["Beta.scaleTril"]), Is.EqualTo(new[] { 1.0, 0.0, 0.0, 1.0 }));
            Assert.That(state["Beta.loc"].dtype, Is.EqualTo(ScalarType.Float64));
            using var sample = problem.Sample(K: 4);
            Assert.That(double.IsFinite(sample.ElboVi().item<double>()), Is.True);
        }

        [Test]
        public void AMemberOfTheWrongShape_FailsAtConstruction_NamingTheParameterAndBothShapes()
        {
            var e = Assert.Throws<ArgumentException>(() =>
                new MisshapenStartProblem(new MisshapenStartProblem.PlateSizes(N: 3), new MisshapenStartProblem.Observations(Y: Y)))!;
            Assert.That(e.Message, Does.Contain("Parameter 'Beta.loc' starts from ThreeValues, of shape [3], which does not broadcast to the parameter's shape [2]"));
        }
    }
}
