using System.ComponentModel;
using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Memory
{
    /// <summary>
    /// Tensors a generated sample hands out (its ELBO estimates and particle views), released when the
    /// sample is disposed. A training loop's <c>using var sample = problem.Sample(K)</c> then frees every
    /// estimate and, with it, the autograd graph it holds, at the end of the iteration rather than whenever
    /// the garbage collector runs. Safe to use from several threads.
    /// </summary>
    /// <remarks>
    /// What the user derives from an estimate (the <c>-elbo</c> of <c>(-elbo).backward()</c>) is not the sample's
    /// to release, and keeps the graph's nodes alive until the garbage collector finalizes it; so do the small native
    /// objects of passes without a graph (TorchSharp's scalars, autograd's source-term results). They are small, but
    /// scattered among the freed multi-megabyte temporaries of the iteration they keep the native heap from reusing
    /// them, and resident memory grows (measured: radon at K = 10, 0.4 GB to 2.4 GB in 150
    /// iterations; occupancy's QEM at K = 10, 0.57 GB to 0.80 GB in 100; with the collection flat at 0.72 GB to 2,000).
    /// So when the application runs with <see cref="NativeHeapPolicy"/>'s reusing heap, Dispose
    /// <list type="number">
    /// <item>after an estimate whose largest tensor is at least <see cref="CollectAboveBytes"/>, runs a generation-1
    /// collection (not generation 0: the user's <c>-elbo</c> of this iteration is often
    /// still reachable at Dispose, from a local or, in a Debug build, from a stack slot, so it survives one
    /// collection and is promoted; a generation-0 collection would then never reach it, and with it the graphs of
    /// every iteration pile up in generation 1 until that generation's budget runs out, which depends on the
    /// machine: the test passed on one machine and failed on another). Both generations are small in a training
    /// loop, so this costs well under a millisecond; the finalizers release last iteration's graph;</item>
    /// <item>and, where glibc reports more than <see cref="TrimAboveFreeBytes"/> bytes free inside malloc's
    /// heaps and the heap has grown since it last did so (holes the next iteration's tensors did not fit), returns
    /// those pages to the OS. A settled heap is left alone: its freed memory serves the next iteration without
    /// page faults.</item>
    /// </list>
    /// Without that policy Dispose only disposes the owned tensors: a library must not force collections on the
    /// process that hosts it, and the graph then goes when the garbage collector next runs.
    /// </remarks>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public sealed class OwnedTensors : IDisposable
    {
        private readonly object _gate = new object();
        private List<Tensor>? _tensors = new List<Tensor>(2);
        private double _estimateBytes;

        /// <summary>Under the reusing heap, an estimate whose largest tensor has at least this many bytes triggers a generation-1 collection on Dispose.</summary>
        public const double CollectAboveBytes = 4 << 20;

        /// <summary>
        /// Free heap bytes above which Dispose returns free pages to the OS: well above what one iteration's
        /// temporaries reuse (trimming below that would only add page faults), far below the growth it prevents.
        /// </summary>
        public const long TrimAboveFreeBytes = 256L << 20;

        /// <summary>Records that an estimate (with an autograd graph or not) was built whose largest tensor has <paramref name="bytes"/> bytes.</summary>
        public void NoteEstimate(double bytes)
        {
            lock (_gate) if (bytes > _estimateBytes) _estimateBytes = bytes;
        }

        /// <summary>Takes ownership of <paramref name="t"/> (detaching it from any dispose scope) and returns it.</summary>
        public Tensor Add(Tensor t)
        {
            lock (_gate)
            {
                if (_tensors is null) throw new ObjectDisposedException("sample", "The sample has been disposed.");
                t.DetachFromDisposeScope();
                _tensors.Add(t);
            }
            return t;
        }

        /// <summary>
        /// Disposes every owned tensor; under <see cref="NativeHeapPolicy"/>'s reusing heap also collects and trims
        /// (see the remarks).
        /// </summary>
        public void Dispose() => Dispose(NativeHeapPolicy.IsReusingHeap);

        /// <summary><see cref="Dispose()"/> as it runs with the reusing heap on or off (tests run both in one process).</summary>
        internal void Dispose(bool reusingHeap)
        {
            List<Tensor>? tensors;
            lock (_gate)
            {
                tensors = _tensors;
                _tensors = null;
            }
            if (tensors is null) return;
            foreach (var t in tensors) t.Dispose();
            if (!reusingHeap) return;
            if (_estimateBytes >= CollectAboveBytes) GC.Collect(1, GCCollectionMode.Forced, blocking: true);
            // malloc keeps every freed block under this policy, so every sample checks for growth, not only a large one.
            if (NativeHeap.ReusesFreedBlocks)
                NativeHeap.TrimIfGrown(Math.Max(TrimAboveFreeBytes, 8 * (long)_estimateBytes));
        }
    }
}
