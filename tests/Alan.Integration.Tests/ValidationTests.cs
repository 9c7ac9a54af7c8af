using System;
using System.Linq;
using Alan.Integration.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests
{
    /// <summary>
    /// Bad input is refused once, at construction, with a message naming the variable, the first offending
    /// index and the value: non-finite observations and inputs, observations outside their distribution's
    /// support, undeclared input event dimensions, tensors on another device. Observations and inputs are
    /// copied, so mutating the caller's tensors afterwards changes nothing.
    /// </summary>
    public class ValidationTests
    {
        private static ArgumentException Refused(Action construct)
        {
            var ex = Assert.Throws(Is.InstanceOf<ArgumentException>(), construct) as ArgumentException;
            TestContext.Out.WriteLine(ex!.Message);
            return ex;
        }

        private static NestedProblem.Inputs NestedInputs() => new(Basement: torch.randn(4), Covariates: torch.randn(4, 5, 3));
        private static readonly NestedProblem.PlateSizes NestedSizes = new(States: 4, Zips: 5);

        // ---- NaN / Inf ------------------------------------------------------------------------------

        [Test]
        public void NaNObservationIsRefusedNamingVariableAndIndex()
        {
            var obs = torch.tensor(new[] { 0.1, double.NaN, 0.3 });
            var ex = Refused(() => new IntroProblem(new IntroProblem.PlateSizes(P1: 3), new IntroProblem.Observations(Obs: obs), dtype: ScalarType.Float64));
            Assert.That(ex.Message, Does.Contain("Observation 'Obs'"));
            Assert.That(ex.Message, Does.Contain("NaN"));
            Assert.That(ex.Message, Does.Contain("index [1]"));
            Assert.That(ex.ParamName, Is.EqualTo("Obs"));
        }

        [Test]
        public void InfiniteObservationIsRefusedWithItsFullMultiIndex()
        {
            var obs = torch.zeros(4, 5);
            obs[2, 3] = torch.tensor(float.NegativeInfinity);
            var ex = Refused(() => new NestedProblem(NestedSizes, new NestedProblem.Observations(Obs: obs), NestedInputs()));
            Assert.That(ex.Message, Does.Contain("'Obs'"));
            Assert.That(ex.Message, Does.Contain("-Infinity"));
            Assert.That(ex.Message, Does.Contain("index [2, 3]"));
        }

        [Test]
        public void NonFiniteInputIsRefusedNamingTheInput()
        {
            var cov = torch.randn(4, 5, 3);
            cov[1, 2, 0] = torch.tensor(float.NaN);
            var ex = Refused(() => new NestedProblem(NestedSizes, new NestedProblem.Observations(Obs: torch.zeros(4, 5)),
                new NestedProblem.Inputs(Basement: torch.randn(4), Covariates: cov)));
            Assert.That(ex.Message, Does.Contain("Input 'Covariates'"));
            Assert.That(ex.Message, Does.Contain("index [1, 2, 0]"));
            var basement = torch.tensor(new[] { 0.0, double.PositiveInfinity, 0.0, 0.0 });
            var ex2 = Refused(() => NestedProblem.SamplePrior(NestedSizes, new NestedProblem.Inputs(Basement: basement, Covariates: torch.randn(4, 5, 3))));
            Assert.That(ex2.Message, Does.Contain("Input 'Basement'"));
            Assert.That(ex2.Message, Does.Contain("index [1]"));
        }

        [Test]
        public void ValueOverflowingTheProblemDtypeIsRefused()
        {
            var obs = torch.tensor(new[] { 0.1, 1e300, 0.3 });
            var ex = Refused(() => new IntroProblem(new IntroProblem.PlateSizes(P1: 3), new IntroProblem.Observations(Obs: obs)));
            Assert.That(ex.Message, Does.Contain("index [1]"));
            Assert.That(ex.Message, Does.Contain("overflows Float32"));
        }

        // ---- support ------------------------------------------------------------------------------

        [Test]
        public void BernoulliObservationOtherThanZeroOrOneIsRefused()
        {
            var sizes = new VBernoulliProblem.PlateSizes(Items: 3);
            var ex = Refused(() => new VBernoulliProblem(sizes, new VBernoulliProblem.Observations(Y: torch.tensor(new[] { 0.0, 1.0, 2.0 })), ScalarType.Float64));
            Assert.That(ex.Message, Does.Contain("'Y'"));
            Assert.That(ex.Message, Does.Contain("Bernoulli"));
            Assert.That(ex.Message, Does.Contain("value 2 at index [2]"));
            Assert.That(ex.Message, Does.Contain("0 or 1"));
            Assert.DoesNotThrow(() => new VBernoulliProblem(sizes, new VBernoulliProblem.Observations(Y: torch.tensor(new[] { false, true, true }))));
            Assert.DoesNotThrow(() => new VBernoulliProblem(sizes, new VBernoulliProblem.Observations(Y: torch.tensor(new long[] { 0, 1, 1 }))));
        }

        [TestCase(-1.0, "-1")]
        [TestCase(2.5, "2.5")]
        public void PoissonObservationThatIsNotANonNegativeIntegerIsRefused(double bad, string shown)
        {
            var sizes = new VPoissonProblem.PlateSizes(Items: 4);
            var ex = Refused(() => new VPoissonProblem(sizes, new VPoissonProblem.Observations(Y: torch.tensor(new[] { 0.0, 3.0, bad, 1.0 })), ScalarType.Float64));
            Assert.That(ex.Message, Does.Contain("'Y'"));
            Assert.That(ex.Message, Does.Contain("Poisson"));
            Assert.That(ex.Message, Does.Contain($"value {shown} at index [2]"));
            Assert.That(ex.Message, Does.Contain("non-negative integers"));
            Assert.DoesNotThrow(() => new VPoissonProblem(sizes, new VPoissonProblem.Observations(Y: torch.tensor(new long[] { 0, 3, 7, 1 }))));
        }

        [TestCase(-1.0)]
        [TestCase(0.0)]
        public void GammaObservationThatIsNotPositiveIsRefused(double bad)
        {
            var sizes = new VGammaProblem.PlateSizes(Items: 3);
            var ex = Refused(() => new VGammaProblem(sizes, new VGammaProblem.Observations(Y: torch.tensor(new[] { bad, 1.0, 2.0 })), ScalarType.Float64));
            Assert.That(ex.Message, Does.Contain("'Y'"));
            Assert.That(ex.Message, Does.Contain("index [0]"));
            Assert.That(ex.Message, Does.Contain("greater than 0"));
        }

        [TestCase(0.0)]
        [TestCase(1.0)]
        [TestCase(1.5)]
        public void BetaObservationOutsideTheOpenUnitIntervalIsRefused(double bad)
        {
            var sizes = new VBetaProblem.PlateSizes(Items: 3);
            var ex = Refused(() => new VBetaProblem(sizes, new VBetaProblem.Observations(Y: torch.tensor(new[] { 0.5, 0.2, bad })), ScalarType.Float64));
            Assert.That(ex.Message, Does.Contain("index [2]"));
            Assert.That(ex.Message, Does.Contain("strictly between 0 and 1"));
            Assert.DoesNotThrow(() => new VBetaProblem(sizes, new VBetaProblem.Observations(Y: torch.tensor(new[] { 0.5, 0.2, 0.999 })), ScalarType.Float64));
        }

        [Test]
        public void DirichletObservationMustBeOnTheSimplex()
        {
            var sizes = new VDirichletProblem.PlateSizes(Items: 2);
            var good = torch.tensor(new[] { 0.2, 0.3, 0.5, 0.1, 0.3, 0.6 }).reshape(2, 3);
            using (var p = new VDirichletProblem(sizes, new VDirichletProblem.Observations(Y: good), ScalarType.Float64))
            using (var s = p.Sample(3)) Assert.That(double.IsFinite(s.ElboNoGrad().item<double>()), Is.True);

            var offSum = torch.tensor(new[] { 0.2, 0.3, 0.5, 0.1, 0.4, 0.6 }).reshape(2, 3);
            var ex = Refused(() => new VDirichletProblem(sizes, new VDirichletProblem.Observations(Y: offSum), ScalarType.Float64));
            Assert.That(ex.Message, Does.Contain("index [1, :]"));
            Assert.That(ex.Message, Does.Contain("summing to 1.1"));

            var negative = torch.tensor(new[] { 0.2, 0.3, 0.5, -0.1, 0.5, 0.6 }).reshape(2, 3);
            var ex2 = Refused(() => new VDirichletProblem(sizes, new VDirichletProblem.Observations(Y: negative), ScalarType.Float64));
            Assert.That(ex2.Message, Does.Contain("value -0.1 at index [1, 0]"));
            // Open simplex: a zero entry has density 0 or infinity under a Dirichlet.
            var boundary = torch.tensor(new[] { 0.2, 0.3, 0.5, 0.0, 0.4, 0.6 }).reshape(2, 3);
            var ex3 = Refused(() => new VDirichletProblem(sizes, new VDirichletProblem.Observations(Y: boundary), ScalarType.Float64));
            Assert.That(ex3.Message, Does.Contain("value 0 at index [1, 0]"));
        }

        [Test]
        public void BinomialObservationAboveAKnowableTotalCountIsRefused()
        {
            var sizes = new VBinomialProblem.PlateSizes(Items: 3);
            var inputs = new VBinomialProblem.Inputs(N: torch.tensor(new[] { 5.0, 5.0, 2.0 }));
            var ex = Refused(() => new VBinomialProblem(sizes, new VBinomialProblem.Observations(Y: torch.tensor(new[] { 1.0, 5.0, 3.0 })), inputs, ScalarType.Float64));
            Assert.That(ex.Message, Does.Contain("'Y'"));
            Assert.That(ex.Message, Does.Contain("value 3 at index [2]"));
            Assert.That(ex.Message, Does.Contain("totalCount = 2"));
            Assert.DoesNotThrow(() => new VBinomialProblem(sizes, new VBinomialProblem.Observations(Y: torch.tensor(new[] { 1.0, 5.0, 2.0 })), inputs, ScalarType.Float64));
            var ex2 = Refused(() => new VBinomialProblem(sizes, new VBinomialProblem.Observations(Y: torch.tensor(new[] { 1.0, -1.0, 2.0 })), inputs, ScalarType.Float64));
            Assert.That(ex2.Message, Does.Contain("non-negative integers"));
        }

        [Test]
        public void BinomialAboveALatentTotalCountIsAZeroProbabilityNotAnInputError()
        {
            // n is a latent: an observation above some particle's n has probability 0 under that particle.
            torch.manual_seed(11);
            var sizes = new VBinomialLatentProblem.PlateSizes(Items: 2);
            using var problem = new VBinomialLatentProblem(sizes, new VBinomialLatentProblem.Observations(Y: torch.tensor(new[] { 1.0, 40.0 })), ScalarType.Float64);
            using var s = problem.Sample(5, reparam: false);
            Assert.That(s.ElboNoGrad().item<double>(), Is.EqualTo(double.NegativeInfinity));
        }

        [Test]
        public void CategoricalObservationOutsideTheCategoriesIsRefused()
        {
            var sizes = new VCategoricalProblem.PlateSizes(Items: 3);
            var ex = Refused(() => new VCategoricalProblem(sizes, new VCategoricalProblem.Observations(Y: torch.tensor(new long[] { 0, 3, 1 })), ScalarType.Float64));
            Assert.That(ex.Message, Does.Contain("'Y'"));
            Assert.That(ex.Message, Does.Contain("value 3 at index [1]"));
            Assert.That(ex.Message, Does.Contain("number of categories 3"));
            var ex2 = Refused(() => new VCategoricalProblem(sizes, new VCategoricalProblem.Observations(Y: torch.tensor(new[] { 0.0, 1.5, 1.0 })), ScalarType.Float64));
            Assert.That(ex2.Message, Does.Contain("value 1.5 at index [1]"));
            Assert.DoesNotThrow(() => new VCategoricalProblem(sizes, new VCategoricalProblem.Observations(Y: torch.tensor(new long[] { 0, 2, 1 })), ScalarType.Float64));
        }

        [Test]
        public void PredictiveObservationsAreCheckedToo()
        {
            torch.manual_seed(12);
            var sizes = new IntroProblem.PlateSizes(P1: 2);
            using var problem = new IntroProblem(sizes, new IntroProblem.Observations(Obs: torch.zeros(2)), dtype: ScalarType.Float64);
            using var s = problem.Sample(4);
            var extended = s.ImportanceSample(10).Extend(new IntroProblem.PlateSizes(P1: 3));
            var ex = Refused(() => extended.PredictiveLogLikelihood(new IntroProblem.Observations(Obs: torch.tensor(new[] { 0.0, 0.0, double.NaN }))));
            Assert.That(ex.Message, Does.Contain("index [2]"));
        }

        // ---- input event shapes -------------------------------------------------------------------

        [Test]
        public void InputWithAnUndeclaredTrailingDimensionIsRefused()
        {
            // Basement is declared without Shape: one scalar per state.
            var ex = Refused(() => new NestedProblem(NestedSizes, new NestedProblem.Observations(Obs: torch.zeros(4, 5)),
                new NestedProblem.Inputs(Basement: torch.randn(4, 3), Covariates: torch.randn(4, 5, 3))));
            Assert.That(ex.Message, Does.Contain("Input 'Basement'"));
            Assert.That(ex.Message, Does.Contain("[States=4]"));
            Assert.That(ex.Message, Does.Contain("[4, 3]"));
            Assert.That(ex.Message, Does.Contain("Shape = new long[]"));
        }

        [Test]
        public void InputWithAnExtraDimensionBeyondItsDeclaredShapeIsRefused()
        {
            // Covariates is declared with Shape = { 3 }: [4, 5, 3, 3] would broadcast silently.
            var ex = Refused(() => new NestedProblem(NestedSizes, new NestedProblem.Observations(Obs: torch.zeros(4, 5)),
                new NestedProblem.Inputs(Basement: torch.randn(4), Covariates: torch.randn(4, 5, 3, 3))));
            Assert.That(ex.Message, Does.Contain("Input 'Covariates'"));
            Assert.That(ex.Message, Does.Contain("[States=4, Zips=5, 3]"));
            Assert.That(ex.Message, Does.Contain("[4, 5, 3, 3]"));
            var ex2 = Refused(() => new NestedProblem(NestedSizes, new NestedProblem.Observations(Obs: torch.zeros(4, 5)),
                new NestedProblem.Inputs(Basement: torch.randn(4), Covariates: torch.randn(4, 5, 2))));
            Assert.That(ex2.Message, Does.Contain("[4, 5, 2]"));
        }

        [Test]
        public void ExtendChecksInputShapesAndValues()
        {
            torch.manual_seed(13);
            using var problem = new NestedProblem(NestedSizes, new NestedProblem.Observations(Obs: torch.zeros(4, 5)), NestedInputs(), ScalarType.Float64);
            using var s = problem.Sample(3);
            var draws = s.ImportanceSample(4);
            var bigger = new NestedProblem.PlateSizes(States: 4, Zips: 6);
            var ex = Refused(() => draws.Extend(bigger, new NestedProblem.Inputs(Basement: torch.randn(4, 1), Covariates: torch.randn(4, 6, 3))));
            Assert.That(ex.Message, Does.Contain("Input 'Basement'"));
            Assert.DoesNotThrow(() => draws.Extend(bigger, new NestedProblem.Inputs(Basement: torch.randn(4), Covariates: torch.randn(4, 6, 3))));
        }

        // ---- copies -------------------------------------------------------------------------------

        private static double IntroElbo(IntroProblem problem)
        {
            torch.manual_seed(21);
            using var s = problem.Sample(5);
            return s.ElboNoGrad().to_type(ScalarType.Float64).item<double>();
        }

        [TestCase(ScalarType.Float32, ScalarType.Float32)]
        [TestCase(ScalarType.Float64, ScalarType.Float64)]
        [TestCase(ScalarType.Float64, ScalarType.Float32)]
        [TestCase(ScalarType.Int64, ScalarType.Float64)]
        public void MutatingTheCallersObservationAfterConstructionChangesNothing(ScalarType dataType, ScalarType problemType)
        {
            var obs = torch.tensor(new[] { 1.0, 2.0, 3.0 }).to_type(dataType);
            using var problem = new IntroProblem(new IntroProblem.PlateSizes(P1: 3), new IntroProblem.Observations(Obs: obs), dtype: problemType);
            double before = IntroElbo(problem);
            obs.add_(5);
            Assert.That(IntroElbo(problem), Is.EqualTo(before));
        }

        [Test]
        public void MutatingTheCallersInputAfterConstructionChangesNothing()
        {
            var basement = torch.randn(4, dtype: ScalarType.Float64);
            var cov = torch.randn(new long[] { 4, 5, 3 }, ScalarType.Float64);
            using var problem = new NestedProblem(NestedSizes, new NestedProblem.Observations(Obs: torch.zeros(4, 5, ScalarType.Float64)),
                new NestedProblem.Inputs(Basement: basement, Covariates: cov), ScalarType.Float64);
            double Elbo()
            {
                torch.manual_seed(22);
                using var s = problem.Sample(3);
                return s.ElboNoGrad().item<double>();
            }
            double before = Elbo();
            basement.add_(3);
            cov.mul_(2);
            Assert.That(Elbo(), Is.EqualTo(before));
        }

        // ---- devices ------------------------------------------------------------------------------

        [Test]
        public void ObservationOnAnotherDeviceIsRefusedNamingBothDevices()
        {
            var ex = Refused(() => new IntroProblem(new IntroProblem.PlateSizes(P1: 3), new IntroProblem.Observations(Obs: torch.zeros(3, device: torch.META))));
            Assert.That(ex.Message, Does.Contain("Observation 'Obs'"));
            Assert.That(ex.Message, Does.Contain("meta"));
            Assert.That(ex.Message, Does.Contain("cpu"));
        }

        [Test]
        public void InputOnAnotherDeviceIsRefused()
        {
            var ex = Refused(() => new NestedProblem(NestedSizes, new NestedProblem.Observations(Obs: torch.zeros(4, 5)),
                new NestedProblem.Inputs(Basement: torch.zeros(4, device: torch.META), Covariates: torch.randn(4, 5, 3))));
            Assert.That(ex.Message, Does.Contain("Input 'Basement'"));
            Assert.That(ex.Message, Does.Contain("meta"));
        }

        [Test]
        public void MovingTheProblemToMetaIsRefusedAndLeavesItUsable()
        {
            using var problem = new IntroProblem(new IntroProblem.PlateSizes(P1: 3), new IntroProblem.Observations(Obs: torch.zeros(3)), dtype: ScalarType.Float64);
            var ex = Assert.Throws<NotSupportedException>(() => problem.to(torch.META));
            Assert.That(ex!.Message, Does.Contain("meta device"));
            Assert.That(ex.Message, Does.Contain("IntroProblem"));
            Assert.Throws<NotSupportedException>(() => problem.to(DeviceType.META));
            Assert.That(problem.parameters().All(p => p.device.type == DeviceType.CPU), Is.True);
            using var s = problem.Sample(3);
            Assert.That(double.IsFinite(s.ElboNoGrad().item<double>()), Is.True);
        }

        // ---- disposal -----------------------------------------------------------------------------

        [Test]
        public void SampleAfterDisposeThrowsObjectDisposedNamingTheProblem()
        {
            var problem = new IntroProblem(new IntroProblem.PlateSizes(P1: 3), new IntroProblem.Observations(Obs: torch.zeros(3)), dtype: ScalarType.Float64);
            var sample = problem.Sample(3);
            problem.Dispose();
            var ex = Assert.Throws<ObjectDisposedException>(() => problem.Sample(3));
            Assert.That(ex!.ObjectName, Is.EqualTo("IntroProblem"));
            Assert.Throws<ObjectDisposedException>(() => problem.SampleNonMp(3));
            var ex2 = Assert.Throws<ObjectDisposedException>(() => sample.ElboNoGrad());
            Assert.That(ex2!.Message, Does.Contain("IntroProblem"));
            Assert.Throws<ObjectDisposedException>(() => _ = sample.Particles);
            Assert.Throws<ObjectDisposedException>(() => problem.QParameters().ToList());
            Assert.DoesNotThrow(() => sample.Dispose());
            Assert.DoesNotThrow(() => problem.Dispose());
        }

        // ---- importance sampling with NaN weights -------------------------------------------------

        [Test]
        public void ImportanceSampleWithNaNWeightsNamesWhereTheyAppear()
        {
            torch.manual_seed(31);
            using var problem = new NestedProblem(NestedSizes, new NestedProblem.Observations(Obs: torch.zeros(4, 5, ScalarType.Float64)),
                new NestedProblem.Inputs(Basement: torch.randn(4, dtype: ScalarType.Float64), Covariates: torch.randn(new long[] { 4, 5, 3 }, ScalarType.Float64)), ScalarType.Float64);
            var loc = problem.named_parameters().First(p => p.name == "StateMean.loc").parameter;
            using (torch.no_grad()) loc[2] = torch.tensor(double.NaN, ScalarType.Float64);
            using var s = problem.Sample(3);
            var ex = Assert.Throws<InvalidOperationException>(() => s.ImportanceSample(5));
            TestContext.Out.WriteLine(ex!.Message);
            Assert.That(ex.Message, Does.Contain("NaN log-weights"));
            Assert.That(ex.Message, Does.Contain("States = 2"));
            Assert.That(ex.Message, Does.Contain("latent '"));
            Assert.That(ex.Message, Does.Contain("diverged optimisation"));
        }

        // ---- allocator failure --------------------------------------------------------------------

        [Test]
        public void AllocatorFailureAtHugeKNamesKAndTheCall()
        {
            // K^2 x States float64 elements (f_StateMean pairs the Globals particles with the StateMean particles): ~320 GB.
            torch.manual_seed(41);
            using var problem = new NestedProblem(NestedSizes, new NestedProblem.Observations(Obs: torch.zeros(4, 5)), NestedInputs(), ScalarType.Float64);
            using var s = problem.Sample(100_000);
            var ex = Assert.Throws(Is.InstanceOf<OutOfMemoryException>(), () => s.ElboNoGrad());
            TestContext.Out.WriteLine(ex!.Message);
            Assert.That(ex.Message, Does.Contain("K = 100000"));
            Assert.That(ex.Message, Does.Contain("NestedProblem.ElboNoGrad"));
            Assert.That(ex.Message, Does.Contain("Split"));
        }
    }
}
