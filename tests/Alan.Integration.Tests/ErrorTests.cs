using System;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>Run-time validation: shapes, plate sizes, sampling modes.</summary>
    public class ErrorTests
    {
        [Test]
        public void WrongObservationShapeNamesVariablePlateAndShapes()
        {
            var ex = Assert.Throws<ArgumentException>(() =>
                new IntroProblem(new IntroProblem.PlateSizes(P1: 3), new IntroProblem.Observations(Obs: torch.zeros(4)), dtype: ScalarType.Float64));
            TestContext.Out.WriteLine(ex!.Message);
            Assert.That(ex.Message, Does.Contain("Obs"));
            Assert.That(ex.Message, Does.Contain("P1"));
            Assert.That(ex.Message, Does.Contain("3"), "expected shape");
            Assert.That(ex.Message, Does.Contain("[4]"), "actual shape");
        }

        [Test]
        public void WrongObservationShapeInSecondPlateNamesThatPlate()
        {
            var sizes = new NestedProblem.PlateSizes(States: 4, Zips: 5);
            var inputs = new NestedProblem.Inputs(Basement: torch.randn(4), Covariates: torch.randn(4, 5, 3));
            var ex = Assert.Throws<ArgumentException>(() =>
                new NestedProblem(sizes, new NestedProblem.Observations(Obs: torch.zeros(4, 6)), inputs, ScalarType.Float64));
            TestContext.Out.WriteLine(ex!.Message);
            Assert.That(ex.Message, Does.Contain("Obs"));
            Assert.That(ex.Message, Does.Contain("Zips"));
            Assert.That(ex.Message, Does.Contain("5"));
            Assert.That(ex.Message, Does.Contain("[4, 6]"));
        }

        [Test]
        public void WrongInputShapeNamesTheInput()
        {
            var sizes = new NestedProblem.PlateSizes(States: 4, Zips: 5);
            var inputs = new NestedProblem.Inputs(Basement: torch.randn(3), Covariates: torch.randn(4, 5, 3));
            var ex = Assert.Throws<ArgumentException>(() =>
                new NestedProblem(sizes, new NestedProblem.Observations(Obs: torch.zeros(4, 5)), inputs, ScalarType.Float64));
            Assert.That(ex!.Message, Does.Contain("Basement"));
            Assert.That(ex.Message, Does.Contain("States"));
            Assert.That(ex.Message, Does.Contain("[3]"));
        }

        [Test]
        public void ZeroPlateSizeThrowsNamingThePlate()
        {
            var ex = Assert.Throws(Is.InstanceOf<ArgumentException>(), () =>
                new IntroProblem(new IntroProblem.PlateSizes(P1: 0), new IntroProblem.Observations(Obs: torch.zeros(0)), dtype: ScalarType.Float64));
            Assert.That(ex!.Message, Does.Contain("P1"));
            var ex2 = Assert.Throws(Is.InstanceOf<ArgumentException>(), () => IntroProblem.SamplePrior(new IntroProblem.PlateSizes(P1: 0)));
            Assert.That(ex2!.Message, Does.Contain("P1"));
        }

        [Test]
        public void ElboViOnNonReparameterisedSampleThrows()
        {
            torch.manual_seed(601);
            var problem = new IntroProblem(new IntroProblem.PlateSizes(P1: 3), new IntroProblem.Observations(Obs: torch.zeros(3)), dtype: ScalarType.Float64);
            using var sample = problem.Sample(5, reparam: false);
            Assert.Throws<InvalidOperationException>(() => sample.ElboVi());
            Assert.DoesNotThrow(() => sample.ElboRws());
            Assert.DoesNotThrow(() => sample.ElboNoGrad());
        }

        [Test]
        public void DisposedSampleThrows()
        {
            torch.manual_seed(602);
            var problem = new IntroProblem(new IntroProblem.PlateSizes(P1: 3), new IntroProblem.Observations(Obs: torch.zeros(3)), dtype: ScalarType.Float64);
            var sample = problem.Sample(5);
            sample.Dispose();
            Assert.Throws<ObjectDisposedException>(() => sample.ElboNoGrad());
            Assert.Throws<ObjectDisposedException>(() => _ = sample.Particles);
        }

        [Test]
        public void NonPositiveKThrows()
        {
            var problem = new IntroProblem(new IntroProblem.PlateSizes(P1: 3), new IntroProblem.Observations(Obs: torch.zeros(3)), dtype: ScalarType.Float64);
            Assert.Throws(Is.InstanceOf<ArgumentException>(), () => problem.Sample(0));
        }
    }
}
