using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// A Normal log-density summed over event dims, by its quadratic expansion (einsum contractions):
    /// <code>
    ///   sum_d log N(x_d | m_d, s_d) = -1/2 sum_d x_d^2 w_d + sum_d x_d m_d w_d - 1/2 sum_d m_d^2 w_d - sum_d log s_d - D/2 log 2 pi,
    ///   w = s^-2,
    /// </code>
    /// each sum a contraction over d (<c>torch.einsum</c>, a batched matrix product) of operands that hold only their
    /// own batch dims: when x's particles and the parameters' particles are different dims, the K^3 x plates x D
    /// elementwise density (and its temporaries and gradients) is never built, only its K^3 x plates sum. The terms are
    /// computed in float64 around a centre c (x - c, m - c: the loc's mean per event element), so the cancellation
    /// between them loses no more than float64 rounding at the scale of the spread, then cast to the work dtype.
    /// </summary>
    internal static class NormalEventSum
    {
        /// <summary>Below this many broadcast elements the elementwise form is used (it is exact and cheap there).</summary>
        private const long MinimumElements = 1L << 16;

        /// <summary>
        /// True when x, loc and scale have the same rank with event dims beyond <paramref name="batchRank"/> of at least 4
        /// elements, and their broadcast is at least 4 times larger than the largest of them.
        /// </summary>
        public static bool Pays(Tensor x, Tensor loc, Tensor scale, int batchRank)
        {
            long rank = x.dim();
            if (rank <= batchRank || loc.dim() != rank || scale.dim() != rank) return false;
            var xs = x.shape;
            var ls = loc.shape;
            var ss = scale.shape;
            long broadcast = 1, events = 1;
            for (int i = 0; i < rank; i++)
            {
                long size = Math.Max(xs[i], Math.Max(ls[i], ss[i]));
                if ((xs[i] != 1 && xs[i] != size) || (ls[i] != 1 && ls[i] != size) || (ss[i] != 1 && ss[i] != size)) return false;
                broadcast *= size;
                if (i >= batchRank) events *= size;
            }
            long largest = Math.Max(x.numel(), Math.Max(loc.numel(), scale.numel()));
            return events >= 4 && broadcast >= MinimumElements && broadcast >= 4 * largest;
        }

        /// <summary>The log-density of <paramref name="x"/> summed over the dims beyond <paramref name="batchRank"/>.</summary>
        public static Tensor LogProb(Tensor x, Tensor loc, Tensor scale, int batchRank, ScalarType dtype)
        {
            // Event dims: expanded to their common shape (they are small) and flattened to one, d.
            var xs = x.shape;
            var ls = loc.shape;
            var ss = scale.shape;
            for (int i = batchRank; i < xs.Length; i++) xs[i] = Math.Max(xs[i], Math.Max(ls[i], ss[i]));
            Tensor Events(Tensor t, long[] shape)
            {
                for (int i = batchRank; i < shape.Length; i++) shape[i] = xs[i];
                return t.to_type(ScalarType.Float64).expand(shape).flatten(batchRank);
            }
            var xd = Events(x, xs);
            var md = Events(loc, ls);
            var sd = Events(scale, ss);
            var batchDims = BatchDims(batchRank);
            var centre = batchDims.Length == 0 ? md.detach() : md.detach().mean(batchDims, keepdim: true);
            var xc = xd - centre;
            var mc = md - centre;
            var w = sd.pow(Scalars.Of(2)).reciprocal();
            var mw = mc * w;
            // -1/2 sum x^2 w + sum x m w: the x-by-parameter terms, contracted over d.
            var quadratic = torch.einsum("...d,...d->...", xc.pow(Scalars.Of(2)), w).mul(Scalars.Of(-0.5));
            var cross = torch.einsum("...d,...d->...", xc, mw);
            var constant = (mc * mw).sum(-1).mul(Scalars.Of(-0.5)) - sd.log().sum(-1) - Scalars.Temporary(0.5 * Math.Log(2 * Math.PI) * xd.shape[batchRank]);
            var result = cross.add(quadratic, Scalars.Of(1)).add(constant, Scalars.Of(1));
            return result.dtype == dtype ? result : result.to_type(dtype);
        }

        // The leading dims 0 .. batchRank - 1 of each batch rank, built once.
        private static readonly long[]?[] BatchDimsByRank = new long[]?[64];

        private static long[] BatchDims(int batchRank)
        {
            if (batchRank >= BatchDimsByRank.Length) return Range(batchRank);
            return BatchDimsByRank[batchRank] ??= Range(batchRank);

            static long[] Range(int n)
            {
                var dims = new long[n];
                for (int i = 0; i < n; i++) dims[i] = i;
                return dims;
            }
        }
    }
}
