using System;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.CompilerServices.MomentMatching
{
    public static partial class Qem
    {
        /// <summary>
        /// The sufficient statistics T(x), in a fixed order (the order of <see cref="ToMean"/> and of the
        /// expectations passed to <see cref="Update"/>). Each is shaped like <paramref name="x"/> except for
        /// Dirichlet, T = log x ([..., n]), and MultivariateNormal, T = (x [..., n], x x^T [..., n, n]).
        /// Normal (x, x^2); Bernoulli x; Exponential x; HalfNormal x^2; Poisson x; Gamma (log x, x);
        /// Beta (log x, log(1 - x)). Integer and boolean inputs are converted to the default floating type first.
        /// </summary>
        /// <exception cref="ArgumentException">Dirichlet or MultivariateNormal with a scalar <paramref name="x"/>.</exception>
        public static Tensor[] Statistics(QemFamily family, Tensor x)
        {
            if (x is null) throw new ArgumentNullException(nameof(x));
            if (!torch.is_floating_point(x)) x = x.to_type(torch.get_default_dtype());
            switch (family)
            {
                case QemFamily.Normal: return new[] { x, x * x };
                case QemFamily.Bernoulli:
                case QemFamily.Exponential:
                case QemFamily.Poisson: return new[] { x };
                case QemFamily.HalfNormal: return new[] { x * x };
                case QemFamily.Gamma: return new[] { x.log(), x };
                case QemFamily.Beta: return new[] { x.log(), (-x).log1p() };
                case QemFamily.Dirichlet:
                    RequireEventDim(family, x, nameof(x));
                    return new[] { x.log() };
                case QemFamily.MultivariateNormal:
                    RequireEventDim(family, x, nameof(x));
                    return new[] { x, x.unsqueeze(-1) * x.unsqueeze(-2) };
                default: throw UnknownFamily(family);
            }
        }

        private static void RequireEventDim(QemFamily family, Tensor t, string paramName)
        {
            if (t.dim() < 1)
                throw new ArgumentException($"{family} needs a last (event) dimension; got a scalar tensor.", paramName);
        }
    }
}
