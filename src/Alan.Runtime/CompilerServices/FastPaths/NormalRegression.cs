using System;
using System.ComponentModel;
using static TorchSharp.torch;

namespace Alan.CompilerServices.FastPaths
{
    /// <summary>
    /// A Normal data factor summed over its plate through the plate's statistics (generated for a [Data] method
    /// <c>=&gt; new(θ_1 x_1 + ... + θ_m x_m, σ)</c> whose coefficients θ_j are latents of enclosing plates, whose
    /// regressors x_j are inputs (or 1: an intercept) and whose scale σ does not vary over the plate).
    /// With n elements, centred data ỹ = y - ȳ and centred regressors x̃_j = x_j - x̄_j (all sums over the plate):
    /// <code>
    /// sum_n log N(y_n | θ·x_n, σ) = -n (log σ + log √(2π)) - Q / (2σ²),
    /// Q = sum_n (y_n - θ·x_n)² = S_yy - 2 θ·S_yx + θᵀ S_xx θ + n (ȳ - θ·x̄)²,
    /// </code>
    /// with S_yy = Σ ỹ², S_yx = Σ ỹ x̃, S_xx = Σ x̃ x̃ᵀ (the cross term vanishes because Σ ỹ = Σ x̃ = 0). The
    /// statistics span only the plate path, so the particle dims are broadcast over K^m values, never over
    /// K^m x n. Everything is computed in float64 (centred, so that Q keeps its precision) and returned in the
    /// work dtype; the result equals the elementwise log-density summed over the plate up to rounding.
    /// </summary>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static class NormalRegression
    {
        private static readonly double HalfLog2Pi = 0.5 * Math.Log(2 * Math.PI);

        /// <summary>
        /// sum over <paramref name="plateDim"/> of log N(y | Σ_j coefficients[j] * regressors[j], scale), keeping the
        /// plate dim with size 1 (a null regressor is an intercept: x = 1). Tensors that do not fit the
        /// statistics (event dims beyond the layout, a scale or coefficient varying over the plate) are
        /// evaluated elementwise and summed instead, with the same result.
        /// </summary>
        public static Tensor PlateLogProb(
            Tensor y,
            Tensor[] coefficients,
            Tensor?[] regressors,
            Tensor scale,
            long plateDim,
            int batchRank,
            ScalarType dtype)
        {
            if (coefficients.Length != regressors.Length)
                throw new ArgumentException($"{coefficients.Length} coefficients but {regressors.Length} regressors.", nameof(regressors));
            if (!FitsStatistics(y, coefficients, regressors, scale, plateDim, batchRank))
                return Elementwise(y, coefficients, regressors, scale, plateDim, batchRank, dtype);

            using var scope = NewDisposeScope();
            var f64 = ScalarType.Float64;
            var dims = new[] { plateDim };
            var yy = y.to_type(f64);
            var shape = yy.shape;
            double n = shape[plateDim];
            var yMean = yy.mean(dims, keepdim: true);
            var yc = yy - yMean;
            var q = yc.pow(Scalars.Of(2)).sum(dims, keepdim: true);

            // m̄ = θ·x̄ (an intercept's x̄ is 1); the centred regressors of the non-intercept terms.
            Tensor? mean = null;
            var thetas = new System.Collections.Generic.List<Tensor>();
            var centred = new System.Collections.Generic.List<Tensor>();
            for (int j = 0; j < coefficients.Length; j++)
            {
                var theta = coefficients[j].to_type(f64);
                var x = regressors[j];
                if (x is null)
                {
                    mean = mean is null ? theta : mean.add(theta, Scalars.Of(1));
                    continue;
                }
                var xe = x.to_type(f64).expand(shape);
                var xMean = xe.mean(dims, keepdim: true);
                mean = mean is null ? theta * xMean : mean.add(theta * xMean, Scalars.Of(1));
                thetas.Add(theta);
                centred.Add(xe - xMean);
            }

            // Q = S_yy + n (ȳ - m̄)² - 2 Σ_j θ_j S_yx_j + Σ_j θ_j² S_xx_jj + 2 Σ_{j<k} θ_j θ_k S_xx_jk
            var residual = mean is null ? yMean : yMean - mean;
            q = q.add(residual.pow(Scalars.Of(2)) * Scalars.Temporary(n), Scalars.Of(1));
            for (int j = 0; j < thetas.Count; j++)
            {
                var syx = (yc * centred[j]).sum(dims, keepdim: true);
                var sxx = centred[j].pow(Scalars.Of(2)).sum(dims, keepdim: true);
                q = (q - thetas[j] * syx * Scalars.Of(2.0)).add(thetas[j].pow(Scalars.Of(2)) * sxx, Scalars.Of(1));
                for (int k = j + 1; k < thetas.Count; k++)
                {
                    var sxk = (centred[j] * centred[k]).sum(dims, keepdim: true);
                    q = q.add(thetas[j] * thetas[k] * sxk * Scalars.Of(2.0), Scalars.Of(1));
                }
            }

            // log p = a + b Q with a = -n (log σ + log √(2π)) and b = -1 / (2σ²): the factors of σ and of θ are
            // broadcast against each other once, by one fused kernel in the work dtype (Q is exact to its rounding).
            var s = scale.to_type(f64);
            var a = ((s.log().add(Scalars.Temporary(HalfLog2Pi), Scalars.Of(1))) * Scalars.Temporary(-n)).to_type(dtype);
            var b = (s.pow(Scalars.Of(2)).reciprocal() * Scalars.Of(-0.5)).to_type(dtype);
            return a.addcmul(q.to_type(dtype), b, Scalars.Of(1.0)).MoveToOuterDisposeScope();
        }

        /// <summary>
        /// True when every tensor lies in the layout (rank 0 or <paramref name="batchRank"/>; lower ranks are event
        /// tensors), the data spans the regressors' broadcast, and neither the scale nor a coefficient varies over
        /// the plate.
        /// </summary>
        private static bool FitsStatistics(Tensor y, Tensor[] coefficients, Tensor?[] regressors, Tensor scale, long plateDim, int batchRank)
        {
            if (y.dim() != batchRank || plateDim >= batchRank) return false;
            var shape = y.shape;
            bool InLayout(Tensor t) => t.dim() == 0 || t.dim() == batchRank;
            bool ConstantOverPlate(Tensor t) => t.dim() == 0 || t.shape[plateDim] == 1;
            if (!InLayout(scale) || !ConstantOverPlate(scale)) return false;
            foreach (var c in coefficients)
                if (!InLayout(c) || !ConstantOverPlate(c)) return false;
            foreach (var x in regressors)
            {
                if (x is null) continue;
                if (!InLayout(x)) return false;
                if (x.dim() == 0) continue;
                var xs = x.shape;
                for (int i = 0; i < batchRank; i++)
                    if (xs[i] != 1 && xs[i] != shape[i]) return false;
            }
            return true;
        }

        /// <summary>The general path: the elementwise log-density, summed over the plate.</summary>
        private static Tensor Elementwise(Tensor y, Tensor[] coefficients, Tensor?[] regressors, Tensor scale, long plateDim, int batchRank, ScalarType dtype)
        {
            using var scope = NewDisposeScope();
            Tensor? loc = null;
            for (int j = 0; j < coefficients.Length; j++)
            {
                var term = regressors[j] is { } x ? x * coefficients[j] : coefficients[j];
                loc = loc is null ? term : loc.add(term, Scalars.Of(1));
            }
            loc ??= zeros(Array.Empty<long>(), dtype: dtype);
            var logProb = new Normal(loc, scale).LogProb(y, batchRank, dtype).sum(plateDim, keepdim: true);
            return logProb.MoveToOuterDisposeScope();
        }
    }
}
