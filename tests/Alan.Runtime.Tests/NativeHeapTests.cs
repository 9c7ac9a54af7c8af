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
            owned.NoteEstimate(OwnedTensors.CollectAboveBytes);
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
            // Hold blocks until malloc holds well over a quarter more from the OS (arenas and mapped blocks count
            // alike, so this does not depend on which arena serves the test thread), then it trims again.
            var blocks = new System.Collections.Generic.List<Tensor>();
            try
            {
                while (NativeHeap.HeapBytes() < heap + heap / 2 && blocks.Count < 256) blocks.Add(ones(4L << 20));
                Assert.That(NativeHeap.HeapBytes(), Is.GreaterThan(heap + heap / 4), "the held blocks grew the heap");
                Assert.That(NativeHeap.TrimIfGrown(-1), Is.True, "the heap grew by more than a quarter");
                Assert.That(NativeHeap.TrimIfGrown(-1), Is.False, "and not since");
            }
            finally
            {
                foreach (var b in blocks) b.Dispose();
            }
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
