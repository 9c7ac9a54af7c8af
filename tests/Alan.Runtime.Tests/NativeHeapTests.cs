using System;
using System.Linq;
using System.Runtime.InteropServices;
using Alan.CompilerServices.Memory;
using Alan.Runtime.Tests.Models;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Runtime.Tests
{
    /// <summary>
    /// The native heap policy and the glibc heap remedies a sample's Dispose relies on (see OwnedTensors). This test
    /// program is an executable that declares a problem (HeapModel.cs), so its build's policy is reuse: the generated
    /// module initializer turns the reusing heap on before any test runs. No test here turns it on itself.
    /// </summary>
    public class NativeHeapTests
    {
        private static bool Glibc => OperatingSystem.IsLinux() && !RuntimeInformation.RuntimeIdentifier.Contains("musl");

        private static bool OptedOut =>
            string.Equals(Environment.GetEnvironmentVariable(NativeMemorySetup.OptOutVariable), "system", StringComparison.OrdinalIgnoreCase);

        [Test]
        public void FreeHeapBytesIsReadOnGlibcAndTrimHonoursItsBound()
        {
            if (!Glibc) Assert.Ignore("glibc only");
            long free = NativeHeap.FreeHeapBytes();
            Assert.That(free, Is.GreaterThanOrEqualTo(0), "mallinfo2 is available on glibc 2.33+");
            Assert.That(NativeHeap.TrimIfMostlyFree(long.MaxValue), Is.False, "no heap has that much free");
            Assert.That(NativeHeap.TrimIfMostlyFree(-1), Is.True, "any free figure exceeds -1, so it trims");
        }

        [Test]
        public void TheTestProcessRunsWithTheReusingHeap()
        {
            if (OptedOut) Assert.Ignore("opted out with ALAN_NATIVE_HEAP=system");
            // The generated module initializer of this assembly called NativeMemorySetup.Initialize as the assembly
            // loaded (no test calls it), and that turned the policy on.
            Assert.That(NativeMemorySetup.InitializedFrom, Does.Contain(typeof(NativeHeapTests).Assembly.GetName().Name),
                "this test program's generated module initializer ran (is the build's AlanNativeHeap policy reuse?)");
            Assert.That(NativeHeapPolicy.IsReusingHeap, Is.True);
            if (Glibc) Assert.That(NativeHeap.ReusesFreedBlocks, Is.True, "mallopt accepted M_MMAP_THRESHOLD and M_TRIM_THRESHOLD");
        }

        [Test]
        public void DisposingASampleWithALargeGraphKeepsWorking()
        {
            if (OptedOut) Assert.Ignore("opted out with ALAN_NATIVE_HEAP=system: Dispose collects nothing");
            Assert.That(NativeHeapPolicy.IsReusingHeap, Is.True, "the policy this test program runs with");
            // The observation factor of the ELBO holds K x Points float32 values: 32 x 65,536 x 4 bytes = 8 MiB, twice
            // the size from which Dispose collects (OwnedTensors.CollectAboveBytes).
            const int k = 32, points = 65_536;
            Assert.That((double)k * points * sizeof(float), Is.GreaterThanOrEqualTo(2 * OwnedTensors.CollectAboveBytes));
            torch.manual_seed(5);
            using var y = torch.randn(points) + 1.0;
            using var problem = new HeapProblem(new HeapProblem.PlateSizes(Points: points), new HeapProblem.Observations(Y: y));
            var optimizer = torch.optim.Adam(problem.parameters(), lr: 0.05);
            using var held = ones(1000, 1000); // the user's own tensor, nothing to do with the sample

            var sample = problem.Sample(K: k);
            var elbo = sample.ElboVi();
            Assert.That(elbo.requires_grad, Is.True, "the estimate is the root of an autograd graph");
            using var loss = -elbo; // the user's, not the sample's
            loss.backward();
            float lossValue = loss.item<float>();
            int collections = GC.CollectionCount(1);
            sample.Dispose();

            // The sample released its estimate, and with the reusing heap collected (generation 1) so the graph's
            // native nodes, held until the user's loss is finalized, do not wait for the next collection.
            Assert.That(elbo.IsInvalid, Is.True, "Dispose released the sample's estimate");
            Assert.That(GC.CollectionCount(1), Is.GreaterThan(collections), "Dispose ran a generation-1 collection");
            // What is still in use keeps working: the user's tensors, the gradients, the optimizer step, the next sample.
            Assert.That(loss.item<float>(), Is.EqualTo(lossValue));
            Assert.That(float.IsFinite(lossValue), Is.True);
            var parameters = problem.parameters().ToList();
            Assert.That(parameters, Is.Not.Empty);
            foreach (var p in parameters)
                Assert.That(p.grad is not null && p.grad.isfinite().all().item<bool>(), Is.True, "the gradient survived Dispose");
            optimizer.step();
            sample.Dispose();
            Assert.Throws<ObjectDisposedException>(() => sample.ElboVi(), "a disposed sample hands out nothing");
            using (var next = problem.Sample(K: k))
            {
                var again = next.ElboVi();
                Assert.That(float.IsFinite(again.item<float>()), Is.True);
                (-again).backward();
            }
            Assert.That(held.sum().item<float>(), Is.EqualTo(1e6f));
        }

        [Test]
        public void WithoutTheReusingHeapDisposeForcesNoCollection()
        {
            // The same large estimate; Dispose as it runs in a process that did not turn the policy on (a library's host).
            using var kept = ones(1000, 1000);
            var owned = new OwnedTensors();
            var t = owned.Add(ones(10));
            owned.NoteEstimate(4 * OwnedTensors.CollectAboveBytes);
            int collections = GC.CollectionCount(1);
            owned.Dispose(reusingHeap: false);
            Assert.That(GC.CollectionCount(1), Is.EqualTo(collections), "no collection without the reusing heap");
            Assert.That(t.IsInvalid, Is.True, "the owned tensors are released all the same");
            Assert.That(kept.sum().item<float>(), Is.EqualTo(1e6f));
            Assert.Throws<ObjectDisposedException>(() => owned.Add(ones(1)));

            var withPolicy = new OwnedTensors();
            withPolicy.Add(ones(10));
            withPolicy.NoteEstimate(4 * OwnedTensors.CollectAboveBytes);
            collections = GC.CollectionCount(1);
            withPolicy.Dispose(reusingHeap: true);
            Assert.That(GC.CollectionCount(1), Is.GreaterThan(collections), "with it, a large estimate's Dispose collects");
        }

        [TestCase("system", true)]
        [TestCase(" System ", true)]
        [TestCase("reuse", false)]
        [TestCase("", false)]
        public void TheEnvironmentVariableOptsOut(string value, bool optedOut)
        {
            var saved = Environment.GetEnvironmentVariable(NativeMemorySetup.OptOutVariable);
            try
            {
                Environment.SetEnvironmentVariable(NativeMemorySetup.OptOutVariable, value);
                Assert.That(NativeHeapPolicy.IsOptedOut(), Is.EqualTo(optedOut));
            }
            finally
            {
                Environment.SetEnvironmentVariable(NativeMemorySetup.OptOutVariable, saved);
            }
        }

        [Test]
        public void TrimIfGrownTrimsOnceThenWaitsForTheHeapToGrow()
        {
            if (!Glibc) Assert.Ignore("glibc only");
            if (OptedOut) Assert.Ignore("opted out with ALAN_NATIVE_HEAP=system: freed blocks are unmapped, the heap does not keep them");
            Assert.That(NativeHeap.ReusesFreedBlocks, Is.True, "the generated module initializer configured malloc");
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
    }
}
