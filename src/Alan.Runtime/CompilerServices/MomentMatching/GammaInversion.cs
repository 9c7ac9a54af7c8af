using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.CompilerServices.MomentMatching
{
    /// <summary>
    /// Gamma shape from mean parameters (E[log x], E[x]) by Minka's generalised Newton iteration (Minka 2002,
    /// "Estimating a Gamma distribution"): with s = log E[x] - E[log x] &gt; 0,
    /// a &lt;- 1 / (1/a + (E[log x] - log E[x] + log a - psi(a)) / (a^2 (1/a - psi'(a)))), starting at a = 0.5 / s.
    /// For large a the differences log a - psi(a) and 1/a - psi'(a) are taken from their asymptotic series, which
    /// avoids catastrophic cancellation.
    /// </summary>
    internal static class GammaInversion
    {
        private const int MaxIterations = 100;

        /// <summary>Above this shape the asymptotic series are used (truncation error below 1e-20 relative).</summary>
        private const double SeriesThreshold = 100;

        /// <summary>Floor for 1/a, keeping the shape finite.</summary>
        private const double MinInverse = 1e-300;

        /// <summary>
        /// The shape a, elementwise (broadcasting the two inputs), in float64. s is floored at float64 epsilon, so a
        /// degenerate (point-mass) input gives a very large but finite shape instead of a division by zero.
        /// </summary>
        public static Tensor Shape(Tensor meanLog, Tensor mean)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var ml = QemSolver.Work(meanLog);
            var m = QemSolver.Work(mean);
            var eps = torch.finfo(ScalarType.Float64).eps;
            var s = (m.log() - ml).clamp_min(Scalars.Temporary(eps));
            var a = Scalars.Of(0.5) / s;
            double previous = double.PositiveInfinity;
            for (int i = 0; i < MaxIterations; i++)
            {
                var inverse = ((Scalars.Of(1.0) / a).add((LogMinusDigamma(a) - s) / ScaledTrigammaGap(a), Scalars.Of(1))).clamp_min(Scalars.Of(MinInverse));
                var next = Scalars.Of(1.0) / inverse;
                double change = QemSolver.MaxRelativeChange(next, a);
                a = next;
                if (QemSolver.ShouldStop(change, ref previous)) break;
            }
            return scope.MoveToOuter(a);
        }

        /// <summary>log a - psi(a) (positive, ~ 1/(2a)).</summary>
        private static Tensor LogMinusDigamma(Tensor a)
        {
            var direct = a.log() - a.digamma();
            var r = Scalars.Of(1.0) / a.clamp_min(Scalars.Of(SeriesThreshold));
            var r2 = r * r;
            var series = (r * Scalars.Of(0.5)).add(r2 * ((r2 * ((r2 * ((r2 * (Scalars.Of(-1.0 / 240))).add(Scalars.Of(1.0 / 252), Scalars.Of(1)))).add(Scalars.Of(-1.0 / 120), Scalars.Of(1)))).add(Scalars.Of(1.0 / 12), Scalars.Of(1))), Scalars.Of(1));
            return torch.where(a > Scalars.Of(SeriesThreshold), series, direct);
        }

        /// <summary>a^2 (1/a - psi'(a)) (negative, ~ -1/2).</summary>
        private static Tensor ScaledTrigammaGap(Tensor a)
        {
            var direct = a * a * (Scalars.Of(1.0) / a - a.polygamma(1));
            var r = Scalars.Of(1.0) / a.clamp_min(Scalars.Of(SeriesThreshold));
            var r2 = r * r;
            var series = -((r * ((r2 * ((r2 * ((r2 * (Scalars.Of(-1.0 / 30))).add(Scalars.Of(1.0 / 42), Scalars.Of(1)))).add(Scalars.Of(-1.0 / 30), Scalars.Of(1)))).add(Scalars.Of(1.0 / 6), Scalars.Of(1)))).add(Scalars.Of(0.5), Scalars.Of(1)));
            return torch.where(a > Scalars.Of(SeriesThreshold), series, direct);
        }
    }
}
