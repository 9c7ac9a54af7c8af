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
    }
}
