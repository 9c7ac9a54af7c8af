using System;
using System.Collections.Generic;
using System.Linq;
using NUnit.Framework;
using TorchSharp;
using static Alan.Runtime.Tests.TestUtil;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>Sample shapes and dtypes, seeding, reparameterised gradients and the non-reparameterised guard.</summary>
    public class SampleTests
    {
        private static readonly long[] Batch = { 4, 1, 3 };

        public static IEnumerable<Family> Univariate() => Families.Univariate();
        public static IEnumerable<Family> ReparamUnivariate() => Families.Univariate().Where(f => f.Reparameterised);
        public static IEnumerable<Family> Discrete() => Families.Univariate().Where(f => !f.Reparameterised);

        /// <summary>The vector-parameter families, each with a sample of its parameters and its event shape.</summary>
        public static IEnumerable<TestCaseData> VectorFamilies()
        {
            yield return Case("Dirichlet", () => new Dirichlet(D(Families.DirichletConcentration)), 3);
            yield return Case("MultivariateNormal(cov)", () => new MultivariateNormal(D(Families.MvnLoc), covarianceMatrix: Families.Covariance()), 3);
            yield return Case("MultivariateNormal(scaleTril)",
                () => new MultivariateNormal(D(Families.MvnLoc), scaleTril: torch.linalg.cholesky(Families.Covariance())), 3);
            yield return Case("Categorical(probs)", () => new Categorical(probs: D(Families.CategoricalProbs)), null);
            yield return Case("Categorical(logits)", () => new Categorical(logits: D(Families.CategoricalProbs).log()), null);

            static TestCaseData Case(string name, Func<Distribution> make, long? eventSize) =>
                new TestCaseData(make, eventSize).SetArgDisplayNames(name);
        }

        [TestCaseSource(nameof(Univariate))]
        public void ScalarParametersGiveTheBatchShape(Family f)
        {
            var d = f.Make(f.ScalarParams());
            var x = d.Sample(Batch, ScalarType.Float64, false);
            AssertShape(x, 4, 1, 3);
            Assert.That(x.dtype, Is.EqualTo(ScalarType.Float64));
            Assert.That(Values(x), Is.All.Matches<double>(double.IsFinite));
            Assert.That(d.Sample(Batch, ScalarType.Float32, false).dtype, Is.EqualTo(ScalarType.Float32));
            AssertShape(d.Sample(), Array.Empty<long>());
        }

        [TestCaseSource(nameof(Univariate))]
        public void EventOnlyVectorParametersAppendTheirShape(Family f)
        {
            var d = f.Make(f.VectorParams(8));
            AssertShape(d.Sample(Batch, ScalarType.Float64, false), 4, 1, 3, 8);
            var standalone = d.Sample();
            AssertShape(standalone, 8);
            Assert.That(standalone.dtype, Is.EqualTo(ScalarType.Float64), "DefaultFloat follows float64 parameters");
        }

        [TestCaseSource(nameof(Univariate))]
        public void LayoutParametersBroadcastWithTheBatchShape(Family f)
        {
            // Parameters of rank batchRank already carry the layout: [4, 1, 3] against batch [4, 5, 3].
            var d = f.Make(f.Defaults.Select(v => torch.full(new long[] { 4, 1, 3 }, v, ScalarType.Float64)).ToArray());
            AssertShape(d.Sample(new long[] { 4, 5, 3 }, ScalarType.Float64, false), 4, 5, 3);
            AssertShape(d.Sample(new long[] { 1, 1, 1 }, ScalarType.Float64, false), 4, 1, 3);
        }

        [Test]
        public void Float32ParametersDefaultToFloat32()
        {
            var d = new Normal(torch.zeros(3), torch.ones(3));
            Assert.That(d.Sample().dtype, Is.EqualTo(ScalarType.Float32));
            Assert.That(d.LogProb(torch.zeros(3, dtype: ScalarType.Int64)).dtype, Is.EqualTo(ScalarType.Float32));
            var c = new Categorical(probs: D(0.5, 0.5));
            Assert.That(c.LogProb(torch.tensor(1L)).dtype, Is.EqualTo(ScalarType.Float64));
        }

        [TestCaseSource(nameof(VectorFamilies))]
        public void VectorFamilyShapes(Func<Distribution> make, long? eventSize)
        {
            var d = make();
            var ev = eventSize is long n ? new[] { n } : Array.Empty<long>();
            var x = d.Sample(Batch, ScalarType.Float64, false);
            AssertShape(x, Batch.Concat(ev).ToArray());
            Assert.That(x.dtype, Is.EqualTo(eventSize is null ? ScalarType.Int64 : ScalarType.Float64));
            AssertShape(d.Sample(), ev);
        }

        [Test]
        public void BatchedVectorParameters()
        {
            var loc2 = D(new long[] { 2, 3 }, 0, 1, 2, 3, 4, 5);
            // Rank 2 < batchRank + 1: event-only, so the parameters' own batch [2] follows the layout.
            var mvn = new MultivariateNormal(loc2, covarianceMatrix: Families.Covariance());
            AssertShape(mvn.Sample(Batch, ScalarType.Float64, false), 4, 1, 3, 2, 3);
            AssertShape(mvn.Sample(), 2, 3);
            // Rank batchRank + 1: already in the layout (batch [2]).
            AssertShape(mvn.Sample(new long[] { 1 }, ScalarType.Float64, false), 2, 3);
            AssertShape(mvn.Sample(new long[] { 2 }, ScalarType.Float64, false), 2, 3);

            var probs = D(new long[] { 2, 3 }, 0.2, 0.3, 0.5, 0.1, 0.1, 0.8);
            var cat = new Categorical(probs: probs);
            AssertShape(cat.Sample(Batch, ScalarType.Float64, false), 4, 1, 3, 2);
            AssertShape(cat.Sample(new long[] { 5, 2 }, ScalarType.Float64, false), 5, 2, 2); // rank 2 <= 2: event-only
            AssertShape(cat.Sample(new long[] { 2 }, ScalarType.Float64, false), 2);          // rank 2 > 1: layout
            AssertShape(cat.Sample(), 2);

            var dir = new Dirichlet(probs * 4);
            AssertShape(dir.Sample(Batch, ScalarType.Float64, false), 4, 1, 3, 2, 3);
            AssertShape(dir.Sample(new long[] { 2 }, ScalarType.Float64, false), 2, 3);
            var dx = dir.Sample(new long[] { 7, 1 }, ScalarType.Float64, false); // rank 2 < 2 + 1: event-only
            AssertShape(dx, 7, 1, 2, 3);
            AssertClose(dx.sum(-1), Enumerable.Repeat(1.0, 14).ToArray(), 1e-12, "simplex");
        }

        [TestCaseSource(nameof(ReparamUnivariate))]
        public void ReparameterisedSamplesHaveFiniteGradients(Family f)
        {
            var ps = f.ScalarParams(requiresGrad: true);
            var x = f.Make(ps).Sample(new long[] { 64 }, ScalarType.Float64, true);
            Assert.That(x.requires_grad, Is.True);
            x.sum().backward();
            foreach (var p in ps)
            {
                Assert.That(p.grad, Is.Not.Null, f.Name);
                Assert.That(double.IsFinite(Scalar(p.grad!)), Is.True, f.Name);
            }
        }

        [Test]
        public void ReparameterisedVectorFamiliesHaveFiniteGradients()
        {
            var conc = D(Families.DirichletConcentration).requires_grad_(true);
            var loc = D(Families.MvnLoc).requires_grad_(true);
            var cov = Families.Covariance().requires_grad_(true);
            var tril = torch.linalg.cholesky(Families.Covariance()).detach().requires_grad_(true);
            var draws = new[]
            {
                new Dirichlet(conc).Sample(Batch, ScalarType.Float64, true),
                new MultivariateNormal(loc, covarianceMatrix: cov).Sample(Batch, ScalarType.Float64, true),
                new MultivariateNormal(loc, scaleTril: tril).Sample(Batch, ScalarType.Float64, true),
            };
            // Weight the components so that the Dirichlet's sum-to-one does not cancel the gradient.
            var w = D(1, 2, 3);
            foreach (var x in draws) (x * w).sum().backward();
            foreach (var p in new[] { conc, loc, cov, tril })
            {
                Assert.That(p.grad, Is.Not.Null);
                Assert.That(Values(p.grad!), Is.All.Matches<double>(double.IsFinite));
                Assert.That(Values(p.grad!).Any(g => g != 0), Is.True);
            }
        }

        [Test]
        public void NormalPathwiseGradientIsExact()
        {
            var loc = D(0.5).requires_grad_(true);
            var scale = D(2.0).requires_grad_(true);
            var x = new Normal(loc, scale).Sample(new long[] { 10 }, ScalarType.Float64, true);
            x.sum().backward();
            Assert.That(Scalar(loc.grad!), Is.EqualTo(10.0).Within(1e-12));
            Assert.That(Scalar(scale.grad!), Is.EqualTo(Values((x - 0.5) / 2.0).Sum()).Within(1e-9));
        }

        [Test]
        public void GammaAndBetaPathwiseGradientsAreUnbiased()
        {
            // d E[X] / d params via the average pathwise gradient of 200k draws; tolerance 0.01 is many standard errors.
            torch.manual_seed(7);
            const long n = 200_000;
            var a = D(2.5).requires_grad_(true);
            var rate = D(1.5).requires_grad_(true);
            new Gamma(a, rate).Sample(new long[] { n }, ScalarType.Float64, true).mean().backward();
            Assert.That(Scalar(a.grad!), Is.EqualTo(1 / 1.5).Within(0.01));          // E = a / rate
            Assert.That(Scalar(rate.grad!), Is.EqualTo(-2.5 / (1.5 * 1.5)).Within(0.01));

            var b1 = D(2.0).requires_grad_(true);
            var b0 = D(3.0).requires_grad_(true);
            new Beta(b1, b0).Sample(new long[] { n }, ScalarType.Float64, true).mean().backward();
            Assert.That(Scalar(b1.grad!), Is.EqualTo(3.0 / 25).Within(0.005));       // E = a / (a + b)
            Assert.That(Scalar(b0.grad!), Is.EqualTo(-2.0 / 25).Within(0.005));
        }

        [TestCaseSource(nameof(Discrete))]
        public void DiscreteFamiliesRefuseReparameterisation(Family f)
        {
            var d = f.Make(f.ScalarParams());
            Assert.That(d.IsReparameterised, Is.False);
            Assert.Throws<InvalidOperationException>(() => d.Sample(Batch, ScalarType.Float64, true));
            Assert.Throws<InvalidOperationException>(() => d.Sample(reparam: true));
            Assert.Throws<InvalidOperationException>(() => new Categorical(probs: D(0.5, 0.5)).Sample(reparam: true));
        }

        [TestCaseSource(nameof(Discrete))]
        public void DiscreteSamplesAreIntegersOfTheRequestedDtype(Family f)
        {
            var x = f.Make(f.ScalarParams()).Sample(new long[] { 1000 }, ScalarType.Float32, false);
            Assert.That(x.dtype, Is.EqualTo(ScalarType.Float32));
            Assert.That(Values(x), Is.All.Matches<double>(v => v >= 0 && v == Math.Floor(v)));
        }

        [Test]
        public void NonReparameterisedDrawsAreDetached()
        {
            var loc = D(0.5).requires_grad_(true);
            Assert.That(new Normal(loc, 1.0).Sample(Batch, ScalarType.Float64, false).requires_grad, Is.False);
        }

        [TestCaseSource(nameof(Univariate))]
        public void DrawsFollowTorchManualSeed(Family f)
        {
            var d = f.Make(f.ScalarParams());
            torch.manual_seed(123);
            var a = Values(d.Sample(new long[] { 50 }, ScalarType.Float64, false));
            torch.manual_seed(123);
            var b = Values(d.Sample(new long[] { 50 }, ScalarType.Float64, false));
            Assert.That(a, Is.EqualTo(b));
        }

        [TestCaseSource(nameof(VectorFamilies))]
        public void VectorDrawsFollowTorchManualSeed(Func<Distribution> make, long? eventSize)
        {
            var d = make();
            torch.manual_seed(5);
            var a = Values(d.Sample(new long[] { 20 }, ScalarType.Float64, false));
            torch.manual_seed(5);
            Assert.That(Values(d.Sample(new long[] { 20 }, ScalarType.Float64, false)), Is.EqualTo(a));
        }
    }
}
