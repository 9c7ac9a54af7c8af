using System;
using System.Runtime.InteropServices;
using Alan.CompilerServices;
using NUnit.Framework;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>The glibc heap remedies the sample's Dispose relies on (see OwnedTensors).</summary>
    public class NativeHeapTests
    {
        [Test]
        public void FreeHeapBytesIsReadOnGlibcAndTrimHonoursItsBound()
        {
            if (!OperatingSystem.IsLinux() || RuntimeInformation.RuntimeIdentifier.Contains("musl"))
                Assert.Ignore("glibc only");
            long free = NativeHeap.FreeHeapBytes();
            Assert.That(free, Is.GreaterThanOrEqualTo(0), "mallinfo2 is available on glibc 2.33+");
            Assert.That(NativeHeap.TrimIfMostlyFree(long.MaxValue), Is.False, "no heap has that much free");
            Assert.That(NativeHeap.TrimIfMostlyFree(-1), Is.True, "any free figure exceeds -1, so it trims");
        }

        [Test]
        public void DisposingASampleWithALargeGraphKeepsWorking()
        {
            // The Dispose path (collection and trim) must not disturb tensors still in use.
            using var kept = ones(1000, 1000);
            var owned = new OwnedTensors();
            owned.Add(ones(10));
            owned.NoteGraph(OwnedTensors.CollectAboveBytes);
            owned.Dispose();
            owned.Dispose();
            Assert.That(kept.sum().item<float>(), Is.EqualTo(1e6f));
            Assert.Throws<ObjectDisposedException>(() => owned.Add(ones(1)));
        }

        [Test]
        public void TrimIfGrownTrimsOnceThenWaitsForTheHeapToGrow()
        {
            if (!OperatingSystem.IsLinux() || RuntimeInformation.RuntimeIdentifier.Contains("musl"))
                Assert.Ignore("glibc only");
            if (Environment.GetEnvironmentVariable(NativeMemorySetup.OptOutVariable) == "system")
                Assert.Ignore("opted out with ALAN_NATIVE_HEAP=system: freed blocks are unmapped, the heap does not keep them");
            NativeMemorySetup.Initialize();
            Assert.That(NativeHeap.TrimIfMostlyFree(-1), Is.True, "a plain trim sets the reference size");
            Assert.That(NativeHeap.TrimIfGrown(-1), Is.False, "the heap has not grown by a quarter since");
            long heap = NativeHeap.HeapBytes();
            Assert.That(heap, Is.GreaterThan(0));
            // Grow the heap well past a quarter with blocks that stay allocated, free them, and it trims again.
            var blocks = new System.Collections.Generic.List<Tensor>();
            for (long grown = 0; grown < heap / 2 + (64L << 20); grown += 16L << 20) blocks.Add(empty(4L << 20));
            foreach (var b in blocks) b.Dispose();
            Assert.That(NativeHeap.TrimIfGrown(-1), Is.True, "the heap grew by more than a quarter");
        }

        [Test]
        public void TheTestProcessRunsWithTheReusingHeap()
        {
            if (!OperatingSystem.IsLinux() || RuntimeInformation.RuntimeIdentifier.Contains("musl"))
                Assert.Ignore("glibc only");
            if (Environment.GetEnvironmentVariable(NativeMemorySetup.OptOutVariable) == "system")
                Assert.Ignore("opted out with ALAN_NATIVE_HEAP=system");
            NativeMemorySetup.Initialize();
            Assert.That(NativeHeap.ReusesFreedBlocks, Is.True, "mallopt accepted M_MMAP_MAX and M_TRIM_THRESHOLD");
        }
    }
}
