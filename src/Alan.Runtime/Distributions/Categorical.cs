using System;
using Alan.CompilerServices;
using TorchSharp;
using static TorchSharp.torch;
using Alan.Distributions.Authoring;

namespace Alan
{
    /// <summary>
    /// Categorical distribution over 0..K-1, parameterised by exactly one of <see cref="Probs"/> (unnormalised
    /// non-negative weights) or <see cref="Logits"/> (unnormalised log weights), with the category dimension last.
    /// Values are index tensors whose shape is the parameters' shape without the category dimension.
    /// </summary>
    [Distribution(Support.Category, Reparameterised = false, EventRank = 0)]
    public sealed class Categorical : Distribution
    {
        private readonly Tensor _param;
        private static readonly long[] LastDim = { -1 };

        /// <summary>Creates Categorical(probs | logits) with shape [..., K]; exactly one must be given.</summary>
        public Categorical(Tensor? probs = null, Tensor? logits = null)
        {
            var p = ProbsOrLogits.Choose("Categorical", probs, logits);
            _param = ShapeUtil.RequireRank(p, 1, "Categorical", probs is null ? nameof(logits) : nameof(probs));
            Probs = probs;
            Logits = logits;
        }

        /// <summary>The category probabilities [..., K] (normalised on use), when given.</summary>
        public Tensor? Probs { get; }

        /// <summary>The category log-weights [..., K] (normalised on use), when given.</summary>
        public Tensor? Logits { get; }

        /// <summary>The number of categories K.</summary>
        public long NumCategories => _param.shape[^1];

        public override int EventRank => 0;
        public override bool IsReparameterised => false;

        internal override Tensor? MaxValue(int batchRank, ScalarType dtype) => torch.tensor((double)(NumCategories - 1), dtype: dtype);
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(_param);

        // The category dimension is extra: a parameter of rank <= batchRank has no hidden batch dimensions.
        private Tensor Aligned(int batchRank, ScalarType dtype) =>
            ShapeUtil.PrefixBatch(Align(_param, 0, dtype), batchRank, 1);

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var q = Aligned(batchRank, dtype);
            var logPmf = Logits is not null ? q - LogSpace.LogSumExp(q, LastDim) : q.log() - q.sum(-1, keepdim: true).log();
            var index = (value.dtype == ScalarType.Int64 ? value : value.to_type(ScalarType.Int64)).unsqueeze(-1);
            var both = torch.broadcast_tensors(index, logPmf);
            try
            {
                return both[1].gather(-1, both[0].narrow(-1, 0, 1)).squeeze(-1);
            }
            catch (System.Runtime.InteropServices.ExternalException e) when (e.Message.Contains("out of bounds"))
            {
                long k = NumCategories;
                throw new ArgumentOutOfRangeException(nameof(value),
                    $"Categorical value out of range: values are category indices 0..{k - 1} (K = {k}, the last dimension of probs/logits). {FirstLine(e.Message)}");
            }
        }

        private static string FirstLine(string s)
        {
            int i = s.IndexOf('\n');
            return i < 0 ? s : s.Substring(0, i);
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var q = Aligned(batchShape.Length, dtype);
            long k = q.shape[^1];
            var batch = ShapeUtil.DrawShape(batchShape, ShapeUtil.DropLast(q.shape, 1));
            var weights = Logits is not null ? q.softmax(-1) : q;
            var flat = weights.expand(ShapeUtil.Append(batch, k)).reshape(-1, k);
            return torch.multinomial(flat, 1, replacement: true, generator: RandomUtil.CurrentGenerator).reshape(batch);
        }
    }
}
