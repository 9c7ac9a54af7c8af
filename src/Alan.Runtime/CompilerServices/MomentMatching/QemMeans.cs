using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.CompilerServices.MomentMatching
{
    public static partial class Qem
    {
        /// <summary>
        /// Mean parameters E[T] (in <see cref="Statistics"/> order) from conventional parameters (in
        /// <see cref="ParameterNames"/> order), elementwise and batched with broadcasting:
        /// Normal (loc, scale^2 + loc^2); Bernoulli probs; Exponential 1/rate; HalfNormal scale^2; Poisson rate;
        /// Gamma (psi(a) - log b, a / b); Beta (psi(a) - psi(a + b), psi(b) - psi(a + b));
        /// Dirichlet psi(alpha) - psi(sum alpha); MultivariateNormal (loc, covariance + loc loc^T).
        /// </summary>
        /// <exception cref="ArgumentException">The number of parameters does not match the family.</exception>
        public static Tensor[] ToMean(QemFamily family, Tensor[] conventional)
        {
            CheckCount(family, conventional, nameof(conventional), "conventional parameters");
            var p = conventional;
            switch (family)
            {
                case QemFamily.Normal: return new[] { p[0].clone(), (p[1] * p[1]).add(p[0] * p[0], Scalars.Of(1)) };
                case QemFamily.Bernoulli:
                case QemFamily.Poisson: return new[] { p[0].clone() };
                case QemFamily.Exponential: return new[] { p[0].reciprocal() };
                case QemFamily.HalfNormal: return new[] { p[0] * p[0] };
                case QemFamily.Gamma: return new[] { p[0].digamma() - p[1].log(), p[0] / p[1] };
                case QemFamily.Beta:
                {
                    var total = (p[0].add(p[1], Scalars.Of(1))).digamma();
                    return new[] { p[0].digamma() - total, p[1].digamma() - total };
                }
                case QemFamily.Dirichlet:
                    RequireEventDim(family, p[0], nameof(conventional));
                    return new[] { p[0].digamma() - p[0].sum(-1, keepdim: true).digamma() };
                case QemFamily.MultivariateNormal:
                    RequireEventDim(family, p[0], nameof(conventional));
                    return new[] { p[0].clone(), p[1].add(p[0].unsqueeze(-1) * p[0].unsqueeze(-2), Scalars.Of(1)) };
                default: throw UnknownFamily(family);
            }
        }

        /// <summary>
        /// Conventional parameters (in <see cref="ParameterNames"/> order) from mean parameters (in
        /// <see cref="Statistics"/> order), batched with broadcasting. Normal: loc = m1, scale = sqrt(max(m2 - m1^2, tiny));
        /// Bernoulli probs = m; Exponential rate = 1/m; HalfNormal scale = sqrt(m); Poisson rate = m;
        /// Gamma: shape by Minka's generalised Newton iteration, rate = shape / E[x]; Beta and Dirichlet: Minka's fixed
        /// point alpha_k = psi^-1(E[log x_k] + psi(sum alpha)) with Newton inversion of psi (iterations in float64 to a
        /// relative tolerance of 1e-12, bounded); MultivariateNormal: loc = m1, covariance = m2 - m1 m1^T projected onto the
        /// positive-definite matrices (<see cref="PositiveDefiniteCovariance"/>). The Gamma, Beta and Dirichlet inversions run without autograd,
        /// so their results do not carry gradients.
        /// </summary>
        /// <exception cref="ArgumentException">The number of mean parameters does not match the family.</exception>
        public static Tensor[] FromMean(QemFamily family, Tensor[] mean)
        {
            CheckCount(family, mean, nameof(mean), "mean parameters");
            return FromMean(family, mean, QemSolver.ResultType(mean));
        }

        /// <summary>
        /// <see cref="FromMean(QemFamily, Tensor[])"/> for parameters to be stored in <paramref name="stored"/>: its floors
        /// (a Normal's variance, a MultivariateNormal's eigenvalues) are that dtype's, and a MultivariateNormal's
        /// covariance is projected onto the positive-definite matrices (<see cref="PositiveDefiniteCovariance"/>).
        /// </summary>
        internal static Tensor[] FromMean(QemFamily family, Tensor[] mean, ScalarType stored)
        {
            var m = mean;
            switch (family)
            {
                case QemFamily.Normal:
                {
                    var variance = m[1] - m[0] * m[0];
                    var tiny = torch.finfo(stored).tiny;
                    return new[] { m[0].clone(), variance.clamp_min(Scalars.Temporary(tiny)).sqrt() };
                }
                case QemFamily.Bernoulli:
                case QemFamily.Poisson: return new[] { m[0].clone() };
                case QemFamily.Exponential: return new[] { m[0].reciprocal() };
                case QemFamily.HalfNormal: return new[] { m[0].sqrt() };
                case QemFamily.Gamma:
                {
                    var dtype = QemSolver.ResultType(m[0], m[1]);
                    var shape = GammaInversion.Shape(m[0], m[1]);
                    var rate = shape / QemSolver.Work(m[1]);
                    return new[] { shape.to_type(dtype), rate.to_type(dtype) };
                }
                case QemFamily.Beta:
                {
                    var dtype = QemSolver.ResultType(m[0], m[1]);
                    var both = torch.broadcast_tensors(m[0], m[1]);
                    var alpha = DirichletInversion.Concentration(torch.stack(both, -1));
                    return new[] { alpha[TensorIndex.Ellipsis, 0].to_type(dtype), alpha[TensorIndex.Ellipsis, 1].to_type(dtype) };
                }
                case QemFamily.Dirichlet:
                    RequireEventDim(family, m[0], nameof(mean));
                    return new[] { DirichletInversion.Concentration(m[0]).to_type(QemSolver.ResultType(m[0])) };
                case QemFamily.MultivariateNormal:
                {
                    RequireEventDim(family, m[0], nameof(mean));
                    var covariance = m[1] - m[0].unsqueeze(-1) * m[0].unsqueeze(-2);
                    return new[] { m[0].clone(), PositiveDefiniteCovariance(covariance, stored) };
                }
                default: throw UnknownFamily(family);
            }
        }
    }
}
