using Alan.CompilerServices.Memory;
using Alan.CompilerServices.TensorLayout;
using NUnit.Framework;

namespace Alan.Runtime.Tests
{
    /// <summary>The default split of <see cref="MemoryGuard.ChooseChunk"/> for a pass wider than the problem's dtype.</summary>
    public class MemoryGuardTests
    {
        // Layout [padding, K, Outer, Inner]: the largest tensor is K x Outer (7) x Inner (1,000).
        private static readonly PlateLayout Plates = new PlateLayout(4, new[] { "Outer", "Inner" }, new long[] { 2, 3 }, new long[] { 7, 1000 });
        private static readonly TensorExtent[] Largest = { new TensorExtent("factor f in plate Inner", 1, new long[] { 2, 3 }) };

        [Test]
        public void AFloat64PassOfAFloat32ProblemIsSplitToTheTrainingPassBytes()
        {
            // K = 4,000: 4,000 x 7 x 1,000 = 28M elements, 224 MB in float64 and 112 MB in float32, so the
            // float64 pass needs chunks whose largest tensor is at most 112 MB: the fewest are two halves of Inner
            // (Outer halves to 4 of 7, above half, then to 2 of 7: four chunks).
            var chunk = MemoryGuard.ChooseChunk(null, 4000, 8, Largest, Plates, trainingElementBytes: 4);
            Assert.That(chunk, Is.Not.Null);
            Assert.That(chunk!.Plate, Is.EqualTo("Inner"));
            Assert.That(chunk.ChunkSize, Is.EqualTo(500));
        }

        [Test]
        public void TrainingPassesSmallTensorsAndTheCallersStrategyAreLeftAlone()
        {
            Assert.That(MemoryGuard.ChooseChunk(null, 2000, 8, Largest, Plates, trainingElementBytes: 8), Is.Null, "not wider than the problem");
            Assert.That(MemoryGuard.ChooseChunk(null, 2000, 4, Largest, Plates), Is.Null, "the training pass fits");
            // K = 1,000: 56 MB in float64, below WideSplitAbove (64 MiB): not worth the recomputation.
            Assert.That(MemoryGuard.ChooseChunk(null, 1000, 8, Largest, Plates, trainingElementBytes: 4), Is.Null, "below the floor");
            Assert.That(MemoryGuard.ChooseChunk(ComputationStrategy.Full, 2000, 8, Largest, Plates, trainingElementBytes: 4), Is.Null, "Full opts out");
            var split = MemoryGuard.ChooseChunk(ComputationStrategy.Split("Outer", 3), 2000, 8, Largest, Plates, trainingElementBytes: 4);
            Assert.That(split!.Plate, Is.EqualTo("Outer"));
            Assert.That(split.ChunkSize, Is.EqualTo(3), "the caller's split wins");
        }

        [Test, NonParallelizable]
        public void ThePeakCountsEveryTensorTheStepsHold()
        {
            // K = 1,000: the largest tensor is 1,000 x 7 x 1,000 float64 = 56 MB. Held alone, a call's peak is 5 times it
            // (280 MB); when the steps hold ten tensors of that size, 4 + 10 = 14 times it (784 MB). Under a budget that
            // leaves 420 MB the first fits and the second is refused, or split into two halves of Inner (392 MB; halves of
            // Outer would keep 4 of 7 rows, 448 MB).
            var alone = new[] { new TensorExtent("factor f in plate Inner", 1, new long[] { 2, 3 }, new[] { 1 }) };
            var ten = new[] { new TensorExtent("factor f in plate Inner", 1, new long[] { 2, 3 }, new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }) };
            long resident = System.Diagnostics.Process.GetCurrentProcess().WorkingSet64;
            var previous = System.Environment.GetEnvironmentVariable(MemoryGuard.BudgetVariable);
            System.Environment.SetEnvironmentVariable(MemoryGuard.BudgetVariable, (resident + (420L << 20)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            try
            {
                Assert.That(MemoryGuard.Check("ElboVi", "K", 1000, 8, alone, Plates), Is.EqualTo(56e6));
                var refused = Assert.Throws<System.InsufficientMemoryException>(() => MemoryGuard.Check("ElboVi", "K", 1000, 8, ten, Plates));
                Assert.That(refused!.Message, Does.Contain("needs about 0.73 GiB").And.Contain("the 0.52 GiB of every tensor its steps hold"));
                var chunk = MemoryGuard.ChooseChunk(null, 1000, 8, ten, Plates);
                Assert.That(chunk, Is.Not.Null);
                Assert.That((chunk!.Plate, chunk.ChunkSize), Is.EqualTo(("Inner", 500L)));
            }
            finally
            {
                System.Environment.SetEnvironmentVariable(MemoryGuard.BudgetVariable, previous);
            }
        }
    }
}
