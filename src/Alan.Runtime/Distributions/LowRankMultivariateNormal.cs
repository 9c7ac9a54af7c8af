using System;
using TorchSharp;
using static TorchSharp.torch;
using Alan.CompilerServices;

namespace Alan
{
    /// <summary>
    /// Multivariate normal distribution whose covariance is low rank plus diagonal: mean <see cref="Loc"/> [..., n] and
    /// covariance W Wᵀ + diag(d), with <see cref="CovFactor"/> W [..., n, r] and <see cref="CovDiagonal"/> d [..., n]
    /// (positive). It stores and evaluates in O(n r) per draw where a full covariance needs O(n²): the log-density
    /// uses the capacitance matrix C = I_r + Wᵀ D⁻¹ W (r × r), since det(W Wᵀ + D) = det(C) det(D) and
    /// (W Wᵀ + D)⁻¹ = D⁻¹ - D⁻¹ W C⁻¹ Wᵀ D⁻¹ (the matrix determinant lemma and Woodbury's identity).
    /// </summary>
    [Distribution(Support.Real, Reparameterised = true, EventRank = 1)]
    public sealed class LowRankMultivariateNormal : Distribution
    {
        /// <summary>Creates LowRankMultivariateNormal(loc, covFactor, covDiagonal).</summary>
        /// <param name="loc">The mean [..., n].</param>
        /// <param name="covFactor">W [..., n, r]: the covariance's low-rank part is W Wᵀ.</param>
        /// <param name="covDiagonal">d [..., n], positive: the covariance's diagonal part.</param>
        /// <exception cref="ArgumentException">A rank is too small, or the event sizes disagree.</exception>
        public LowRankMultivariateNormal(Tensor loc, Tensor covFactor, Tensor covDiagonal)
        {
            const string family = nameof(LowRankMultivariateNormal);
            Loc = ShapeUtil.RequireRank(loc, 1, family, nameof(loc));
            CovFactor = ShapeUtil.RequireRank(covFactor, 2, family, nameof(covFactor));
            CovDiagonal = ShapeUtil.RequireRank(covDiagonal, 1, family, nameof(covDiagonal));
            long n = loc.shape[^1];
            if (covFactor.shape[^2] != n)
                throw new ArgumentException(
                    $"{family}: loc has event size {n} but covFactor has shape [{string.Join(", ", covFactor.shape)}]; expected [..., {n}, rank].",
                    nameof(covFactor));
            if (covDiagonal.shape[^1] != n)
                throw new ArgumentException(
                    $"{family}: loc has event size {n} but covDiagonal has shape [{string.Join(", ", covDiagonal.shape)}]; expected [..., {n}].",
                    nameof(covDiagonal));
        }

        /// <summary>The mean, shape [..., n].</summary>
        public Tensor Loc { get; }

        /// <summary>W [..., n, r]: the covariance is W Wᵀ + diag(<see cref="CovDiagonal"/>).</summary>
        public Tensor CovFactor { get; }

        /// <summary>The covariance's diagonal part d [..., n].</summary>
        public Tensor CovDiagonal { get; }

        public override int EventRank => 1;
        public override bool IsReparameterised => true;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(Loc, CovFactor, CovDiagonal);

        private (Tensor Loc, Tensor W, Tensor D) Aligned(int batchRank, ScalarType dtype) =>
            (ShapeUtil.PrefixBatch(Align(Loc, 0, dtype), batchRank, 1),
             ShapeUtil.PrefixBatch(Align(CovFactor, 0, dtype), batchRank, 2),
             ShapeUtil.PrefixBatch(Align(CovDiagonal, 0, dtype), batchRank, 1));

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var (loc, w, d) = Aligned(batchRank, dtype);
            long n = w.shape[^2], r = w.shape[^1];
            var y = x - loc;                                                    // [..., n]
            var yOverD = y / d;
            // Capacitance C = I + Wᵀ D⁻¹ W, on the parameters' batch only (not the particles')
            var wOverD = w / d.unsqueeze(-1);
            var capacitance = w.transpose(-1, -2).matmul(wOverD).add(eye(r, dtype: dtype, device: w.device), Scalars.Of(1));
            var choleskyC = linalg.cholesky(capacitance);                        // [..., r, r]
            var projected = (w * yOverD.unsqueeze(-1)).sum(-2).unsqueeze(-1);    // Wᵀ D⁻¹ y  [..., r, 1]
            var batch = ShapeUtil.Broadcast(ShapeUtil.DropLast(projected.shape, 2), ShapeUtil.DropLast(choleskyC.shape, 2));
            var solved = linalg.solve_triangular(choleskyC.expand(ShapeUtil.Append(batch, r, r)),
                projected.expand(ShapeUtil.Append(batch, r, 1)), upper: false).squeeze(-1);
            // yᵀ (W Wᵀ + D)⁻¹ y = yᵀ D⁻¹ y - |L_C⁻¹ Wᵀ D⁻¹ y|²
            var mahalanobis = (y * yOverD).sum(-1) - (solved * solved).sum(-1);
            var halfLogDet = linalg.diagonal(choleskyC).log().sum(-1).add(d.log().sum(-1), Scalars.Of(0.5));
            return Scalars.Of(-0.5) * mahalanobis - halfLogDet - Scalars.Temporary(n * MathUtil.HalfLog2Pi);
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var (loc, w, d) = Aligned(batchShape.Length, dtype);
            long n = w.shape[^2], r = w.shape[^1];
            var batch = ShapeUtil.DrawShape(batchShape, ShapeUtil.DropLast(loc.shape, 1), ShapeUtil.DropLast(w.shape, 2),
                ShapeUtil.DropLast(d.shape, 1));
            // x = loc + W e + sqrt(d) f with e ~ N(0, I_r), f ~ N(0, I_n): covariance W Wᵀ + diag(d)
            var e = RandomUtil.Normal(ShapeUtil.Append(batch, r, 1), dtype, loc.device);
            var f = RandomUtil.Normal(ShapeUtil.Append(batch, n), dtype, loc.device);
            return loc.add(w.matmul(e).squeeze(-1), Scalars.Of(1)).add(d.sqrt() * f, Scalars.Of(1));
        }
    }
}
