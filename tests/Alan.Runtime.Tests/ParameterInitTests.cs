using System;
using System.Linq;
using Alan.CompilerServices;
using Alan.CompilerServices.MomentMatching;
using Alan.CompilerServices.TensorLayout;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>Initial values with shape (ParameterInit) and the positive-definite projection of a QEM covariance.</summary>
    public class ParameterInitTests
    {
        private static double[] Values(Tensor t) => t.to_type(ScalarType.Float64).contiguous().data<double>().ToArray();

        [Test]
        public void Identity_IsAScaledIdentityOverTheLastTwoDims_RepeatedOverThePlates()
        {
            using var t = ParameterInit.Identity(new long[] { 2, 3, 3 }, 0.5, ScalarType.Float32, "Beta.covarianceMatrix");
            Assert.That(t.shape, Is.EqualTo(new long[] { 2, 3, 3 }));
            Assert.That(t.dtype, Is.EqualTo(ScalarType.Float32));
            var expected = new double[18];
            for (int b = 0; b < 2; b++) for (int i = 0; i < 3; i++) expected[b * 9 + i * 4] = 0.5;
            Assert.That(Values(t), Is.EqualTo(expected));
        }

        [Test]
        public void Identity_OnANonSquareShape_NamesTheParameterAndTheShape()
        {
            var e = Assert.Throws<ArgumentException>(() => ParameterInit.Identity(new long[] { 2, 3 }, 1.0, ScalarType.Float32, "Beta.scaleTril"))!;
            Assert.That(e.Message, Does.Contain("'Beta.scaleTril'").And.Contain("[2, 3]"));
        }

        [Test]
        public void From_BroadcastsAnEventValueOverThePlates_AsACopyInTheDtype()
        {
            var source = new[] { 1.0, 2.0 };
            using var t = ParameterInit.From(source, new long[] { 3, 2 }, ScalarType.Float32, "Beta.loc", "PriorMean");
            Assert.That(t.dtype, Is.EqualTo(ScalarType.Float32));
            Assert.That(Values(t), Is.EqualTo(new[] { 1.0, 2.0, 1.0, 2.0, 1.0, 2.0 }));
            using var tensor = torch.tensor(new[] { 4.0, 5.0 }, dtype: ScalarType.Float64);
            using var copy = ParameterInit.From(tensor, new long[] { 2 }, ScalarType.Float64, "Beta.loc", "PriorMean");
            copy.add_(1.0);
            Assert.That(Values(tensor), Is.EqualTo(new[] { 4.0, 5.0 }), "the member's tensor is copied, not shared");
        }

        [Test]
        public void From_AValueThatDoesNotBroadcast_NamesTheParameterTheMemberAndBothShapes()
        {
            var e = Assert.Throws<ArgumentException>(() =>
                ParameterInit.From(new[] { 1.0, 2.0, 3.0 }, new long[] { 4, 2 }, ScalarType.Float32, "Beta.loc", "PriorMean"))!;
            Assert.That(e.Message, Does.Contain("Parameter 'Beta.loc' starts from PriorMean, of shape [3], which does not broadcast to the parameter's shape [4, 2]"));
        }

        [Test]
        public void From_NullOrNonFinite_IsRefused()
        {
            Assert.That(() => ParameterInit.From((double[]?)null, new long[] { 2 }, ScalarType.Float32, "Beta.loc", "PriorMean"),
                Throws.ArgumentException.With.Message.Contains("PriorMean, which is null"));
            Assert.That(() => ParameterInit.From(new[] { 1.0, double.NaN }, new long[] { 2 }, ScalarType.Float32, "Beta.loc", "PriorMean"),
                Throws.ArgumentException.With.Message.Contains("non-finite"));
        }

        [Test]
        public void TheProjection_LeavesAWellConditionedCovarianceAsItIs()
        {
            using var c = torch.tensor(new[] { 2.0, 0.6, 0.6, 1.0 }, dtype: ScalarType.Float64).reshape(2, 2);
            using var p = Qem.PositiveDefiniteCovariance(c, ScalarType.Float32);
            Assert.That(Values(p), Is.EqualTo(Values(c)).Within(1e-14));
        }

        [Test]
        public void TheProjection_RaisesEigenvaluesBelowTheFloor_SoTheStoredDtypeCanFactoriseIt()
        {
            // Eigenvalues 4 and -1e-3 along (1, 1)/sqrt2 and (1, -1)/sqrt2: the negative one is raised to 16 eps32 * 4.
            double a = (4 - 1e-3) / 2, b = (4 + 1e-3) / 2;
            using var c = torch.tensor(new[] { a, b, b, a }, dtype: ScalarType.Float64).reshape(2, 2);
            using var p = Qem.PositiveDefiniteCovariance(c, ScalarType.Float32);
            double floor = 16 * 1.1920928955078125e-07 * 4;
            using var eig = torch.linalg.eigvalsh(p);
            var values = Values(eig);
            Assert.That(values[0], Is.EqualTo(floor).Within(1e-12));
            Assert.That(values[1], Is.EqualTo(4.0).Within(1e-12));
            using var stored = p.to_type(ScalarType.Float32);
            Assert.DoesNotThrow(() => torch.linalg.cholesky(stored).Dispose());
        }

        [Test]
        public void Update_InFloat32_KeepsACovarianceThatCancelsTo1e6OfItsTerms()
        {
            // x ~ N(m, C) with m = 1e3 (1, 1) and C = [[1, 0.9], [0.9, 1]]: E[x x^T] = C + m m^T holds C to 1e-6 of its
            // terms. One update with lr = 1 from those expectations (given in float64) must store C in float32 to float32's
            // relative precision of C itself, not of m m^T.
            var loc = torch.zeros(2, dtype: ScalarType.Float32);
            var cov = torch.eye(2, dtype: ScalarType.Float32);
            using var m = torch.tensor(new[] { 1e3, 1e3 }, dtype: ScalarType.Float64);
            using var c = torch.tensor(new[] { 1.0, 0.9, 0.9, 1.0 }, dtype: ScalarType.Float64).reshape(2, 2);
            using var second = c + m.unsqueeze(-1) * m.unsqueeze(-2);
            Qem.Update(QemFamily.MultivariateNormal, new[] { loc, cov }, new[] { m, second }, 1.0);
            Assert.That(Values(cov), Is.EqualTo(new[] { 1.0, 0.9, 0.9, 1.0 }).Within(1e-6));
            Assert.That(Values(loc), Is.EqualTo(new[] { 1e3, 1e3 }));
        }
    }
}
