using System;
using System.Collections.Generic;
using System.Linq;
using Alan.CompilerServices.Semiring;
using TorchSharp;
using static TorchSharp.torch;
using Alan.Distributions.Authoring;

namespace Alan
{
    /// <summary>
    /// A finite mixture: log p(x) = logsumexp_k (log_softmax(logits)_k + log p_k(x)). <see cref="Logits"/> are
    /// unnormalised log weights whose last dim is the component count; their other dims broadcast with the components'
    /// batch dims (one set of weights per batch element, or one for all). Every component has the same event rank and
    /// support, which are the mixture's. Not reparameterised: a draw picks a component per element from the weights, then
    /// takes that component's draw.
    /// </summary>
    [Distribution(Support.Real, Reparameterised = false, EventRank = 0, FromComponents = true)]
    public sealed class Mixture : Distribution
    {
        private static readonly long[] LastDim = { -1 };

        /// <summary>Creates the mixture of <paramref name="components"/> with weights softmax(<paramref name="logits"/>) over its last dim.</summary>
        public Mixture(Tensor logits, params Distribution[] components)
        {
            if (logits is null) throw new ArgumentNullException(nameof(logits));
            if (components is null) throw new ArgumentNullException(nameof(components));
            if (components.Length == 0) throw new ArgumentException("Mixture: give at least one component.", nameof(components));
            for (int i = 0; i < components.Length; i++)
                if (components[i] is null) throw new ArgumentNullException(nameof(components), $"Mixture: component {i} is null.");
            if (logits.dim() < 1 || logits.shape[^1] != components.Length)
                throw new ArgumentException(
                    $"Mixture: the last dimension of logits is the component count, {components.Length}; got logits of shape [{string.Join(", ", logits.shape)}].",
                    nameof(logits));
            var first = components[0];
            for (int i = 0; i < components.Length; i++)
            {
                var c = components[i];
                if (c.IsImproper)
                    throw new ArgumentException($"Mixture: component {i} ({c.Name}) is improper; every component must be a proper distribution.", nameof(components));
                if (c.EventRank != first.EventRank)
                    throw new ArgumentException(
                        $"Mixture: every component must have the same event rank; component 0 ({first.Name}) has {first.EventRank}, component {i} ({c.Name}) has {c.EventRank}.",
                        nameof(components));
                if (c.Support != first.Support)
                    throw new ArgumentException(
                        $"Mixture: every component must have the same support; component 0 ({first.Name}) has {first.Support}, component {i} ({c.Name}) has {c.Support}.",
                        nameof(components));
            }
            Logits = logits;
            _components = components.ToArray();
        }

        /// <summary>The unnormalised log weights, component count last.</summary>
        public Tensor Logits { get; }

        /// <summary>The components, in the order of the logits' last dim.</summary>
        public IReadOnlyList<Distribution> Components => _components;

        private readonly Distribution[] _components;

        public override int EventRank => _components[0].EventRank;
        public override bool IsReparameterised => false;
        internal override Support Support => _components[0].Support;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(Logits);

