using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Memory
{
    /// <summary>
    /// Autograd function behind <see cref="Chunk.Run"/>: the forward adds the chunk results without keeping a
    /// graph; the backward recomputes one chunk at a time with gradients and accumulates the input gradients.
    /// </summary>
    internal sealed class ChunkCheckpoint : autograd.MultiTensorFunction<ChunkCheckpoint>
    {
        public override string Name => "AlanChunkCheckpoint";

        public override List<Tensor> forward(autograd.AutogradContext ctx, params object[] vars)
        {
            var chunk = (Chunk)vars[0];
            var body = (Func<Tensor[]>)vars[1];
            var inputs = new Tensor[vars.Length - 2];
            for (int i = 0; i < inputs.Length; i++) inputs[i] = (Tensor)vars[i + 2];
            // The generated code's own handles are disposed when the estimator returns; keep detached handles
            // (sharing storage) for the recomputation, and the originals only as identities to substitute.
            var saved = new Tensor[inputs.Length];
            var requiresGrad = new bool[inputs.Length];
            for (int i = 0; i < inputs.Length; i++)
            {
                requiresGrad[i] = inputs[i].requires_grad;
                saved[i] = inputs[i].detach().DetachFromDisposeScope();
            }
            ctx.save_data("chunk", chunk);
            ctx.save_data("body", body);
            ctx.save_data("inputs", inputs);
            ctx.save_data("saved", saved);
            ctx.save_data("requiresGrad", requiresGrad);
            Tensor[] total;
            using (no_grad()) total = chunk.Loop(body);
            return new List<Tensor>(total);
        }

        public override List<Tensor> backward(autograd.AutogradContext ctx, List<Tensor> gradOutputs)
        {
            var chunk = (Chunk)ctx.get_data("chunk");
            var body = (Func<Tensor[]>)ctx.get_data("body");
            var inputs = (Tensor[])ctx.get_data("inputs");
            var saved = (Tensor[])ctx.get_data("saved");
            var requiresGrad = (bool[])ctx.get_data("requiresGrad");

            // Inputs that carry the split plate's dimension are replaced, chunk by chunk, by leaves holding just
            // that chunk (so each chunk's gradient is chunk-sized); the others by one leaf for all chunks.
            var wanted = new List<int>();
            for (int i = 0; i < inputs.Length; i++) if (requiresGrad[i]) wanted.Add(i);
            var cut = new bool[inputs.Length];
            var leaves = new Tensor[inputs.Length];
            for (int i = 0; i < inputs.Length; i++)
            {
                cut[i] = saved[i].dim() > chunk.Dim && saved[i].shape[chunk.Dim] == chunk.Size && chunk.Size > 1;
                leaves[i] = cut[i] ? saved[i] : saved[i].requires_grad_(requiresGrad[i]);
            }

            var sums = new Tensor?[inputs.Length];
            try
            {
                for (long start = 0; start < chunk.Size; start += chunk.ChunkSize)
                {
                    long length = Math.Min(chunk.ChunkSize, chunk.Size - start);
                    chunk.Enter(start, length);
                    using var scope = NewDisposeScope();
                    var current = new Tensor[inputs.Length];
                    for (int i = 0; i < inputs.Length; i++)
                        current[i] = cut[i] ? saved[i].narrow(chunk.Dim, start, length).detach().requires_grad_(requiresGrad[i]) : leaves[i];
                    chunk.SubstituteWith(inputs, current, cut);

                    Tensor[] outs;
                    using (enable_grad()) outs = body();
                    var used = new List<Tensor>();
                    var usedGrads = new List<Tensor>();
                    for (int o = 0; o < outs.Length; o++)
                        if (outs[o].requires_grad && gradOutputs[o] is not null) { used.Add(outs[o]); usedGrads.Add(gradOutputs[o]); }
                    if (used.Count == 0 || wanted.Count == 0) continue;
                    var wantedLeaves = new Tensor[wanted.Count];
                    for (int i = 0; i < wanted.Count; i++) wantedLeaves[i] = current[wanted[i]];
                    var grads = autograd.grad(used, wantedLeaves, usedGrads, allow_unused: true);
                    using (no_grad())
                    {
                        for (int i = 0; i < wanted.Count; i++)
                        {
                            var g = grads[i];
                            if (g is null || g.IsInvalid) continue;
                            int k = wanted[i];
                            if (cut[k])
                            {
                                sums[k] ??= zeros_like(saved[k]).DetachFromDisposeScope();
                                sums[k]!.narrow(chunk.Dim, start, length).add_(g, Scalars.Of(1));
                            }
                            else if (sums[k] is null)
                            {
                                sums[k] = g.clone().DetachFromDisposeScope();
                            }
                            else
                            {
                                sums[k]!.add_(g, Scalars.Of(1));
                            }
                            g.Dispose();
                        }
                    }
                }
            }
            finally
            {
                chunk.Leave();
                chunk.SubstituteWith(null, null, null);
            }
            foreach (var t in saved) t.Dispose();

            var result = new List<Tensor> { null!, null! };
            for (int i = 0; i < inputs.Length; i++)
                result.Add(sums[i] is Tensor g ? g : null!);
            return result;
        }
    }
}
