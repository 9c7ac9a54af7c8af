using System.ComponentModel;
using System;
using static TorchSharp.torch;

namespace Alan.CompilerServices.Posterior
{
    /// <summary>Helpers for extending plates from importance samples and predictive log-likelihoods (DESIGN 4.7).</summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class Extension
    {
        private static readonly long[] FirstDim = { 0 };

        /// <summary>Views draws [N, plates..., event...] in the layout with N at dim 0 (<paramref name="path"/>: the variable's plate path).</summary>
        public static Tensor PlaceDraws(Tensor draws, PlateLayout path)
        {
            long[] plateDims = path.Dims;
            int layoutRank = path.Rank;
            int plates = plateDims.Length;
            var shape = new long[layoutRank + draws.dim() - 1 - plates];
            for (int i = 0; i < layoutRank; i++) shape[i] = 1;
            shape[0] = draws.shape[0];
            for (int i = 0; i < plates; i++) shape[plateDims[i]] = draws.shape[1 + i];
            for (int i = 1 + plates; i < draws.dim(); i++) shape[layoutRank + i - 1 - plates] = draws.shape[i];
            return draws.reshape(shape);
        }

        /// <summary>Overwrites the leading corner of <paramref name="full"/> (the training positions) with <paramref name="part"/>.</summary>
        public static Tensor OverwriteCorner(Tensor full, Tensor part)
        {
            var view = full;
            for (int d = 0; d < full.dim(); d++)
                if (full.shape[d] != part.shape[d]) view = view.narrow(d, 0, part.shape[d]);
            using (no_grad()) view.copy_(part.to_type(full.dtype));
            return full;
        }

        /// <summary>The leading positions of <paramref name="t"/> covered by <paramref name="path"/> (the training sizes along its dims).</summary>
        public static Tensor Corner(Tensor t, PlateLayout path)
        {
            long[] dims = path.Dims, sizes = path.Sizes;
            var v = t;
            for (int i = 0; i < dims.Length; i++)
                if (v.shape[dims[i]] != sizes[i]) v = v.narrow(dims[i], 0, sizes[i]);
            return v;
        }

        /// <summary>log mean_n exp(all_n - train_n), with all/train summed over every dim but the first (N).</summary>
        public static Tensor PredictiveLogLikelihood(Tensor llAll, Tensor llTrain)
        {
            long n = llAll.shape[0];
            var all = llAll.reshape(n, -1).sum(1);
            var train = llTrain.reshape(n, -1).sum(1);
            return LogSpace.LogMeanExp(all - train, FirstDim).squeeze(0);
        }

        /// <summary>Checks an extended plate size against the training size.</summary>
        public static void CheckExtension(string plate, long training, long extended)
        {
            if (extended < training)
                throw new ArgumentException($"Plate '{plate}' can only be extended: the training size is {training}, but the new size is {extended}.", nameof(extended));
        }
    }
}
