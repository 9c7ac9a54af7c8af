using System;
using Alan.CompilerServices.Posterior;
using Alan.CompilerServices.TensorLayout;
using static TorchSharp.torch;

namespace Alan.CompilerServices.MomentMatching
{
    public static partial class Qem
    {
        /// <summary>
        /// E_post[T(z)] per plate element for a latent's QEM update (DESIGN 4.8): its sufficient statistics
        /// <see cref="Statistics"/> at each particle (in <see cref="PosteriorWeights.WorkType"/>), averaged under its group's
        /// posterior <paramref name="weights"/> over <paramref name="particleDim"/>, and shaped
        /// [<paramref name="leading"/>..., event...] like the family's parameters, in <see cref="Update"/>'s order.
        /// </summary>
        public static Tensor[] PosteriorExpectations(QemFamily family, Tensor particles, Tensor weights, long particleDim, int layoutRank, long[] leading)
        {
            if (particles is null) throw new ArgumentNullException(nameof(particles));
            var statistics = Statistics(family, particles.detach().to_type(PosteriorWeights.WorkType));
            var expectations = new Tensor[statistics.Length];
            for (int i = 0; i < statistics.Length; i++)
                expectations[i] = Layout.Extract(PosteriorWeights.Expect(weights, statistics[i], particleDim, layoutRank), layoutRank, leading);
            return expectations;
        }
    }
}
