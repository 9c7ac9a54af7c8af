using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// Tensors a generated sample hands out (its ELBO estimates and particle views), released when the
    /// sample is disposed. A training loop's <c>using var sample = problem.Sample(K)</c> then frees every
    /// estimate and, with it, the autograd graph it holds, at the end of the iteration rather than whenever
    /// the garbage collector runs. Safe to use from several threads.
    /// </summary>
    public sealed class OwnedTensors : IDisposable
    {
        private readonly object _gate = new object();
        private List<Tensor>? _tensors = new List<Tensor>(2);

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

        /// <summary>Disposes every owned tensor.</summary>
        public void Dispose()
        {
            List<Tensor>? tensors;
            lock (_gate)
            {
                tensors = _tensors;
                _tensors = null;
            }
            if (tensors is null) return;
            foreach (var t in tensors) t.Dispose();
        }
    }
}
