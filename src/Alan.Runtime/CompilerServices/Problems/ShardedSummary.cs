using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Alan.Distributed;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Problems
{
    /// <summary>
    /// The posterior summary of a sharded problem (<see cref="ComputationStrategy.Sharded"/>) over the whole plate, on
    /// every rank. A global latent's rows are the same on every rank already; a local latent's rows (one per element of
    /// this rank's shard, times its other plates and event elements) are gathered: the ranks first exchange their shard
    /// sizes (which give each rank's offset in the plate), then add a zero-padded buffer of the whole plate's rows, in
    /// which each rank has written its own at its offset. Adding zeros leaves every value exact.
    /// </summary>
    internal static class ShardedSummary
    {
        /// <summary>The numbers of a row that are gathered: mean, sd, 5% and 95% quantiles, ESS.</summary>
        private const int Fields = 5;

        /// <summary>
        /// The summary rows of <paramref name="latents"/> from this rank's <paramref name="draws"/> and <paramref name="ess"/>
        /// (by latent), every local latent's gathered over the ranks of <paramref name="strategy"/>.
        /// </summary>
        public static IReadOnlyList<PosteriorSummaryRow> Rows(InferenceProblem problem, IEnumerable<string> latents,
            IReadOnlyDictionary<string, Tensor> draws, IReadOnlyDictionary<string, Tensor> ess, ComputationStrategy strategy)
        {
            string plate = strategy.Plate!;
            var rows = new List<PosteriorSummaryRow>();
            foreach (var name in latents)
            {
                var own = PosteriorSummary.Of(name, draws[name], ess[name]);
                rows.AddRange(problem.IsLocal(name, plate)
                    ? Gather(name, own, draws[name].shape[1], draws[name].shape.Skip(2).ToArray(), strategy.Communicator!, plate)
                    : own);
            }
            return rows;
        }

        /// <summary>
        /// The rows of local latent <paramref name="latent"/> over the whole plate, from this rank's <paramref name="rows"/>
        /// over its <paramref name="shardSize"/> elements (each with <paramref name="inner"/> further plate and event
        /// dims, the same on every rank).
        /// </summary>
        public static IReadOnlyList<PosteriorSummaryRow> Gather(string latent, IReadOnlyList<PosteriorSummaryRow> rows, long shardSize, long[] inner,
            ICommunicator communicator, string plate)
        {
            long perElement = 1;
            foreach (var d in inner) perElement *= d;
            if (rows.Count != shardSize * perElement)
                throw new ArgumentException(
                    $"The summary of '{latent}' has {rows.Count} rows, but {shardSize} elements of plate '{plate}' times {perElement} make {shardSize * perElement}.",
                    nameof(rows));

            // Shard sizes (for the offsets) and the rows per element (which every rank must agree on), in one message.
            int size = communicator.Size, rank = communicator.Rank;
            var header = new double[size + 2];
            header[rank] = shardSize;
            header[size] = perElement;
            header[size + 1] = perElement * perElement;
            communicator.AllReduce(header);
            // Equal rows per element on every rank: the sum of squares is size * mean^2 only when they are all equal.
            if (header[size + 1] * size != header[size] * header[size])
                throw new CommunicatorException(string.Create(CultureInfo.InvariantCulture,
                    $"Sharded summary of '{latent}': the ranks' elements of plate '{plate}' hold different numbers of values (this rank {perElement}). Every rank must run the same model."));
            long offset = 0, total = 0;
            for (int r = 0; r < size; r++)
            {
                if (r < rank) offset += (long)header[r];
                total += (long)header[r];
            }

            var buffer = new double[checked((int)(Fields * total * perElement))];
            for (int e = 0; e < rows.Count; e++)
            {
                var row = rows[e];
                var at = (int)((offset * perElement + e) * Fields);
                buffer[at] = row.Mean;
                buffer[at + 1] = row.Sd;
                buffer[at + 2] = row.Q05;
                buffer[at + 3] = row.Q95;
                buffer[at + 4] = row.Ess;
            }
            communicator.AllReduce(buffer);

            var whole = new List<PosteriorSummaryRow>(checked((int)(total * perElement)));
            for (long g = 0; g < total * perElement; g++)
            {
                var index = new long[inner.Length + 1];
                long rest = g % perElement;
                for (int d = inner.Length - 1; d >= 0; d--)
                {
                    index[d + 1] = rest % inner[d];
                    rest /= inner[d];
                }
                index[0] = g / perElement;
                var at = (int)(g * Fields);
                whole.Add(new PosteriorSummaryRow(latent, index, buffer[at], buffer[at + 1], buffer[at + 2], buffer[at + 3], buffer[at + 4]));
            }
            return whole;
        }
    }
}
