using System;
using TorchSharp;
using static TorchSharp.torch;
using Alan.CompilerServices;

namespace Alan
{
    /// <summary>
    /// Multivariate normal distribution with mean <see cref="Loc"/> [..., n] and either a covariance matrix or
    /// its lower Cholesky factor [..., n, n].
    /// </summary>
    [Distribution(Support.Real, Reparameterised = true, EventRank = 1)]
    [QemFamily(QemFamily.MultivariateNormal, "loc", "covarianceMatrix")]
    public sealed class MultivariateNormal : Distribution
    {
        /// <summary>Creates MultivariateNormal(loc, covarianceMatrix | scaleTril); exactly one of the two must be given.</summary>
        public MultivariateNormal(Tensor loc, Tensor? covarianceMatrix = null, Tensor? scaleTril = null)
        {
            if (loc is null) throw new ArgumentNullException(nameof(loc));
            if ((covarianceMatrix is null) == (scaleTril is null))
                throw new ArgumentException(
                    "MultivariateNormal needs exactly one of covarianceMatrix or scaleTril; got " +
                    (covarianceMatrix is null ? "neither." : "both."));
            Loc = ShapeUtil.RequireRank(loc, 1, "MultivariateNormal", nameof(loc));
            CovarianceMatrix = covarianceMatrix;
            ScaleTril = scaleTril;
            var m = ShapeUtil.RequireRank((covarianceMatrix ?? scaleTril)!, 2, "MultivariateNormal",
                covarianceMatrix is null ? nameof(scaleTril) : nameof(covarianceMatrix));
            long n = loc.shape[^1];
            if (m.shape[^1] != n || m.shape[^2] != n)
                throw new ArgumentException(
                    $"MultivariateNormal: loc has event size {n} but the matrix has shape [{string.Join(", ", m.shape)}].");
            // Factorised here, once for every LogProb and Sample: a covariance that is not positive-definite fails where
            // the model's method builds it, so the generated accessor names the variable.
            _factor = scaleTril ?? torch.linalg.cholesky(covarianceMatrix!);
        }

        /// <summary>The lower Cholesky factor L of the covariance (<see cref="ScaleTril"/> when given).</summary>
        private readonly Tensor _factor;

        /// <summary>The mean, shape [..., n].</summary>
        public Tensor Loc { get; }

        /// <summary>The covariance matrix [..., n, n], when given.</summary>
        public Tensor? CovarianceMatrix { get; }

        /// <summary>The lower-triangular scale factor L (covariance L Lᵀ) [..., n, n], when given.</summary>
        public Tensor? ScaleTril { get; }

        public override int EventRank => 1;
        public override bool IsReparameterised => true;
        protected override ScalarType DefaultFloat() => ShapeUtil.FirstFloat(Loc, CovarianceMatrix, ScaleTril);

        private (Tensor Loc, Tensor L) Aligned(int batchRank, ScalarType dtype)
        {
            var loc = ShapeUtil.PrefixBatch(Align(Loc, 0, dtype), batchRank, 1);
            var l = Align(_factor, 0, dtype);
            return (loc, ShapeUtil.PrefixBatch(l, batchRank, 2));
        }

        protected override Tensor LogProbCore(Tensor value, int batchRank, ScalarType dtype)
        {
            var x = ShapeUtil.Value(value, dtype);
            var (loc, l) = Aligned(batchRank, dtype);
            var diff = (x - loc).unsqueeze(-1);
            var batch = ShapeUtil.Broadcast(ShapeUtil.DropLast(diff.shape, 2), ShapeUtil.DropLast(l.shape, 2));
            long n = l.shape[^1];
            var lb = l.expand(ShapeUtil.Append(batch, n, n));
            var m = torch.linalg.solve_triangular(lb, diff.expand(ShapeUtil.Append(batch, n, 1)), upper: false).squeeze(-1);
            var halfLogDet = torch.linalg.diagonal(l).log().sum(-1);
            return Scalars.Of(-0.5) * (m * m).sum(-1) - halfLogDet - Scalars.Temporary(n * MathUtil.HalfLog2Pi);
        }

        protected override Tensor SampleCore(long[] batchShape, ScalarType dtype, bool reparam)
        {
            var (loc, l) = Aligned(batchShape.Length, dtype);
            long n = l.shape[^1];
            var batch = ShapeUtil.DrawShape(batchShape, ShapeUtil.DropLast(loc.shape, 1), ShapeUtil.DropLast(l.shape, 2));
            var eps = RandomUtil.Normal(ShapeUtil.Append(batch, n, 1), dtype, loc.device);
            return loc.add(l.matmul(eps).squeeze(-1), Scalars.Of(1));
        }
    }
}
