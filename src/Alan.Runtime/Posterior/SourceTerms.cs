using System.Collections.Generic;
using static TorchSharp.torch;

namespace Alan
{
    /// <summary>
    /// Zero-valued source terms J added to the estimator's factors (DESIGN 4.6). Differentiating
    /// log P-hat w.r.t. J at J = 0 gives posterior marginal weights (J_g[K_g, plates]) and posterior
    /// expectations E[f(z)] per plate element (terms J * f(z)). Used by generated Marginals(), Moments()
    /// and UpdateQemParams(); not part of the training path.
    /// </summary>
    public sealed class SourceTerms
    {
        private readonly Tensor?[] _groups;
        private readonly List<(Tensor J, Tensor Statistic)>?[] _terms;

        /// <summary>Creates an empty set for a problem with the given numbers of groups and latents.</summary>
        public SourceTerms(int groups, int latents)
        {
            _groups = new Tensor?[groups];
            _terms = new List<(Tensor, Tensor)>?[latents];
        }

        /// <summary>Adds J_g (zeros shaped like the group factor's own dims) for marginal weights.</summary>
        public Tensor AddGroup(int group, Tensor value, int layoutRank)
        {
            var shape = new long[layoutRank];
            var valueShape = value.shape;
            for (int i = 0; i < layoutRank; i++) shape[i] = valueShape[i];
            var j = zeros(shape, dtype: FloatOf(value), device: value.device).requires_grad_(true);
            _groups[group] = j;
            return j;
        }

        /// <summary>
        /// Adds one J per statistic f(z) of a latent (each shaped like the latent's particles, event dims
        /// included); the gradient w.r.t. each J, shaped like one particle, is E_post[f(z)] per plate element.
        /// </summary>
        public Tensor[] AddStatistics(int latent, Tensor[] statistics, int particleDim)
        {
            var js = new Tensor[statistics.Length];
            var list = _terms[latent] ??= new List<(Tensor, Tensor)>();
            for (int i = 0; i < statistics.Length; i++)
            {
                var stat = statistics[i].detach();
                if (!is_floating_point(stat)) stat = stat.to_type(ScalarType.Float64);
                var shape = (long[])stat.shape.Clone();
                shape[particleDim] = 1;
                js[i] = zeros(shape, dtype: stat.dtype, device: stat.device).requires_grad_(true);
                list.Add((js[i], stat));
            }
            return js;
        }

        /// <summary>Adds J1, J2 for E[z] and E[z^2] (elementwise).</summary>
        public Tensor[] AddMoments(int latent, Tensor value, int particleDim)
        {
            var z = value.detach();
            if (!is_floating_point(z)) z = z.to_type(ScalarType.Float64);
            return AddStatistics(latent, new[] { z, z * z }, particleDim);
        }

        /// <summary>
        /// Adds this set's terms for one group and its member latents to the group factor (cut to the current
        /// chunk of a split evaluation, if any).
        /// </summary>
        public Tensor Apply(Tensor factor, int group, int layoutRank, int[] latents, Chunk? chunk = null)
        {
            var f = factor;
            if (_groups[group] is Tensor j) f = f + Chunk.Cut(chunk, j);
            foreach (var v in latents)
            {
                if (_terms[v] is not { } terms) continue;
                foreach (var (jt, stat) in terms)
                {
                    var s = Chunk.Cut(chunk, stat);
                    f = f + SumEvent(Chunk.Cut(chunk, jt) * (s.dtype == f.dtype ? s : s.to_type(f.dtype)), layoutRank);
                }
            }
            return f;
        }

        /// <summary><paramref name="tensors"/> followed by every J tensor of <paramref name="terms"/> (if any).</summary>
        public static Tensor[] WithTensors(SourceTerms? terms, Tensor[] tensors)
        {
            if (terms is null) return tensors;
            var js = terms.Tensors();
            var all = new Tensor[tensors.Length + js.Length];
            tensors.CopyTo(all, 0);
            js.CopyTo(all, tensors.Length);
            return all;
        }

        /// <summary>Every J tensor (the tensors gradients are taken with respect to).</summary>
        public Tensor[] Tensors()
        {
            var list = new List<Tensor>();
            foreach (var g in _groups) if (g is not null) list.Add(g);
            foreach (var terms in _terms) if (terms is not null) foreach (var (j, _) in terms) list.Add(j);
            return list.ToArray();
        }

        private static Tensor SumEvent(Tensor t, int layoutRank)
        {
            if (t.dim() == layoutRank) return t;
            var dims = new long[t.dim() - layoutRank];
            for (int i = 0; i < dims.Length; i++) dims[i] = layoutRank + i;
            return t.sum(dims);
        }

        private static ScalarType FloatOf(Tensor t) =>
            is_floating_point(t) ? t.dtype : ScalarType.Float32;
    }
}