        /// <summary>log_softmax(logits), the component dim last and the others aligned to the layout like a Categorical's.</summary>
        private Tensor LogWeights(int batchRank, ScalarType dtype) =>
            ShapeUtil.PrefixBatch(Align(Logits, 0, dtype), batchRank, 1).log_softmax(-1);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            // Per component, log p_k(x) per element (event rank 0) or per event (event rank 1), then stacked on a last dim.
            var perComponent = torch.broadcast_tensors(_components.Select(c => c.ElementLogProb(value, batchRank, dtype)).ToArray());
            var stacked = torch.stack(perComponent, -1);
            var logWeights = LogWeights(batchRank, dtype);
            int extraRank = Math.Max((int)stacked.dim(), (int)logWeights.dim()) - 1 - batchRank;
            var joint = WithExtraRank(stacked, batchRank, extraRank, 1).add(WithExtraRank(logWeights, batchRank, extraRank, 1), Scalars.Of(1));
            // Max-shifted: an element every component gives -inf (outside the support) is -inf, not NaN.
            return LogSpace.LogSumExp(joint, LastDim).squeeze(-1);
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            int eventRank = EventRank, batchRank = batchShape.Length;
            var logWeights = LogWeights(batchRank, dtype);
            // The layout's dims the draw covers: the requested ones broadcast with the weights'; each component drawn over them.
            var lead = ShapeUtil.DrawShape(batchShape, ShapeUtil.DropLast(logWeights.shape, 1))[..batchRank];
            var draws = _components.Select(c => c.Draw(lead, dtype, false)).ToArray();
            // Beyond the layout, the weights' and the components' further batch dims (right-aligned among themselves).
            int extraRank = draws.Select(d => (int)d.dim() - eventRank).Append((int)logWeights.dim() - 1).Max() - batchRank;
            for (int k = 0; k < draws.Length; k++) draws[k] = WithExtraRank(draws[k], batchRank, extraRank, eventRank);
            logWeights = WithExtraRank(logWeights, batchRank, extraRank, 1);
            var target = ShapeUtil.Broadcast(draws.Select(d => ShapeUtil.DropLast(d.shape, eventRank))
                .Append(ShapeUtil.DropLast(logWeights.shape, 1)).ToArray());
            for (int k = 0; k < draws.Length; k++)
                draws[k] = IndependentOver(_components[k], draws[k], lead, target, batchRank, eventRank, dtype);
            var events = draws.Select(d => d.shape[target.Length..]).ToArray();
            for (int k = 1; k < events.Length; k++)
                if (!events[k].SequenceEqual(events[0]))
                    throw new InvalidOperationException(
                        $"Mixture: the components' events differ in shape: component 0 draws [{string.Join(", ", events[0])}], component {k} [{string.Join(", ", events[k])}].");
            var index = GumbelMax.Draw(logWeights.expand(ShapeUtil.Append(target, _components.Length)), RandomUtil.CurrentGenerator);
            // Stack the components before the event dims, and take each element's (or event's) chosen one.
            var stacked = torch.stack(draws, target.Length);
            var chosen = index.view(ShapeUtil.Append(target, Enumerable.Repeat(1L, 1 + eventRank).ToArray()))
                .expand(ShapeUtil.Append(ShapeUtil.Append(target, 1), events[0]));
            return stacked.gather(target.Length, chosen).squeeze(target.Length);
        }

        /// <summary>
        /// <paramref name="t"/>, shaped [layout dims (batchRank)..., further batch dims..., trailing...], with ones inserted
        /// after the layout dims so that it has <paramref name="extraRank"/> further batch dims.
        /// </summary>
        private static Tensor WithExtraRank(Tensor t, int batchRank, int extraRank, int trailing)
        {
            var shape = t.shape;
            int missing = batchRank + extraRank + trailing - shape.Length;
            if (missing <= 0) return t;
            var padded = shape[..batchRank].Concat(Enumerable.Repeat(1L, missing)).Concat(shape[batchRank..]).ToArray();
            return t.view(padded);
        }

        /// <summary>
        /// A component's draw made independent over every batch dim of <paramref name="target"/> it lacks (the weights
        /// vary there, the component's parameters do not): as many further draws as the missing dims hold, moved into them.
        /// </summary>
        private static Tensor IndependentOver(Distribution component, Tensor draw, long[] lead, long[] target, int batchRank, int eventRank, ScalarType dtype)
        {
            var padded = ShapeUtil.DropLast(draw.shape, eventRank);
            var missing = Enumerable.Range(0, target.Length).Where(i => padded[i] == 1 && target[i] != 1).ToArray();
            var events = draw.shape[padded.Length..];
            if (missing.Length == 0) return draw.expand(ShapeUtil.Append(target, events));
            long copies = missing.Aggregate(1L, (p, i) => p * target[i]);
            var more = new Tensor[copies];
            more[0] = draw;
            for (long r = 1; r < copies; r++) more[r] = WithExtraRank(component.Draw(lead, dtype, false), batchRank, padded.Length - batchRank, eventRank);
            // [copies, padded..., event...] -> [target sizes at the missing dims..., the other dims..., event...]
            var kept = Enumerable.Range(0, target.Length).Where(i => !missing.Contains(i)).ToArray();
            var grouped = torch.stack(more, 0).reshape(padded.Prepend(copies).Concat(events).ToArray())
                .reshape(missing.Select(i => target[i]).Concat(kept.Select(i => padded[i])).Concat(events).ToArray());
            // Back into the target's order: dim i of the target is the missing dims' group or the kept dims' one.
            var order = Enumerable.Range(0, target.Length)
                .Select(i => (long)(Array.IndexOf(missing, i) >= 0 ? Array.IndexOf(missing, i) : missing.Length + Array.IndexOf(kept, i)))
                .Concat(Enumerable.Range(target.Length, eventRank).Select(i => (long)i))
                .ToArray();
            return grouped.permute(order).expand(ShapeUtil.Append(target, events));
        }
    }
}
