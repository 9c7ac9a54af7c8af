using System;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>Errors that used to name nothing: each names the variable, key, parameter or plate, and what was expected.</summary>
    public class ClearErrorTests
    {
        private static IntroProblem Intro(int n = 3, ScalarType dtype = ScalarType.Float64) =>
            new IntroProblem(new IntroProblem.PlateSizes(P1: n), new IntroProblem.Observations(Obs: torch.ones(n, dtype: dtype)), dtype);

        private static NestedProblem Nested(int states)
        {
            torch.manual_seed(7);
            var sizes = new NestedProblem.PlateSizes(States: states, Zips: 4);
            var inputs = new NestedProblem.Inputs(Basement: torch.randn(states, dtype: ScalarType.Float64),
                Covariates: torch.randn(states, 4, 3, dtype: ScalarType.Float64));
            var prior = NestedProblem.SamplePrior(sizes, inputs, ScalarType.Float64);
            return new NestedProblem(sizes, new NestedProblem.Observations(prior.Obs), inputs, ScalarType.Float64);
        }

        [Test]
        public void ALatentMethodReturningNullIsNamed()
        {
            // Before: a NullReferenceException in generated code.
            var problem = new NullPriorProblem(new NullPriorProblem.PlateSizes(P1: 3),
                new NullPriorProblem.Observations(Obs: torch.ones(3, dtype: ScalarType.Float64)), ScalarType.Float64);
            using var sample = problem.Sample(K: 4);
            var ex = Assert.Throws<InvalidOperationException>(() => sample.ElboNoGrad());
            Assert.That(ex!.Message, Does.Contain("[Latent] method NullPrior.Mu returned null").And.Contain("Normal"));
        }

        [Test]
        public void AnotherModelsStateDictionaryNamesTheMissingAndExtraKeys()
        {
            // Before: "The loaded state_dict is not identical to the target dictionary."
            using var intro = Intro();
            using var nested = Nested(3);
            var ex = Assert.Throws<ArgumentException>(() => intro.load_state_dict(nested.state_dict()));
            var own = intro.state_dict().Keys.ToList();
            var theirs = nested.state_dict().Keys.ToList();
            Assert.That(ex!.Message, Does.Contain("does not fit IntroProblem").And.Contain($"it lacks '{own[0]}'").And.Contain($"'{theirs[0]}'"));
            Assert.That(ex.ParamName, Is.EqualTo("source"));
        }

        [Test]
        public void AStateDictionaryFromOtherPlateSizesNamesTheParameterAndBothShapes()
        {
            // Before: a broadcast error naming no parameter. NestedGuide's per-state locs have one entry per state.
            using var three = Nested(3);
            using var five = Nested(5);
            var mismatched = three.state_dict().Where(kv => !kv.Value.shape.SequenceEqual(five.state_dict()[kv.Key].shape)).ToList();
            Assert.That(mismatched, Is.Not.Empty, "some parameter varies over States");
            var ex = Assert.Throws<ArgumentException>(() => three.load_state_dict(five.state_dict()));
            var (key, value) = (mismatched[0].Key, mismatched[0].Value);
            string Shape(Tensor t) => "[" + string.Join(", ", t.shape) + "]";
            Assert.That(ex!.Message, Does.Contain($"'{key}' is {Shape(five.state_dict()[key])} where NestedProblem expects {Shape(value)}"));
            // A matching dictionary still loads.
            using var other = Nested(3);
            Assert.DoesNotThrow(() => three.load_state_dict(other.state_dict()));
        }

        [Test]
        public void ParticlesReadAfterTheirSampleIsDisposedNameTheLatent()
        {
            // Before: "Tensor invalid -- empty handle".
            using var problem = Intro();
            var sample = problem.Sample(K: 4);
            var particles = sample.Particles;
            Assert.That(particles.Mu.shape, Is.EqualTo(new long[] { 4 }));
            sample.Dispose();
            var ex = Assert.Throws<ObjectDisposedException>(() => particles.Mu.sum());
            Assert.That(ex!.Message, Does.Contain("latent 'Mu'").And.Contain("IntroProblem sample").And.Contain("disposed"));
        }

        [Test]
        public void ElboViWithGradientsDisabledSaysSo()
        {
            // Before: the estimate came back without a graph and backward() said only "does not require grad".
            using var problem = Intro();
            using var sample = problem.Sample(K: 4);
            using (torch.no_grad())
            {
                var ex = Assert.Throws<InvalidOperationException>(() => sample.ElboVi());
                Assert.That(ex!.Message, Does.Contain("IntroProblem.ElboVi was called with gradients disabled").And.Contain("ElboNoGrad"));
                Assert.DoesNotThrow(() => sample.ElboNoGrad());
            }
            Assert.DoesNotThrow(() => sample.ElboVi().backward());
        }

        [Test, NonParallelizable]
        public void AHugeSampleIsRefusedWithTheDtypesElementSizeAndNoSplitAdvice()
        {
            // Before: "8 bytes" per element of a float32 problem, and advice to Split, which Sample does not take.
            using var problem = Intro(dtype: ScalarType.Float32);
            Environment.SetEnvironmentVariable("ALAN_MEMORY_BUDGET", "8G");
            try
            {
                var ex = Assert.Throws<InsufficientMemoryException>(() => problem.Sample(1_000_000_000));
                Assert.That(ex!.Message, Does.Contain("IntroProblem.Sample with K = 1000000000").And.Contain("elements of 4 bytes")
                    .And.Contain("4,000,000,000 bytes").And.Contain("Use a smaller K."));
                Assert.That(ex.Message, Does.Not.Contain("Split"));
            }
            finally
            {
                Environment.SetEnvironmentVariable("ALAN_MEMORY_BUDGET", null);
            }
        }
    }
}
