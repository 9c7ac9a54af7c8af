using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.CompilerServices.MomentMatching
{
    /// <summary>
    /// Dirichlet concentrations from mean parameters E[log x_k] (last dimension k), i.e. the maximiser of the concave
    /// f(alpha) = log Gamma(sum alpha) - sum_k log Gamma(alpha_k) + sum_k alpha_k E[log x_k]
    /// (Minka 2000, "Estimating a Dirichlet distribution"). Beta is the two-component case.
    /// </summary>
    /// <remarks>
    /// Each iteration computes two candidates per batch element: Minka's fixed point
    /// alpha_k &lt;- psi^-1(E[log x_k] + psi(sum_j alpha_j)) (eq. 9, psi^-1 from <see cref="DigammaInversion"/>;
    /// positive, and it never decreases f), and a Newton step with Minka's diagonal-plus-rank-one Hessian
    /// (eqs. 15-18), halved until it stays positive and does not decrease f. The better of the two is taken, Newton on
    /// ties within f's rounding error: f is a small difference of large log-gamma terms and very flat along the
    /// precision for large concentrations, so near the optimum its values cannot rank candidates (the gradient, which
    /// Newton uses, still can). The fixed point alone converges only linearly, and very slowly for small or very
    /// unequal concentrations or from a too large precision; with Newton typical inputs take ~15 iterations.
    /// A degenerate input (the mean logs of a point mass) has no maximiser: the iteration stops at its bound and
    /// returns a very large but finite precision.
    /// </remarks>
    internal static class DirichletInversion
    {
        private const int MaxIterations = 100;
        private static readonly long[] LastDim = { -1 };
        private const int MaxHalvings = 40;

        /// <summary>Rounding-error allowance of the objective, in ulps of the magnitude of its terms.</summary>
        private const double NoiseFactor = 64;

        private static readonly double Epsilon = torch.finfo(ScalarType.Float64).eps;

        /// <summary>
        /// The concentrations, shape like <paramref name="meanLog"/> ([..., K]), in float64.
        /// The start uses psi(x) ~ log x - 1/(2x): with m = softmax(E[log x]) as the mean and
        /// L = log sum exp(E[log x]) &lt;= 0, the precision is about (K - 1) / (-2 L), so alpha_0 = m (K - 1) / (-2 L).
        /// </summary>
        public static Tensor Concentration(Tensor meanLog)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var ml = QemSolver.Work(meanLog);
            long k = ml.shape[^1];
            var logNormaliser = LogSpace.LogSumExp(ml, LastDim);
            var precision = Scalars.Temporary(Math.Max(k - 1, 1)) / (Scalars.Of(-2.0) * logNormaliser).clamp_min(Scalars.Temporary(Epsilon));
            var alpha = (precision * ml.softmax(-1)).clamp_min(Scalars.Temporary(QemSolver.Tiny));
            double previous = double.PositiveInfinity;
            for (int i = 0; i < MaxIterations; i++)
            {
                var next = Step(alpha, ml);
                double change = QemSolver.MaxRelativeChange(next, alpha);
                alpha = next;
                if (QemSolver.ShouldStop(change, ref previous)) break;
            }
            return scope.MoveToOuter(alpha);
        }

        /// <summary>One iteration: the better of the fixed point and the damped Newton step, per batch element.</summary>
        private static Tensor Step(Tensor alpha, Tensor ml)
        {
            var total = alpha.sum(-1, keepdim: true);
            var fixedPoint = DigammaInversion.Inverse(ml.add(total.digamma(), Scalars.Of(1)));
            var (fFixed, fixedNoise) = Objective(fixedPoint, ml);

            var gradient = (total.digamma() - alpha.digamma()).add(ml, Scalars.Of(1));
            var q = -alpha.polygamma(1);
            var z = total.polygamma(1);
            var b = (gradient / q).sum(-1, keepdim: true) / (z.reciprocal().add(q.reciprocal().sum(-1, keepdim: true), Scalars.Of(1)));
            var direction = (b - gradient) / q;

            var (f0, noise0) = Objective(alpha, ml);
            var floor = f0 - noise0;
            var newton = fixedPoint;
            var fNewton = torch.full_like(f0, Scalars.Of(double.NegativeInfinity));
            var found = torch.zeros_like(f0, dtype: ScalarType.Bool);
            double t = 1;
            for (int j = 0; j < MaxHalvings; j++, t *= 0.5)
            {
                var candidate = alpha.add(direction * Scalars.Temporary(t), Scalars.Of(1));
                var (fCandidate, _) = Objective(candidate, ml);
                var ok = (candidate > Scalars.Of(0)).all(-1, keepdim: true).logical_and(fCandidate >= floor)
                    .logical_and(found.logical_not());
                newton = torch.where(ok, candidate, newton);
                fNewton = torch.where(ok, fCandidate, fNewton);
                found = found.logical_or(ok);
                if (found.all().item<bool>()) break;
            }

            var useNewton = found.logical_and(fNewton >= fFixed - fixedNoise);
            return torch.where(useNewton, newton, fixedPoint);
        }

        /// <summary>
        /// f(alpha) per batch element (keepdim), with an estimate of its rounding error: f is a small difference of
        /// log-gamma terms that can be large, so differences below <see cref="NoiseFactor"/> ulps of the terms'
        /// magnitude are not taken as evidence (near the optimum such ties go to Newton).
        /// </summary>
        private static (Tensor Value, Tensor Noise) Objective(Tensor alpha, Tensor ml)
        {
            var logGammaTotal = alpha.sum(-1, keepdim: true).lgamma();
            var logGammas = alpha.lgamma();
            var linear = alpha * ml;
            var value = (logGammaTotal - logGammas.sum(-1, keepdim: true)).add(linear.sum(-1, keepdim: true), Scalars.Of(1));
            var magnitude = logGammaTotal.abs().add(logGammas.abs().sum(-1, keepdim: true), Scalars.Of(1)).add(linear.abs().sum(-1, keepdim: true), Scalars.Of(1));
            return (value, magnitude * (Scalars.Temporary(NoiseFactor * Epsilon)));
        }
    }
}
