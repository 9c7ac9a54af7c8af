using System;
using System.Linq;
using Alan.CompilerServices.Timeseries;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// <see cref="ObservedChain"/>: the observations' lags against the series extended by the init written out here,
    /// the forward draws' previous values, and the errors for an init that does not hold the order's values.
    /// Layout of rank 3 here: [particles, regions, time], event dims after.
    /// </summary>
    public class ObservedChainTests
    {
        private const long Time = 2, Rank = 3;

        [Test]
        public void Lags_AreTheSeriesExtendedByTheInit_OldestFirst()
        {
            // Two regions, four elements; an AR(2) init per region, two values oldest first: [K = 1, R = 2, 1, 2].
            var y = tensor(new double[] { 1, 2, 3, 4, 10, 20, 30, 40 }).reshape(1, 2, 4);
            var init = tensor(new double[] { -2, -1, -20, -10 }).reshape(1, 2, 1, 2);
            var lags = ObservedChain.Lags(y, init, 2, Time, Rank, "Y", "Init");
            Assert.That(lags, Has.Length.EqualTo(2));
            Assert.That(lags[0].data<double>().ToArray(), Is.EqualTo(new double[] { -1, 1, 2, 3, -10, 10, 20, 30 }), "prev");
            Assert.That(lags[1].data<double>().ToArray(), Is.EqualTo(new double[] { -2, -1, 1, 2, -20, -10, 10, 20 }), "prev2");
        }

        [Test]
        public void Lags_OfOrderOne_BroadcastALatentInitsParticles()
        {
            var y = tensor(new double[] { 1, 2, 3 }).reshape(1, 1, 3);
            var init = tensor(new double[] { 7, 8 }).reshape(2, 1, 1); // two particles of the init
            var prev = ObservedChain.Lags(y, init, 1, Time, Rank, "Y", "Y0")[0];
            Assert.That(prev.shape, Is.EqualTo(new long[] { 2, 1, 3 }));
            Assert.That(prev.data<double>().ToArray(), Is.EqualTo(new double[] { 7, 1, 2, 8, 1, 2 }));
        }

        [Test]
        public void Unroll_PassesTheValuesBack_AndDrawsEachElementFromThem()
        {
            var init = tensor(new double[] { 0.5, 1.5 }).reshape(1, 1, 1, 2);
            // y_t = prev + 10 * prev2: with the init (0.5, 1.5): 1.5 + 5 = 6.5, 6.5 + 15 = 21.5, 21.5 + 65 = 86.5.
            var drawn = ObservedChain.Unroll(init, 2, Time, Rank, 3, (previous, t) => previous[0] + 10 * previous[1], "Y", "Init");
            Assert.That(drawn.data<double>().ToArray(), Is.EqualTo(new[] { 6.5, 21.5, 86.5 }));
        }

        [Test]
        public void AnInitWithoutTheOrdersValues_IsAnErrorNamingBothAndTheShapes()
        {
            var y = zeros(1, 1, 4, dtype: ScalarType.Float64);
            var ex = Assert.Throws<ArgumentException>(() => ObservedChain.Lags(y, zeros(1, 1, 1, 3, dtype: ScalarType.Float64), 2, Time, Rank, "Y", "Init"))!;
            Assert.That(ex.Message, Does.Contain("'Y'").And.Contain("prev2").And.Contain("'Init'").And.Contain("[2, ...]").And.Contain("[3]"));
            var ex2 = Assert.Throws<ArgumentException>(() => ObservedChain.Lags(zeros(1, 2, 4, dtype: ScalarType.Float64), zeros(1, 3, 1, dtype: ScalarType.Float64), 1, Time, Rank, "Y", "Y0"))!;
            Assert.That(ex2.Message, Does.Contain("'Y0'").And.Contain("'Y'").And.Contain("[1, 3, 1]").And.Contain("[1, 2, 4]"));
        }
    }
}
