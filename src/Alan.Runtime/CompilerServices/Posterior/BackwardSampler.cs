using System.ComponentModel;
using System;
using System.Collections.Generic;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Posterior
{
    /// <summary>
    /// Exact draws from the MP posterior over particle indices by backward sampling (DESIGN 4.7): walk the
    /// recorded contraction steps in reverse; at each step, draw the dims it eliminated from their
    /// conditional given the indices already drawn (a categorical over the flattened dims), independently
    /// for every draw n and every plate element. One index per (n, plate element): O(N), not O(N^2).
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class BackwardSampler
    {
        /// <summary>
        /// Returns, per layout dim, the drawn particle indices (null for dims that are not particle dims):
        /// Long tensors shaped <c>[N, layout...]</c> with the plate sizes of the group's path and ones elsewhere.
        /// <paramref name="plates"/> is the problem's layout (its rank, and its plates for messages);
        /// <paramref name="dimNames"/> (optional) gives a display name per particle dim ("latent 'Mu'")
        /// for the message when the log-weights are NaN. <paramref name="steps"/> are the recorded steps in forward
        /// order, each with the layout dims it eliminates; their joints are looked up in <paramref name="record"/> by name.
        /// Every index is drawn from <paramref name="generator"/> (null: torch's default generator).
        /// </summary>
        public static Tensor?[] Draw(int n, RecordingContraction record, (string Step, long[] Eliminated)[] steps, PlateLayout plates, string[]? dimNames,
            Generator? generator)
        {
            int layoutRank = plates.Rank;
            if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, "The number of importance samples N must be at least 1.");
            var idx = new Tensor?[layoutRank];
            using var sharded = record.Shard is { } shard ? new ShardedIndexGenerators(shard, generator) : null;
            for (int s = steps.Length - 1; s >= 0; s--)
            {
                var joint = record.Joint(steps[s].Step);
                var stepGenerator = sharded is null ? generator : sharded.For(joint);
                if (record.ChainOf(steps[s].Step) is ChainDims chain)
                {
                    // A timeseries plate: its chains' states at every element, by forward-filter backward-sample.
                    if (!ChainSampler.Draw(n, joint, chain, idx, stepGenerator)) throw NaNWeights(record, steps, plates, dimNames);
                    continue;
                }
                var shape = new long[layoutRank + 1];
                shape[0] = n;
                for (int d = 0; d < layoutRank; d++) shape[d + 1] = joint.shape[d];
                var l = joint.unsqueeze(0);
                bool perDraw = false;
                for (int d = 0; d < layoutRank; d++)
                {
                    if (idx[d] is not Tensor index || l.shape[d + 1] == 1) continue;
                    if (!perDraw) { l = l.expand(shape); perDraw = true; }
                    var target = (long[])l.shape.Clone();
                    target[d + 1] = 1;
                    l = l.gather(d + 1, index.expand(target));
                }
                // When nothing was conditioned on, every draw shares one conditional: draw all N at once.
                switch (DrawEliminated(l, steps[s].Eliminated, idx, perDraw ? 0 : n, stepGenerator))
                {
                    case Conditional.NaN: throw NaNWeights(record, steps, plates, dimNames);
                    case Conditional.NoFiniteWeight: throw NoFiniteWeights(record, steps, s, dimNames);
                }
            }
            return idx;
        }

        /// <summary>
        /// Names where NaN log-weights first appear: the first recorded step (in forward order) whose joint
        /// log-weight has a NaN, the particle dims it eliminates and the plate element of the first NaN.
        /// </summary>
        private static InvalidOperationException NaNWeights(RecordingContraction record, (string Step, long[] Eliminated)[] steps, PlateLayout plates, string[]? dimNames)
        {
            string Name(long d) => DimName(dimNames, d);
            string where = "";
            for (int s = 0; s < steps.Length; s++)
            {
                var joint = record.Joint(steps[s].Step);
                var nan = joint.isnan();
                if (!nan.any().item<bool>()) continue;
                long flat = nan.reshape(-1).to_type(ScalarType.Int8).argmax().item<long>();
                var shape = joint.shape;
                var index = new long[shape.Length];
                for (int i = shape.Length - 1; i >= 0; i--) { index[i] = flat % shape[i]; flat /= shape[i]; }
                var eliminatedNames = new List<string>();
                foreach (var d in steps[s].Eliminated) eliminatedNames.Add(Name(d));
                var elements = new List<string>();
                for (int p = 0; p < plates.Count; p++)
                {
                    long d = plates.Dims[p];
                    if (d < shape.Length && shape[d] > 1) elements.Add($"{plates.Names[p]} = {index[d]}");
                }
                where = $" They first appear in the factors combined when summing out {string.Join(" and ", eliminatedNames)}"
                    + (elements.Count > 0 ? $", at plate element {string.Join(", ", elements)}" : "") + ".";
                break;
            }
            return new InvalidOperationException(
                "ImportanceSample met NaN log-weights, so the posterior over particles is undefined." + where +
                " Likely causes: a NaN parameter (e.g. after a diverged optimisation: ElboNoGrad() is then NaN too), or a log-density" +
                " evaluated with invalid arguments (e.g. a non-positive scale or a probability outside [0, 1] computed from a latent or a parameter).");
        }

        /// <summary>
        /// Marginals' error for weights that are not finite, naming the particle dims summed out by the first recorded step
        /// (in forward order) where some plate element has no finite log-weight (else those of step <paramref name="failed"/>).
        /// </summary>
        private static InvalidOperationException NoFiniteWeights(RecordingContraction record, (string Step, long[] Eliminated)[] steps, int failed, string[]? dimNames)
        {
            int first = failed;
            for (int s = 0; s < failed; s++)
            {
                var joint = record.Joint(steps[s].Step);
                if (steps[s].Eliminated.Length == 0) continue;
                if (joint.amax(steps[s].Eliminated).isfinite().logical_not().any().item<bool>()) { first = s; break; }
            }
            var names = new List<string>();
            foreach (var d in steps[first].Eliminated) names.Add(DimName(dimNames, d));
            return PosteriorWeights.NotFinite(string.Join(" and ", names));
        }

        private static string DimName(string[]? dimNames, long d) =>
            dimNames is not null && d < dimNames.Length && dimNames[d].Length > 0 ? dimNames[d] : $"layout dim {d}";

        private static readonly long[] LastDim = { 1 };
        private static readonly long[] FlatDim = { -1 };

        /// <summary>Whether a conditional could be drawn from.</summary>
        internal enum Conditional
        {
            /// <summary>Drawn.</summary>
            Drawn,
            /// <summary>A log-weight is NaN.</summary>
            NaN,
            /// <summary>A row has no finite largest log-weight (all -inf, or +inf): no weights to normalise.</summary>
            NoFiniteWeight,
        }

        // shared: 0 when l already has one row per draw; otherwise the number of draws sharing its single row.
        // Draws nothing unless the conditional is Drawn.
        internal static Conditional DrawEliminated(Tensor l, long[] dims, Tensor?[] idx, int shared, Generator? generator)
        {
            int rank = (int)l.dim();
            var isEliminated = new bool[rank];
            foreach (var d in dims) isEliminated[d + 1] = true;
            var perm = new List<long>();
            for (int i = 0; i < rank; i++) if (!isEliminated[i]) perm.Add(i);
            int kept = perm.Count;
            long flat = 1;
            foreach (var d in dims) { perm.Add(d + 1); flat *= l.shape[d + 1]; }

            var permuted = l.permute(perm.ToArray());
            var keptShape = new long[kept + 1];
            for (int i = 0; i < kept; i++) keptShape[i] = permuted.shape[i];
            keptShape[kept] = flat;
            var logits = permuted.reshape(keptShape);
            if (logits.isnan().any().item<bool>()) return Conditional.NaN;
            // Every row needs a finite largest log-weight: the Gumbel-max argmax of an all -inf row would be an arbitrary
            // index, and its exp(l - max l) no distribution at all.
            if (logits.amax(FlatDim).isfinite().logical_not().any().item<bool>()) return Conditional.NoFiniteWeight;

            Tensor choice;
            if (shared == 0)
                choice = GumbelMax.Draw(logits, generator);
            else
            {
                // logits: [1, rest..., flat]; draw `shared` indices per row of `rest` with one multinomial call, from
                // the weights exp(l - max l) (the log-sum-exp's shift: the largest weight is 1, none overflows).
                var rows = logits.reshape(-1, flat);
                var probs = LogSpace.ExpInPlace(rows - LogSpace.SafeMax(rows, LastDim));
                var drawn = multinomial(probs, shared, replacement: true, generator: generator);          // [rows, N]
                var restShape = new long[kept + 1];
                restShape[0] = shared;
                for (int i = 1; i < kept; i++) restShape[i] = keptShape[i];
                restShape[kept] = 1;
                choice = drawn.t().reshape(restShape).squeeze(-1);
                var fullKept = (long[])keptShape.Clone();
                fullKept[0] = shared;
                keptShape = fullKept;
            }

            for (int j = dims.Length - 1; j >= 0; j--)
            {
                long size = l.shape[dims[j] + 1];
                var local = choice.remainder(Scalars.Temporary(size));
                choice = choice.div(Scalars.Temporary(size), rounding_mode: RoundingMode.floor);
                // Back to [N, layout] with ones at the eliminated dims.
                var full = new long[rank];
                int k = 0;
                for (int i = 0; i < rank; i++) full[i] = isEliminated[i] ? 1 : keptShape[k++];
                idx[dims[j]] = local.reshape(full);
            }
            return Conditional.Drawn;
        }

        /// <summary>
        /// The drawn particles of one latent: <c>value</c> (layout, particle dim <paramref name="particleDim"/>)
        /// gathered at the drawn indices, shaped <c>[N, layout..., event...]</c> with size 1 at the particle dim.
        /// </summary>
        public static Tensor Select(Tensor value, Tensor index, long particleDim, int layoutRank)
        {
            long extra = value.dim() - layoutRank;
            var shape = new long[value.dim() + 1];
            shape[0] = index.shape[0];
            for (int d = 0; d < value.dim(); d++) shape[d + 1] = value.shape[d];
            var v = value.unsqueeze(0).expand(shape);
            var ix = index;
            if (extra > 0)
            {
                var s = new long[ix.dim() + extra];
                for (int i = 0; i < s.Length; i++) s[i] = i < ix.dim() ? ix.shape[i] : 1;
                ix = ix.reshape(s);
            }
            var target = (long[])shape.Clone();
            target[particleDim + 1] = 1;
            for (int d = 1; d <= layoutRank; d++) if (d != particleDim + 1 && ix.shape[d] == 1) target[d] = v.shape[d];
            return v.gather(particleDim + 1, ix.expand(target));
        }
    }
}
