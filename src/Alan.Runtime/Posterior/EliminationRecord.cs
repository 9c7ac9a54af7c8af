using System;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// The inputs of every contraction step of one forward pass of the estimator, kept so the steps can
    /// be walked in reverse for exact backward sampling (DESIGN 4.7).
    /// </summary>
    public sealed class EliminationRecord
    {
        private readonly Tensor?[] _a;
        private readonly Tensor?[] _b;

        /// <summary>Room for <paramref name="steps"/> recorded steps.</summary>
        public EliminationRecord(int steps)
        {
            _a = new Tensor?[steps];
            _b = new Tensor?[steps];
        }

        /// <summary>Number of recorded steps.</summary>
        public int Count => _a.Length;

        /// <summary>Records step <paramref name="step"/>'s factor(s), detached and moved out of the estimator's dispose scope.</summary>
        public void Set(int step, Tensor a, Tensor? b = null)
        {
            _a[step] = a.detach().MoveToOuterDisposeScope();
            _b[step] = b?.detach().MoveToOuterDisposeScope();
        }

        /// <summary>The joint log-weight of a step: a (+ b), over the union of their dims.</summary>
        public Tensor Joint(int step)
        {
            var a = _a[step] ?? throw new InvalidOperationException($"Elimination step {step} was not recorded.");
            return _b[step] is Tensor b ? a + b : a;
        }
    }
}
