using System;
using System.Linq;
using Alan.Samples.MovieLens;
using NUnit.Framework;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Samples.Tests
{
    /// <summary>
    /// The MovieLens held-out predictive log-likelihood extends Films, a plate nested in the latent-carrying Users plate.
    /// Recomputed by hand from the extended draws (float64): log mean_n exp( sum over users and held-out films of
    /// log Bernoulli(rating | logit Z[n, user] . x) ), which is DESIGN 4.7's ll(all) - ll(train) for this model
    /// (Films holds no latent, so the held-out part is exactly the held-out ratings' likelihood given Z). Exact to 1e-8.
    /// </summary>
    public class MovieLensPredictiveTests
    {
        [Test]
        public void PredictiveLogLikelihood_OverTheNestedFilmsPlate_EqualsTheHandComputation()
        {
            var data = MovieLensData.Synthetic(users: 40, films: 6, seed: 3);
            var problem = new MovieLensProblem(data.TrainSizes, data.TrainObservations, data.TrainInputs, ScalarType.Float64);
            torch.manual_seed(5);
            var adam = torch.optim.Adam(problem.parameters(), lr: 0.1);
            for (int i = 0; i < 20; i++)
            {
                using var scope = torch.NewDisposeScope();
                adam.zero_grad();
                using var s = problem.Sample(10);
                (-s.ElboVi()).backward();
                adam.step();
            }

            using var noGrad = torch.no_grad();
            using var sample = problem.Sample(10, reparam: false);
            const int N = 50;
            var extended = sample.ImportanceSample(N).Extend(data.AllSizes, data.AllInputs);
            double library = extended.PredictiveLogLikelihood(data.AllObservations).Rating.item<double>();

            var z = extended.Z.to_type(ScalarType.Float64);                                   // [N, Users, 18]
            Assert.That(z.shape, Is.EqualTo(new long[] { N, data.Users, 18 }));
            var x = data.All.X.to_type(ScalarType.Float64);                                   // [Users, AllFilms, 18]
            var y = data.All.Rating.to_type(ScalarType.Float64);                              // [Users, AllFilms]
            var logits = (z.unsqueeze(2) * x.unsqueeze(0)).sum(-1);                           // [N, Users, AllFilms]
            var logLik = y * logits - torch.nn.functional.softplus(logits);                   // log Bernoulli(y | logits)
            var heldOut = logLik.narrow(2, data.TrainFilms, data.AllFilms - data.TrainFilms).sum(new long[] { 1, 2 });   // [N]
            double hand = (heldOut.logsumexp(0) - Math.Log(N)).item<double>();

            Assert.That(library, Is.EqualTo(hand).Within(1e-8));
        }
    }
}
