using System;
using Alan;
using TorchSharp;
using static TorchSharp.torch;

namespace Alan.Integration.Tests.Models
{
    // A regression with a flat prior on its two coefficients and a known noise: y_i ~ N(beta_0 + beta_1 x_i, 0.7).
    // The posterior is exactly N((X'X)^-1 X'y, 0.49 (X'X)^-1); Q is that Gaussian, given as inputs.
    [Plate, Input("PostMean", Shape = new long[] { 2 }), Input("PostScaleTril", Shape = new long[] { 2, 2 })]
    public partial class FlatRegression
    {
        [Latent] static Flat Beta() => new(2);

        [Plate, Input("X")]
        public partial class Obs
        {
            [Data] static Normal Y(Tensor beta, Tensor x) => new(beta.select(-1, 0) + beta.select(-1, 1) * x, 0.7);
        }
    }

    [Plate]
    public partial class FlatRegressionGuide
    {
        [Latent] static MultivariateNormal Beta(Tensor postMean, Tensor postScaleTril) => new(postMean, scaleTril: postScaleTril);
    }

    [Problem(typeof(FlatRegression), typeof(FlatRegressionGuide))]
    public partial class FlatRegressionProblem { }

    // A flat per-group offset: SamplePrior has nothing to draw it from, and Extend may grow Obs but not Groups.
    [Plate]
    public partial class FlatGroups
    {
        [Latent] static Normal Beta() => new(0.0, 1.0);

        [Plate]
        public partial class Groups
        {
            [Latent] static Flat Alpha() => new();

            [Plate]
            public partial class Obs
            {
                [Data] static Normal Y(Tensor alpha, Tensor beta) => new(alpha + beta, 1.0);
            }
        }
    }

    [Plate]
    public partial class FlatGroupsGuide
    {
        [Latent] static Normal Beta() => new(0.0, 1.0);

        [Plate]
        public partial class Groups
        {
            [Latent] static Normal Alpha() => new(0.5, 2.0);
        }
    }

    [Problem(typeof(FlatGroups), typeof(FlatGroupsGuide))]
    public partial class FlatGroupsProblem { }

    // Stan's two-component normal mixture:
    //   ordered[2] mu;  mu ~ normal(0, 10);
    //   for (n in 1:N) target += log_mix(0.3, normal_lpdf(y[n] | mu[1], 1), normal_lpdf(y[n] | mu[2], 1));
    [Plate]
    public partial class StanMixture
    {
        [Latent] static Ordered Mu() => new(new Normal(0.0, 10.0), 2);

        [Plate]
        public partial class Points
        {
            [Data] static Mixture Y(Tensor mu) =>
                new(torch.tensor(new[] { Math.Log(0.3), Math.Log(0.7) }), new Normal(mu.select(-1, 0), 1.0), new Normal(mu.select(-1, 1), 1.0));
        }
    }

    // Q: two i.i.d. draws from an equal mixture of N(low, 1) and N(high, 1), sorted (not reparameterised: RWS).
    [Plate]
    public partial class StanMixtureGuide
    {
        [Latent] static Ordered Mu([Param(-1.0)] Tensor low, [Param(1.0)] Tensor high) =>
            new(new Mixture(torch.zeros(2), new Normal(low, 1.0), new Normal(high, 1.0)), 2);
    }

    [Problem(typeof(StanMixture), typeof(StanMixtureGuide))]
    public partial class StanMixtureProblem { }
}
