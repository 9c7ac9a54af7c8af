using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.CompilerServices.MomentMatching
{
    /// <summary>
    /// Elementwise inverse of the digamma function psi on (0, inf) by Newton's method with Minka's initialisation
    /// (Minka 2000, "Estimating a Dirichlet distribution", appendix C): psi^-1(y) ~ exp(y) + 1/2 for y &gt;= -2.22,
    /// else -1 / (y - psi(1)). Newton then converges in a handful of steps.
    /// </summary>
    internal static class DigammaInversion
    {
        /// <summary>psi(1) = -Euler-Mascheroni constant.</summary>
        private const double Digamma1 = -0.57721566490153286061;

        private const int MaxIterations = 50;

        /// <summary>x &gt; 0 with digamma(x) = y, elementwise, computed in float64 (the input's dtype is not changed here).</summary>
        public static Tensor Inverse(Tensor y)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var yw = QemSolver.Work(y);
            var x = torch.where(yw >= Scalars.Of(-2.22), yw.exp().add(Scalars.Of(0.5), Scalars.Of(1)), Scalars.Of(-1.0) / (yw - Scalars.Of(Digamma1)));
            double previous = double.PositiveInfinity;
            for (int i = 0; i < MaxIterations; i++)
            {
                var next = (x - (x.digamma() - yw) / x.polygamma(1)).clamp_min(Scalars.Temporary(QemSolver.Tiny));
                double change = QemSolver.MaxRelativeChange(next, x);
                x = next;
                if (QemSolver.ShouldStop(change, ref previous)) break;
            }
            return scope.MoveToOuter(x);
        }
    }
}
