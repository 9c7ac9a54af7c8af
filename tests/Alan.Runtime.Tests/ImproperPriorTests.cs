using System;
using NUnit.Framework;
using TorchSharp;
using static Alan.Runtime.Tests.TestUtil;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>Flat and HalfFlat: log-density 0 on the support (-inf outside for HalfFlat), event shapes, and no sampling.</summary>
    public class ImproperPriorTests
    {
        [Test]
        public void FlatIsZeroEverywhereIncludingLargeValues()
        {
            var x = D(-1e300, -2.5, 0.0, 7.0, 1e300);
            AssertClose(new Flat().LogProb(x), new[] { 0.0, 0, 0, 0, 0 });
        }

        [Test]
        public void HalfFlatIsZeroOnThePositiveRealsAndMinusInfinityElsewhere()
        {
            var x = D(-3.0, 0.0, 1e-300, 2.0);
            AssertClose(new HalfFlat().LogProb(x), new[] { double.NegativeInfinity, double.NegativeInfinity, 0.0, 0.0 });
        }

        [Test]
        public void EventShapeMakesOneDensityPerEvent()
        {
            var x = D(new long[] { 2, 3 }, 1.0, 2.0, 3.0, 4.0, -5.0, 6.0);
            var flat = new Flat(3).LogProb(x);
            AssertShape(flat, 2);
            AssertClose(flat, new[] { 0.0, 0.0 });
            // The second event has a negative element: the whole event is outside the support.
            AssertClose(new HalfFlat(3).LogProb(x), new[] { 0.0, double.NegativeInfinity });
            Assert.That(new Flat(3).EventRank, Is.EqualTo(1));
            Assert.That(new Flat(2, 3).EventRank, Is.EqualTo(2));
        }

        [Test]
        public void LayoutLogProbSumsOverEventsAndKeepsTheBatch()
        {
            // Batch rank 1: [2] batch elements, each a vector of 3 (HalfFlat(3)).
            var x = D(new long[] { 2, 3 }, 1.0, 2.0, 3.0, 4.0, 5.0, 0.0);
            var lp = new HalfFlat(3).LogProb(x, 1, ScalarType.Float64);
            AssertShape(lp, 2);
            AssertClose(lp, new[] { 0.0, double.NegativeInfinity });
            Assert.That(lp.dtype, Is.EqualTo(ScalarType.Float64));
        }

        [Test]
        public void AValueWithoutTheEventShapeIsRejectedNamingBoth()
        {
            var e = Assert.Throws<ArgumentException>(() => new Flat(3).LogProb(D(1.0, 2.0)));
            Assert.That(e!.Message, Does.Contain("Flat").And.Contain("[3]").And.Contain("[2]"));
        }

        [Test]
        public void NonPositiveEventSizesAreRejected()
        {
            var e = Assert.Throws<ArgumentOutOfRangeException>(() => new HalfFlat(2, 0));
            Assert.That(e!.Message, Does.Contain("HalfFlat").And.Contain("eventShape[1]").And.Contain("got 0"));
        }

        [Test]
        public void SamplingAnImproperDensityThrowsSayingWhy()
        {
            var e = Assert.Throws<InvalidOperationException>(() => new Flat().Sample(new long[] { 3 }, ScalarType.Float64, false));
            Assert.That(e!.Message, Does.Contain("Flat is improper").And.Contain("cannot be sampled"));
            var h = Assert.Throws<InvalidOperationException>(() => new HalfFlat(2).Sample());
            Assert.That(h!.Message, Does.Contain("HalfFlat is improper"));
        }
    }
}
