using System;
using System.Collections.Generic;
using System.Globalization;
using Alan.Distributed;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Memory
{
    /// <summary>
    /// A sharded plate (<see cref="ComputationStrategy.Sharded"/>). Its result R_p = sum over elements of a tensor over
    /// the global particle dims (DESIGN 4.3), so the whole data set's R_p is the sum of the ranks' R_p: the forward adds
    /// the ranks' results (one all-reduce of K^(global particle dims) numbers). Every rank then evaluates the root
    /// identically, and the gradient reaching R_p is the same on every rank; the backward takes it through this rank's
    /// plate and adds the ranks' gradients of the tensors the plate shares with the root (global particles and
    /// parameters: one all-reduce of their size), while the gradients of the plate's own (local) tensors stay here.
    /// Neither message grows with the data.
    /// </summary>
    internal sealed class ShardReduction : autograd.MultiTensorFunction<ShardReduction>
    {
        public override string Name => "AlanShardReduction";

        /// <summary>The ranks agree on the global tensors to this relative tolerance (their fingerprints).</summary>
        private const double FingerprintTolerance = 1e-6;

        /// <summary>The plate's results added over the ranks, with the gradients described above.</summary>
        public static Tensor[] Run(Chunk chunk, Func<Tensor[]> body, Tensor[] inputs)
        {
            bool needGrad = is_grad_enabled() && Array.Exists(inputs, t => t.requires_grad);
            if (needGrad)
            {
                var vars = new object[inputs.Length + 2];
                vars[0] = chunk;
                vars[1] = body;
                Array.Copy(inputs, 0, vars, 2, inputs.Length);
                return apply(vars).ToArray();
            }
            Tensor[] outs;
            chunk.Enter(0, chunk.Size);
            try { outs = (Tensor[])body().Clone(); }
            finally { chunk.Leave(); }
            return AddOverRanks(chunk, outs, inputs);
        }

        /// <summary>Whether <paramref name="t"/> is shared with the root (no extent along the plate), not one of the plate's own.</summary>
        private static bool IsGlobal(Chunk chunk, Tensor t) => t.dim() <= chunk.Dim || t.shape[chunk.Dim] == 1;

        public override List<Tensor> forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var chunk = (Chunk)vars[0];
            var body = (Func<Tensor[]>)vars[1];
            var inputs = new Tensor[vars.Length - 2];
            for (int i = 0; i < inputs.Length; i++) inputs[i] = (Tensor)vars[i + 2];
            // The plate's graph is built on leaves standing in for the inputs, and kept for the backward.
            var leaves = new Tensor[inputs.Length];
            for (int i = 0; i < inputs.Length; i++)
                leaves[i] = inputs[i].detach().requires_grad_(inputs[i].requires_grad).DetachFromDisposeScope();
            Tensor[] outs;
            using (var scope = NewDisposeScope())
            {
                chunk.SubstituteWith(inputs, leaves, null);
                chunk.Enter(0, chunk.Size);
                try
                {
                    using (enable_grad()) outs = (Tensor[])body().Clone();
                }
                finally
                {
                    chunk.Leave();
                    chunk.SubstituteWith(null, null, null);
                }
                foreach (var o in outs) o.DetachFromDisposeScope();
            }
            ctx.save_data("chunk", chunk);
            ctx.save_data("leaves", leaves);
            ctx.save_data("outs", outs);
            Tensor[] total;
            using (no_grad()) total = AddOverRanks(chunk, outs, inputs);
            return new List<Tensor>(total);
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, List<Tensor> gradOutputs)
        {
            var chunk = (Chunk)ctx.get_data("chunk");
            var leaves = (Tensor[])ctx.get_data("leaves");
            var outs = (Tensor[])ctx.get_data("outs");
            var result = new List<Tensor> { null!, null! };
            try
            {
                var wanted = new List<int>();
                for (int i = 0; i < leaves.Length; i++) if (leaves[i].requires_grad) wanted.Add(i);
                var used = new List<Tensor>();
                var usedGrads = new List<Tensor>();
                for (int o = 0; o < outs.Length; o++)
                    if (outs[o].requires_grad && o < gradOutputs.Count && gradOutputs[o] is not null) { used.Add(outs[o]); usedGrads.Add(gradOutputs[o]); }
                var grads = new Tensor?[leaves.Length];
                if (used.Count > 0 && wanted.Count > 0)
                {
                    var wantedLeaves = new Tensor[wanted.Count];
                    for (int i = 0; i < wanted.Count; i++) wantedLeaves[i] = leaves[wanted[i]];
                    var g = autograd.grad(used, wantedLeaves, usedGrads, allow_unused: true);
                    for (int i = 0; i < wanted.Count; i++) grads[wanted[i]] = g[i] is { IsInvalid: false } t ? t : null;
                }
                // The shared tensors' gradients are added over the ranks, in one message whose layout every rank knows.
                var shared = new List<int>();
                foreach (int i in wanted) if (IsGlobal(chunk, leaves[i])) shared.Add(i);
                long length = 0;
                foreach (int i in shared) length += leaves[i].numel();
                var buffer = new double[checked((int)length)];
                long at = 0;
                foreach (int i in shared)
                {
                    int n = (int)leaves[i].numel();
                    if (grads[i] is Tensor g) CopyOut(g, buffer.AsSpan((int)at, n));
                    at += n;
                }
                chunk.Communicator!.AllReduce(buffer);
                at = 0;
                foreach (int i in shared)
                {
                    int n = (int)leaves[i].numel();
                    grads[i]?.Dispose();
                    grads[i] = CopyIn(buffer.AsSpan((int)at, n), leaves[i]);
                    at += n;
                }
                for (int i = 0; i < leaves.Length; i++) result.Add(grads[i]!);
            }
            finally
            {
                foreach (var t in outs) t.Dispose();
                foreach (var t in leaves) t.Dispose();
            }
            return result;
        }

        /// <summary>
        /// The ranks' <paramref name="outs"/> added, after checking that every rank sends as many numbers and holds the
        /// same global tensors (same seed, same parameters): a mismatch fails on every rank with the same message.
        /// </summary>
        private static Tensor[] AddOverRanks(Chunk chunk, Tensor[] outs, Tensor[] inputs)
        {
            var communicator = chunk.Communicator!;
            long length = 0;
            foreach (var o in outs) length += o.numel();
            double fingerprint = Fingerprint(chunk, inputs);
            Span<double> header = stackalloc double[] { length, fingerprint, -length, -fingerprint };
            communicator.AllReduce(header, ReduceOperation.Max);
            double maxLength = header[0], maxPrint = header[1], minLength = -header[2], minPrint = -header[3];
            if (maxLength != minLength)
                throw new CommunicatorException(string.Create(CultureInfo.InvariantCulture,
                    $"Sharded plate '{chunk.Plate}': the ranks' plate results hold from {minLength} to {maxLength} numbers (this rank {length}). Every rank must run the same model with the same K."));
            if (Math.Abs(maxPrint - minPrint) > FingerprintTolerance * (1 + Math.Abs(maxPrint)))
                throw new CommunicatorException(string.Create(CultureInfo.InvariantCulture,
                    $"Sharded plate '{chunk.Plate}': the ranks hold different global particles or parameters (fingerprints from {minPrint:G9} to {maxPrint:G9}; this rank {fingerprint:G9}). Every rank must draw from a generator with the same seed and start from the same parameters."));
            var buffer = new double[checked((int)length)];
            long at = 0;
            foreach (var o in outs)
            {
                CopyOut(o, buffer.AsSpan((int)at, (int)o.numel()));
                at += o.numel();
            }
            communicator.AllReduce(buffer);
            var total = new Tensor[outs.Length];
            at = 0;
            for (int i = 0; i < outs.Length; i++)
            {
                int n = (int)outs[i].numel();
                total[i] = CopyIn(buffer.AsSpan((int)at, n), outs[i]);
                at += n;
            }
            return total;
        }

        /// <summary>A weighted sum of the global tensors, in float64: equal on every rank when they hold the same values.</summary>
        private static double Fingerprint(Chunk chunk, Tensor[] inputs)
        {
            double print = 0;
            using var scope = NewDisposeScope();
            using var _ = no_grad();
            for (int i = 0; i < inputs.Length; i++)
                if (IsGlobal(chunk, inputs[i]) && inputs[i].is_floating_point())
                    print += (i + 1) * inputs[i].to_type(ScalarType.Float64).abs().sum().item<double>();
            return print;
        }

        private static void CopyOut(Tensor t, Span<double> into)
        {
            using var cpu = t.detach().to_type(ScalarType.Float64).cpu().contiguous();
            cpu.data<double>().CopyTo(into);
        }

        private static Tensor CopyIn(ReadOnlySpan<double> values, Tensor like)
        {
            using var cpu = tensor(values.ToArray(), like.shape, ScalarType.Float64);
            return cpu.to(like.dtype, like.device);
        }
    }
}
