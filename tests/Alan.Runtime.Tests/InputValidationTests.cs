using Alan.CompilerServices.Memory;
using Alan.CompilerServices.TensorLayout;
using System;
using System.Runtime.InteropServices;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>Layout.Place / CheckValues (copies, devices, finiteness, supports), AllocationFailure, Categorical range errors.</summary>
    public class InputValidationTests
    {
        private static readonly string[] Plate = { "P" };

        private static Tensor Place(Tensor t, ScalarType dtype, Support? support = null, long[]? eventShape = null, Device? device = null) =>
            Layout.Place(t, new Placement("Observation", "X", eventShape, support, "Test"), new PlateLayout(2, Plate, new long[] { 1 }, new[] { t.shape[0] }), dtype, device);

        private static string Refused(Action a)
        {
            var ex = Assert.Throws<ArgumentException>(() => a());
            return ex!.Message;
        }

        [TestCase(ScalarType.Float32, ScalarType.Float32)]
        [TestCase(ScalarType.Float64, ScalarType.Float64)]
        [TestCase(ScalarType.Float32, ScalarType.Float64)]
        [TestCase(ScalarType.Int64, ScalarType.Float32)]
        [TestCase(ScalarType.Int32, ScalarType.Float64)]
        public void PlaceCopiesTheCallersTensor(ScalarType from, ScalarType to)
        {
            var t = torch.tensor(new[] { 1.0, 2.0, 3.0 }).to_type(from);
            var placed = Place(t, to);
            t.add_(10);
            Assert.That(placed.dtype, Is.EqualTo(to));
            Assert.That(placed.reshape(-1).to_type(ScalarType.Float64).data<double>().ToArray(), Is.EqualTo(new[] { 1.0, 2.0, 3.0 }));
        }

        [Test]
        public void PlaceCopiesBoolTensorsAndKeepsTheirDtype()
        {
            var t = torch.tensor(new[] { true, false, true });
            var placed = Place(t, ScalarType.Float32, Support.Binary);
            t.logical_not_();
            Assert.That(placed.dtype, Is.EqualTo(ScalarType.Bool));
            Assert.That(placed.reshape(-1).data<bool>().ToArray(), Is.EqualTo(new[] { true, false, true }));
        }

        [Test]
        public void PlaceRefusesAnotherDevice()
        {
            var m = Refused(() => Place(torch.zeros(3, device: torch.META), ScalarType.Float32, device: torch.CPU));
            Assert.That(m, Does.Contain("'X'"));
            Assert.That(m, Does.Contain("meta"));
            Assert.That(m, Does.Contain("cpu"));
        }

        [Test]
        public void PlaceWithAnEmptyEventShapeRefusesTrailingDims()
        {
            var m = Refused(() => Place(torch.zeros(3, 2), ScalarType.Float32, eventShape: Array.Empty<long>()));
            Assert.That(m, Does.Contain("[P=3]"));
            Assert.That(m, Does.Contain("[3, 2]"));
        }

        [TestCase(Support.Real, new[] { 1.0, -2.0, 0.0 }, true)]
        [TestCase(Support.Interval, new[] { 1.0, -2.0, 0.0 }, true)]
        [TestCase(Support.Positive, new[] { 1.0, 1e-30, 3.0 }, true)]
        [TestCase(Support.Positive, new[] { 1.0, 2.0, -3.0 }, false)]
        [TestCase(Support.UnitInterval, new[] { 0.5, 1e-9, 0.999 }, true)]
        [TestCase(Support.UnitInterval, new[] { 0.5, 0.2, 1.0 }, false)]
        [TestCase(Support.Binary, new[] { 0.0, 1.0, 1.0 }, true)]
        [TestCase(Support.Binary, new[] { 0.0, 1.0, 0.5 }, false)]
        [TestCase(Support.Count, new[] { 0.0, 7.0, 100.0 }, true)]
        [TestCase(Support.Count, new[] { 0.0, 7.0, 1.25 }, false)]
        [TestCase(Support.BoundedCount, new[] { 0.0, 7.0, -2.0 }, false)]
        [TestCase(Support.Category, new[] { 0.0, 7.0, -1.0 }, false)]
        public void CheckValuesFollowsTheSupport(Support support, double[] values, bool accepted)
        {
            var t = torch.tensor(values);
            if (accepted) { Assert.DoesNotThrow(() => Place(t, ScalarType.Float64, support)); return; }
            var m = Refused(() => Place(t, ScalarType.Float64, support));
            Assert.That(m, Does.Contain("Observation 'X'"));
            Assert.That(m, Does.Contain("at index [2]"));
            Assert.That(m, Does.Contain($"value {values[2].ToString("R", System.Globalization.CultureInfo.InvariantCulture)}"));
        }

        [Test]
        public void IntegerTensorsAreCheckedForTheirSupport()
        {
            var t = torch.tensor(new long[] { 0, 3, -4 });
            var m = Refused(() => Layout.CheckValues(t, null, new Placement("Observation", "X", support: Support.Count, distribution: "Poisson"), new PlateLayout(2, Plate, new long[] { 1 }, new[] { t.shape[0] })));
            Assert.That(m, Does.Contain("value -4 at index [2]"));
        }

        [TestCase(ScalarType.Float32, 1e-5, true)]
        [TestCase(ScalarType.Float32, 1e-3, false)]
        [TestCase(ScalarType.Float64, 1e-10, true)]
        [TestCase(ScalarType.Float64, 1e-6, false)]
        public void SimplexSumsUseADtypeTolerance(ScalarType dtype, double excess, bool accepted)
        {
            var t = torch.tensor(new[] { 0.25, 0.25, 0.5 + excess, 0.2, 0.3, 0.5 }).reshape(2, 3).to_type(dtype);
            if (accepted) { Assert.DoesNotThrow(() => Place(t, dtype, Support.Simplex)); return; }
            var m = Refused(() => Place(t, dtype, Support.Simplex));
            Assert.That(m, Does.Contain("index [0, :]"));
            Assert.That(m, Does.Contain("sum to 1"));
        }

        [Test]
        public void SimplexNeedsAnEventDimension()
        {
            var m = Refused(() => Place(torch.tensor(new[] { 0.5, 0.5 }), ScalarType.Float64, Support.Simplex));
            Assert.That(m, Does.Contain("without an event dimension"));
        }

        [Test]
        public void AllocatorFailuresAreRecognisedAndNameK()
        {
            ExternalException? failure = null;
            try { using var huge = torch.empty(1L << 42, dtype: ScalarType.Float64); }
            catch (ExternalException e) { failure = e; }
            Assert.That(failure, Is.Not.Null, "a 32 TiB allocation should fail");
            Assert.That(AllocationFailure.Is(failure!), Is.True);
            var wrapped = AllocationFailure.Wrap(failure!, "XProblem", "ElboVi", 4096);
            Assert.That(wrapped, Is.InstanceOf<InsufficientMemoryException>());
            Assert.That(wrapped.InnerException, Is.SameAs(failure));
            Assert.That(wrapped.Message, Does.Contain("XProblem.ElboVi with K = 4096"));
            Assert.That(wrapped.Message, Does.Contain("32768 GiB"));
            Assert.That(wrapped.Message, Does.Not.Contain("frame #"));

            ExternalException? other = null;
            try { using var bad = torch.zeros(2, 3) - torch.zeros(4); }
            catch (ExternalException e) { other = e; }
            Assert.That(other, Is.Not.Null);
            Assert.That(AllocationFailure.Is(other!), Is.False);
        }

        [Test]
        public void CategoricalIndexOutOfRangeNamesTheNumberOfCategories()
        {
            var d = new Categorical(probs: torch.tensor(new[] { 0.2, 0.8 }));
            var ex = Assert.Throws<ArgumentOutOfRangeException>(() => d.LogProb(torch.tensor(new long[] { 0, 2 })));
            Assert.That(ex!.Message, Does.Contain("0..1"));
            Assert.That(ex.Message, Does.Contain("K = 2"));
        }
    }
}
